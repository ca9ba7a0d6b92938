package org.kyphoplasty.demo;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import org.kyphoplasty.clinical.TimePoint;

/**
 * Writes a <b>synthetic</b> demo cohort in the service's CSV import format. No row describes a
 * real person: every {@code externalRef} starts with {@value #SYNTHETIC_PREFIX} (for example
 * {@code SYN-ORL-000123}) so that synthetic data can always be told apart from real data once
 * imported. The file itself starts with the header line, as the importer expects, with no comment.
 *
 * <h2>Usage</h2>
 * <pre>
 * java -cp target/classes org.kyphoplasty.demo.DemoCohort --patients 1000 --seed 42 --out demo.csv
 * </pre>
 * Defaults: 1000 patients, seed 42, output to stdout ({@code --out -}), today's date. The optional
 * {@code --today YYYY-MM-DD} fixes "today" (no procedure or assessment is ever dated after it), so
 * that the same arguments give the same bytes on any day.
 *
 * <h2>Determinism and streaming</h2>
 * The output depends only on ({@code patients}, {@code seed}, {@code today}). Each patient has its
 * own random stream derived from the seed and the patient's index, so the first {@code n} patients
 * of a larger cohort are the same as a cohort of {@code n}. Rows are written as they are made; no
 * row is kept in memory, so a file of millions of rows needs no more memory than one of ten.
 *
 * <h2>Model</h2>
 * <ul>
 * <li>Sites ORL, LYN, MRS, TLS, NTE (30/25/20/15/10 %). Sex about 75 % FEMALE, 24 % MALE, rare
 * UNKNOWN and OTHER. Age at procedure about 76 &plusmn; 8 (69 for malignancy), kept to 55..95.</li>
 * <li>KYPHOPLASTY 55 %, VERTEBROPLASTY 25 %, NON_SURGICAL 20 %; indication mostly OSTEOPOROSIS.
 * Dates uniform over the 1095 days up to today (surgery moved off weekends). 1 to 3 adjacent
 * levels, about three quarters at T10..L2. About 5 % of patients get a second procedure 60 to 760
 * days after the first.</li>
 * <li>PRE_FRACTURE (recalled at the baseline visit, so dated the same day): FAC mostly 4..5, and
 * sometimes an EQ-5D index. BASELINE: 0 to 30 days before the procedure (same day for most
 * non-surgical care); FAC drops 1..3 from pre-fracture, except for 15 % with no loss.</li>
 * <li>Follow-ups near their target day; 5 % outside the window (after the procedure all the
 * same). A visit dated after today is not written (not done yet). Each visit loses 5..8 % of the
 * patients still followed (by site; more above 85 and in conservative care), and 3 % of visits
 * are missed without dropping out. Some cells are empty (RMDQ 30 %, EQ-5D 20 %, ODI 10 %).</li>
 * <li>FAC: a patient either is back at the pre-fracture FAC or has regained part of the loss; the
 * share back at pre-fracture at WEEK_1, MONTH_1, _3, _6, _12, _24 is 40, 60, 70, 74, 76, 73 % after
 * surgery and 8, 30, 50, 57, 60, 58 % in conservative care (assumed: no published source gives it,
 * which is why the service measures it), plus &plusmn;1 noise on 5 % of visits.</li>
 * </ul>
 *
 * <h2>Figures and sources</h2>
 * <ul>
 * <li>Kyphoplasty and vertebroplasty follow EVOLVE (Beall et al., Neurosurgery 2019;84(1):169-178,
 * doi:10.1093/neuros/nyy017; figures as in the CNS 2017 abstract): NRS back pain 8.7 at baseline,
 * improved by 5.2, 5.4, 6.0, 6.2 and 6.3 at 7 days, 1, 3, 6 and 12 months; ODI 63.4, improved by
 * 30.5, 35.3, 36.3 and 36.2 at 1, 3, 6 and 12 months; EQ-5D index 0.383, improved by 0.316,
 * 0.351, 0.356 and 0.358. Week-1 ODI (26) and EQ-5D (0.27) and all of MONTH_24 (held at the
 * 12-month value) are interpolations, not EVOLVE figures.</li>
 * <li>Spread at baseline (assumed): NRS SD 1.2, ODI SD 12, RMDQ 17 &plusmn; 4 (RMDQ is not an EVOLVE
 * endpoint; it improves by the same fraction as the ODI), EQ-5D SD 0.2.</li>
 * <li>NON_SURGICAL follows the conservative arm of VERTOS II (Klazen et al., Lancet
 * 2010;376:1085-92): VAS about 7.5 at baseline, reduced by about 2.7 at 1 month and 3.7 at 1 year
 * (vertebroplasty 5.2 and 5.7); 60 % had VAS &le; 3 within the year (Venmans et al., AJNR
 * 2012;33:519-21). Other time points are interpolated (1.2 at week 1, 3.2, 3.5, 3.8 at months 3,
 * 6, 24). ODI, RMDQ and EQ-5D improve by the surgical change times the ratio of the two NRS
 * changes at that time point (assumed).</li>
 * <li>Each patient has one responsiveness factor (mean 1) that scales all score changes and goes
 * with FAC recovery; visits add noise (NRS SD 0.9, ODI 6, RMDQ 2, EQ-5D 0.07). Scores are rounded
 * and clamped: NRS 0..10, FAC 0..5, ODI 0..100, RMDQ 0..24, EQ-5D -0.594 (the lowest EQ-5D-3L UK
 * value, Dolan 1997) to 1.000 with 3 decimals.</li>
 * </ul>
 */
public final class DemoCohort {

    /** The CSV import header, the first line of every file. */
    public static final String HEADER = "site,externalRef,birthYear,sex,procedureType,performedOn,indication,"
            + "levels,timepoint,assessedOn,painNrs,mobilityFac,odi,rmdq,eq5dIndex";

    /** Every externalRef starts with this, marking the row as synthetic. */
    public static final String SYNTHETIC_PREFIX = "SYN-";

    private static final String USAGE = "usage: java -cp target/classes org.kyphoplasty.demo.DemoCohort"
            + " [--patients N (1000)] [--seed S (42)] [--out FILE|- (stdout)] [--today YYYY-MM-DD (today)]";

    // ---- population -------------------------------------------------------------------------

    private static final String[] SITES = { "ORL", "LYN", "MRS", "TLS", "NTE" };
    private static final double[] SITE_CUM = cumulative(30, 25, 20, 15, 10);
    /** Per-visit chance of being lost to follow-up, by site. */
    private static final double[] SITE_DROPOUT = { 0.050, 0.060, 0.070, 0.080, 0.065 };

    private static final String[] SEXES = { "FEMALE", "MALE", "UNKNOWN", "OTHER" };
    private static final double[] SEX_CUM = cumulative(750, 243, 5, 2);

    private static final String[] TYPES = { "KYPHOPLASTY", "VERTEBROPLASTY", "NON_SURGICAL" };
    private static final int NON_SURGICAL = 2;
    private static final double[] TYPE_CUM = cumulative(55, 25, 20);

    private static final String[] INDICATIONS = { "OSTEOPOROSIS", "MALIGNANCY", "STEROID_INDUCED", "METABOLIC",
            "TRAUMA", "OTHER" };
    private static final int MALIGNANCY = 1;
    private static final double[] INDICATION_CUM = cumulative(820, 80, 40, 15, 30, 15);

    private static final String[] LEVELS = { "C1", "C2", "C3", "C4", "C5", "C6", "C7",
            "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12",
            "L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4", "S5" };
    /** Weight of each level as the main fractured one: thoracolumbar junction first. */
    private static final double[] LEVEL_CUM = cumulative(
            0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, // C1..C7
            0.3, 0.3, 0.3, 0.3, 1, 1.5, 2.5, 3, 3.5, 5, 11, 25, // T1..T12
            24, 10, 5, 3, 1.5, // L1..L5
            0.6, 0.1, 0.1, 0.1, 0.1); // S1..S5

    /** Pre-fracture FAC 1..5. */
    private static final double[] PRE_FAC_CUM = cumulative(1, 4, 10, 30, 55);
    /** FAC lost to the fracture, 1..3, for those who lose any. */
    private static final double[] FAC_LOSS_CUM = cumulative(40, 40, 20);
    private static final double NO_FAC_LOSS = 0.15;

    // ---- dates -----------------------------------------------------------------------------

    /** Procedures are spread over this many days before today (today included). */
    private static final int PERFORMED_SPAN_DAYS = 1095;
    private static final int BASELINE_MAX_DAYS_BEFORE = TimePoint.BASELINE_MAX_DAYS_BEFORE;
    /** How far before the earliest procedure a date can be: weekend shift plus baseline. */
    private static final int DATE_CACHE_DAYS = PERFORMED_SPAN_DAYS + 2 + BASELINE_MAX_DAYS_BEFORE + 1;
    private static final double SECOND_PROCEDURE = 0.05;

    // ---- time points (PRE_FRACTURE, BASELINE, then the follow-ups) ---------------------------

    // the names and windows of the clinical enum, in its order: PRE_FRACTURE, BASELINE, then the follow-ups
    private static final String[] TIMEPOINTS = Arrays.stream(TimePoint.values()).map(Enum::name)
            .toArray(String[]::new);
    private static final TimePoint[] FOLLOW_UP_POINTS = Arrays.stream(TimePoint.values())
            .filter(TimePoint::isFollowUp).toArray(TimePoint[]::new);
    private static final int FOLLOW_UPS = FOLLOW_UP_POINTS.length;
    private static final int[] TARGET_DAY = Arrays.stream(FOLLOW_UP_POINTS).mapToInt(TimePoint::targetDay).toArray();
    private static final int[] WINDOW_OPENS = Arrays.stream(FOLLOW_UP_POINTS).mapToInt(TimePoint::windowOpensDay)
            .toArray();
    private static final int[] WINDOW_CLOSES = Arrays.stream(FOLLOW_UP_POINTS).mapToInt(TimePoint::windowClosesDay)
            .toArray();
    /** SD in days of an in-window visit around its target. */
    private static final double[] VISIT_SD = { 2, 4, 7, 10, 12, 14 };
    private static final double OUT_OF_WINDOW = 0.05;
    /** An out-of-window visit is up to this many days late (never reaching the next window). */
    private static final int[] MAX_DAYS_LATE = { 6, 24, 39, 60, 60, 60 };
    /** ... or up to this many days early (WEEK_1: day 1 or 2, still after the procedure). */
    private static final int[] MAX_DAYS_EARLY = { 2, 6, 14, 14, 14, 14 };
    private static final double MISSED_VISIT = 0.03;

    // ---- scores -----------------------------------------------------------------------------

    private static final double SURGICAL_NRS = 8.7;
    private static final double SURGICAL_NRS_SD = 1.2;
    private static final double CONSERVATIVE_NRS = 7.5;
    private static final double CONSERVATIVE_NRS_SD = 1.5;
    private static final double ODI = 63.4;
    private static final double ODI_SD = 12;
    private static final double RMDQ = 17;
    private static final double RMDQ_SD = 4;
    private static final double EQ5D = 0.383;
    private static final double EQ5D_SD = 0.2;

    /** EVOLVE: mean NRS improvement at WEEK_1 .. MONTH_24. */
    private static final double[] SURGICAL_NRS_CHANGE = { 5.2, 5.4, 6.0, 6.2, 6.3, 6.3 };
    /** EVOLVE: mean ODI improvement (WEEK_1 and MONTH_24 interpolated). */
    private static final double[] SURGICAL_ODI_CHANGE = { 26.0, 30.5, 35.3, 36.3, 36.2, 36.2 };
    /** EVOLVE: mean EQ-5D improvement (WEEK_1 and MONTH_24 interpolated). */
    private static final double[] SURGICAL_EQ5D_CHANGE = { 0.270, 0.316, 0.351, 0.356, 0.358, 0.358 };
    /** VERTOS II conservative arm: mean VAS improvement (1 month and 1 year published). */
    private static final double[] CONSERVATIVE_NRS_CHANGE = { 1.2, 2.7, 3.2, 3.5, 3.7, 3.8 };

    /** Share of patients back at their pre-fracture FAC, by follow-up. */
    private static final double[] SURGICAL_FAC_BACK = { 0.40, 0.60, 0.70, 0.74, 0.76, 0.73 };
    private static final double[] CONSERVATIVE_FAC_BACK = { 0.08, 0.30, 0.50, 0.57, 0.60, 0.58 };

    private static final int EQ5D_MIN_THOUSANDTHS = -594;
    private static final int NONE = Integer.MIN_VALUE;

    private static final int FLUSH_AT = 1 << 15;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private DemoCohort() {
    }

    /**
     * Writes the header and the rows of {@code patients} synthetic patients to {@code out}, then
     * flushes it (it is not closed). No date is after {@code today}.
     *
     * @throws UncheckedIOException when {@code out} fails
     */
    public static void write(int patients, long seed, LocalDate today, Writer out) {
        writeCounting(patients, seed, today, out);
    }

    /** As {@link #write}, returning the number of assessment rows written. */
    static long writeCounting(int patients, long seed, LocalDate today, Writer out) {
        if (patients < 0) {
            throw new IllegalArgumentException("patients must not be negative: " + patients);
        }
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(out, "out");
        try {
            Generator generator = new Generator(seed, today, out);
            for (int i = 0; i < patients; i++) {
                generator.patient(i);
            }
            return generator.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        int patients = 1000;
        long seed = 42;
        String out = "-";
        LocalDate today = LocalDate.now();
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("-h") || option.equals("--help")) {
                    System.out.println(USAGE);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + option);
                }
                String value = args[++i];
                switch (option) {
                    case "--patients" -> patients = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--out" -> out = value;
                    case "--today" -> today = LocalDate.parse(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (patients < 0) {
                throw new IllegalArgumentException("--patients must not be negative");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            System.err.println("DemoCohort: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        long started = System.nanoTime();
        long rows;
        try {
            if (out.equals("-")) {
                Writer writer = new BufferedWriter(new OutputStreamWriter(
                        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16);
                rows = writeCounting(patients, seed, today, writer);
            } else {
                try (Writer writer = Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
                    rows = writeCounting(patients, seed, today, writer);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("DemoCohort: cannot write " + out + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        System.err.printf("DemoCohort: %d synthetic patients, %d rows (seed %d, today %s) to %s in %d ms (%d rows/s)%n",
                patients, rows, seed, today, out.equals("-") ? "stdout" : out, millis, rows * 1000 / millis);
    }

    private static double[] cumulative(double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] cum = new double[weights.length];
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i];
            cum[i] = running / total;
        }
        cum[weights.length - 1] = 1.0;
        return cum;
    }

    /** SplitMix64's finaliser: spreads nearby seeds over the whole range. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int clamp(long value, int min, int max) {
        return (int) Math.max(min, Math.min(max, value));
    }

    /** One run: holds the output buffer, the date strings and the per-site counters. */
    private static final class Generator {

        private final long seedBase;
        private final long todayDay;
        private final long firstDay;
        private final char[][] dateText;
        private final int[] dateYear;
        private final Writer out;
        private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 1024);
        private final StringBuilder prefix = new StringBuilder(128);
        private char[] chunk = new char[FLUSH_AT + 1024];
        private final int[] siteCounters = new int[SITES.length];
        private long rows;
        private SplittableRandom rng;

        Generator(long seed, LocalDate today, Writer out) {
            this.seedBase = mix64(seed);
            this.todayDay = today.toEpochDay();
            this.firstDay = todayDay - DATE_CACHE_DAYS;
            this.out = out;
            int days = DATE_CACHE_DAYS + 1;
            dateText = new char[days][];
            dateYear = new int[days];
            for (int i = 0; i < days; i++) {
                LocalDate date = LocalDate.ofEpochDay(firstDay + i);
                dateText[i] = date.toString().toCharArray();
                dateYear[i] = date.getYear();
            }
            buffer.append(HEADER).append('\n');
        }

        long finish() throws IOException {
            flushBuffer();
            out.flush();
            return rows;
        }

        void patient(int index) throws IOException {
            rng = new SplittableRandom(mix64(seedBase + (index + 1L) * GOLDEN_GAMMA));
            int site = pick(SITE_CUM);
            int number = ++siteCounters[site];
            String sex = SEXES[pick(SEX_CUM)];
            int indication = pick(INDICATION_CUM);
            int type = pick(TYPE_CUM);
            long performed = procedureDay(todayDay - rng.nextInt(PERFORMED_SPAN_DAYS + 1), type);
            double meanAge = indication == MALIGNANCY ? 69 : 76;
            int age = clamp(Math.round(meanAge + 8 * rng.nextGaussian()), 55, 95);
            int birthYear = year(performed) - age;

            prefix.setLength(0);
            prefix.append(SITES[site]).append(',').append(SYNTHETIC_PREFIX).append(SITES[site]).append('-');
            for (int digits = 100_000; digits > 1 && number < digits; digits /= 10) {
                prefix.append('0');
            }
            prefix.append(number).append(',').append(birthYear).append(',').append(sex).append(',');
            int patientLength = prefix.length();

            procedure(patientLength, site, age, type, indication, performed);

            if (todayDay - performed >= 120 && rng.nextDouble() < SECOND_PROCEDURE) {
                int room = (int) Math.min(700, todayDay - performed - 60);
                int secondType = rng.nextDouble() < 0.7 ? type : pick(TYPE_CUM);
                long second = procedureDay(performed + 60 + rng.nextInt(room + 1), secondType);
                int secondAge = age + year(second) - year(performed);
                int secondIndication = rng.nextDouble() < 0.9 ? indication : pick(INDICATION_CUM);
                procedure(patientLength, site, secondAge, secondType, secondIndication, second);
            }
        }

        /** Surgery is mostly not done at weekends: moved back to the Friday (never later). */
        private long procedureDay(long day, int type) {
            if (type == NON_SURGICAL) {
                return day;
            }
            int dayOfWeek = (int) Math.floorMod(day + 3, 7L); // 0 = Monday; 1970-01-01 was a Thursday
            if (dayOfWeek >= 5 && rng.nextDouble() < 0.9) {
                return day - (dayOfWeek - 4);
            }
            return day;
        }

        private void procedure(int patientLength, int site, int age, int type, int indication, long performed)
                throws IOException {
            boolean surgical = type != NON_SURGICAL;
            prefix.setLength(patientLength);
            prefix.append(TYPES[type]).append(',');
            prefix.append(dateText[(int) (performed - firstDay)]).append(',');
            prefix.append(INDICATIONS[indication]).append(',');
            appendLevels();
            prefix.append(',');

            // Latent state of this episode.
            double severity = rng.nextGaussian();
            double basePain = surgical
                    ? SURGICAL_NRS + SURGICAL_NRS_SD * (0.6 * severity + 0.8 * rng.nextGaussian())
                    : CONSERVATIVE_NRS + CONSERVATIVE_NRS_SD * (0.6 * severity + 0.8 * rng.nextGaussian());
            double baseOdi = ODI + ODI_SD * (0.7 * severity + 0.714 * rng.nextGaussian());
            double baseRmdq = RMDQ + RMDQ_SD * (0.7 * severity + 0.714 * rng.nextGaussian());
            double baseEq5d = EQ5D - EQ5D_SD * (0.6 * severity + 0.8 * rng.nextGaussian());
            int preFac = 1 + pick(PRE_FAC_CUM);
            int baseFac = rng.nextDouble() < NO_FAC_LOSS ? preFac : Math.max(0, preFac - 1 - pick(FAC_LOSS_CUM));
            int facLoss = preFac - baseFac;
            double recovery = rng.nextDouble(); // below the share "back" at a visit: back at pre-fracture FAC
            double partial = rng.nextDouble(); // otherwise, the part of the loss regained
            double response = Math.max(0, Math.min(2, 0.55 + 0.9 * (1 - recovery) + 0.15 * rng.nextGaussian()));

            int daysBefore;
            if (surgical) {
                daysBefore = rng.nextDouble() < 0.15 ? 0
                        : Math.min(BASELINE_MAX_DAYS_BEFORE, 1 + (int) (5 * rng.nextExponential()));
            } else {
                daysBefore = rng.nextDouble() < 0.7 ? 0 : 1 + rng.nextInt(7);
            }
            long baselineDay = performed - daysBefore;

            // PRE_FRACTURE: recalled at the baseline visit.
            int preFacCell = rng.nextDouble() < 0.97 ? preFac : NONE;
            int preEq5dCell = rng.nextDouble() < 0.35
                    ? eq5d(0.78 + 0.13 * rng.nextGaussian()) : NONE;
            if (preFacCell != NONE || preEq5dCell != NONE) {
                row(0, baselineDay, NONE, preFacCell, NONE, NONE, preEq5dCell);
            }

            // BASELINE
            int pain = rng.nextDouble() < 0.99 ? clamp(Math.round(basePain), 0, 10) : NONE;
            int fac = rng.nextDouble() < 0.97 ? baseFac : NONE;
            int odi = rng.nextDouble() < 0.95 ? clamp(Math.round(baseOdi), 0, 100) : NONE;
            int rmdq = rng.nextDouble() < 0.70 ? clamp(Math.round(baseRmdq), 0, 24) : NONE;
            int eq = rng.nextDouble() < 0.85 ? eq5d(baseEq5d) : NONE;
            if (pain == NONE && fac == NONE && odi == NONE && rmdq == NONE && eq == NONE) {
                pain = clamp(Math.round(basePain), 0, 10);
            }
            row(1, baselineDay, pain, fac, odi, rmdq, eq);

            // Follow-ups
            double dropout = SITE_DROPOUT[site] + (age >= 85 ? 0.02 : 0) + (surgical ? 0 : 0.01);
            double[] facBack = surgical ? SURGICAL_FAC_BACK : CONSERVATIVE_FAC_BACK;
            int previousOffset = 0;
            for (int k = 0; k < FOLLOW_UPS; k++) {
                if (rng.nextDouble() < dropout) {
                    break; // lost to follow-up: no further visit
                }
                int offset = Math.max(visitOffset(k), previousOffset + 1);
                long day = performed + offset;
                if (day > todayDay) {
                    break; // not done yet
                }
                previousOffset = offset;
                if (rng.nextDouble() < MISSED_VISIT) {
                    continue;
                }
                double painShare = surgical ? SURGICAL_NRS_CHANGE[k] / SURGICAL_NRS
                        : CONSERVATIVE_NRS_CHANGE[k] / CONSERVATIVE_NRS;
                double ratio = surgical ? 1 : CONSERVATIVE_NRS_CHANGE[k] / SURGICAL_NRS_CHANGE[k];
                double disabilityShare = ratio * SURGICAL_ODI_CHANGE[k] / ODI;

                pain = rng.nextDouble() < 0.97
                        ? clamp(Math.round(basePain * (1 - Math.min(1, response * painShare))
                                + 0.9 * rng.nextGaussian()), 0, 10)
                        : NONE;
                if (rng.nextDouble() < 0.95) {
                    int value = facLoss == 0 ? baseFac
                            : recovery < facBack[k] ? preFac : baseFac + (int) (partial * facLoss);
                    if (rng.nextDouble() < 0.05) {
                        value += rng.nextBoolean() ? 1 : -1;
                    }
                    fac = clamp(value, 0, 5);
                } else {
                    fac = NONE;
                }
                odi = rng.nextDouble() < 0.90
                        ? clamp(Math.round(baseOdi * (1 - Math.min(1, response * disabilityShare))
                                + 6 * rng.nextGaussian()), 0, 100)
                        : NONE;
                rmdq = rng.nextDouble() < 0.70
                        ? clamp(Math.round(baseRmdq * (1 - Math.min(1, response * disabilityShare))
                                + 2 * rng.nextGaussian()), 0, 24)
                        : NONE;
                eq = rng.nextDouble() < 0.80
                        ? eq5d(baseEq5d + response * ratio * SURGICAL_EQ5D_CHANGE[k] + 0.07 * rng.nextGaussian())
                        : NONE;
                if (pain == NONE && fac == NONE && odi == NONE && rmdq == NONE && eq == NONE) {
                    pain = clamp(Math.round(basePain * (1 - Math.min(1, response * painShare))), 0, 10);
                }
                row(2 + k, day, pain, fac, odi, rmdq, eq);
            }
        }

        /** Days after the procedure of follow-up {@code k}: near the target, 5 % outside the window. */
        private int visitOffset(int k) {
            if (rng.nextDouble() < OUT_OF_WINDOW) {
                boolean early = k == 0 ? rng.nextBoolean() : rng.nextDouble() < 0.2;
                return early ? WINDOW_OPENS[k] - 1 - rng.nextInt(MAX_DAYS_EARLY[k])
                        : WINDOW_CLOSES[k] + 1 + rng.nextInt(MAX_DAYS_LATE[k]);
            }
            return clamp(TARGET_DAY[k] + Math.round(VISIT_SD[k] * rng.nextGaussian()), WINDOW_OPENS[k],
                    WINDOW_CLOSES[k]);
        }

        /** 1 to 3 distinct levels, adjacent or one apart, in head-to-tail order. */
        private void appendLevels() {
            int first = pick(LEVEL_CUM);
            double r = rng.nextDouble();
            int count = r < 0.70 ? 1 : r < 0.92 ? 2 : 3;
            long mask = 1L << first;
            int low = first;
            int high = first;
            for (int c = 1; c < count; c++) {
                int step = rng.nextDouble() < 0.15 ? 2 : 1;
                int next = rng.nextBoolean() ? low - step : high + step;
                if (next < 0) {
                    next = high + step;
                } else if (next >= LEVELS.length) {
                    next = low - step;
                }
                mask |= 1L << next;
                low = Math.min(low, next);
                high = Math.max(high, next);
            }
            boolean separator = false;
            for (int level = low; level <= high; level++) {
                if ((mask & (1L << level)) != 0) {
                    if (separator) {
                        prefix.append(';');
                    }
                    prefix.append(LEVELS[level]);
                    separator = true;
                }
            }
        }

        private void row(int timepoint, long day, int pain, int fac, int odi, int rmdq, int eq5d)
                throws IOException {
            StringBuilder b = buffer;
            b.append(prefix).append(TIMEPOINTS[timepoint]).append(',');
            b.append(dateText[(int) (day - firstDay)]).append(',');
            if (pain != NONE) {
                b.append(pain);
            }
            b.append(',');
            if (fac != NONE) {
                b.append(fac);
            }
            b.append(',');
            if (odi != NONE) {
                b.append(odi);
            }
            b.append(',');
            if (rmdq != NONE) {
                b.append(rmdq);
            }
            b.append(',');
            if (eq5d != NONE) {
                int thousandths = eq5d;
                if (thousandths < 0) {
                    b.append('-');
                    thousandths = -thousandths;
                }
                b.append(thousandths / 1000).append('.');
                int fraction = thousandths % 1000;
                if (fraction < 100) {
                    b.append('0');
                }
                if (fraction < 10) {
                    b.append('0');
                }
                b.append(fraction);
            }
            b.append('\n');
            rows++;
            if (b.length() >= FLUSH_AT) {
                flushBuffer();
            }
        }

        private void flushBuffer() throws IOException {
            int length = buffer.length();
            if (length == 0) {
                return;
            }
            if (chunk.length < length) {
                chunk = new char[length];
            }
            buffer.getChars(0, length, chunk, 0);
            out.write(chunk, 0, length);
            buffer.setLength(0);
        }

        /** An EQ-5D index in thousandths, clamped to the instrument's range. */
        private static int eq5d(double value) {
            return clamp(Math.round(value * 1000), EQ5D_MIN_THOUSANDTHS, 1000);
        }

        private int year(long day) {
            return dateYear[(int) (day - firstDay)];
        }

        private int pick(double[] cumulative) {
            double r = rng.nextDouble();
            int last = cumulative.length - 1;
            for (int i = 0; i < last; i++) {
                if (r < cumulative[i]) {
                    return i;
                }
            }
            return last;
        }
    }
}
