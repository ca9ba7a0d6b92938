package org.kyphoplasty.clinical;

/** The format of a site code (API.md "Patients"), for request bodies and query parameters alike. */
public final class SiteCode {

    public static final String PATTERN = "[A-Z0-9_-]{2,16}";
    public static final String MESSAGE = "must be 2 to 16 of A-Z, 0-9, _ and -";

    private SiteCode() {
    }

    public static boolean isValid(String site) {
        return site != null && site.matches(PATTERN);
    }
}
