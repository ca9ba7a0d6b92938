package org.kyphoplasty.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per test class, driven through Debian's chromium and chromedriver. Both
 * paths are given explicitly, so Selenium Manager never looks for (or downloads) a browser or a
 * driver: the build machines have no network beyond the package registries.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("web.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("web.chromedriver", "/usr/bin/chromedriver");
    /** Where screenshots go; -Dweb.screenshots=docs/screenshots refreshes the README's pictures. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("web.screenshots", "target/screenshots"));

    private static final Duration WAIT = Duration.ofSeconds(20);

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    static Browser start() {
        try {
            Path profile = Files.createTempDirectory("kyphoplasty-chromium-profile-");
            Path downloads = Files.createTempDirectory("kyphoplasty-chromium-downloads-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--window-size=1280,1000", "--lang=en-US");
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
            deleteQuietly(downloads);
        }
    }

    /** Waits, retrying a condition whose element was re-rendered meanwhile (the page replaces sections whole). */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Opens the page and signs out a previous test's user, leaving the sign-in form. */
    void open(URL base) {
        driver.get(base.toString());
        waiting().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        WebElement signOut = driver.findElement(By.id("sign-out"));
        if (signOut.isDisplayed()) {
            signOut.click();
        }
        visible(By.id("token-input"));
    }

    /** Pastes a token into the sign-in form, as a user would, and waits until the page says who is signed in. */
    void signIn(URL base, String token) {
        open(base);
        WebElement input = driver.findElement(By.id("token-input"));
        input.clear();
        input.sendKeys(token);
        driver.findElement(By.id("token-submit")).click();
        visible(By.id("whoami"));
    }

    WebElement visible(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement visible(String css) {
        return visible(By.cssSelector(css));
    }

    void click(String css) {
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    void type(String css, String text) {
        WebElement input = visible(css);
        input.clear();
        input.sendKeys(text);
    }

    void select(String css, String value) {
        new Select(visible(css)).selectByValue(value);
    }

    /** Date inputs take keys in the locale's order; setting the value as a script would is unambiguous. */
    void setDate(String css, String isoDate) {
        WebElement input = visible(css);
        script("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, isoDate);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    String text(String css) {
        return visible(css).getText();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void waitFor(String css) {
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    void waitUntilGone(String css) {
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), 0));
    }

    /** A picture of the whole page (the window is stretched to the page's height for the shot). */
    Path screenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        try {
            Number height = (Number) script("return Math.ceil(document.documentElement.scrollHeight)");
            driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(6000, height.intValue() + 140)));
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Path partial = SCREENSHOTS.resolve(name + ".png.part");
            Files.write(partial, png);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
