package org.kyphoplasty.clinical;

import java.math.BigDecimal;

/**
 * The five score instruments with their ranges, direction and minimal clinically important difference (docs/DOMAIN.md
 * "Scores"). The constants are the one source of the ranges: the request validation annotations, the responder
 * analysis and the reference endpoint read them; the SQL CHECKs repeat them as a last line of defence and a test
 * compares the two.
 */
public enum Scale {
    PAIN_NRS("painNrs", "pain_nrs", Scale.PAIN_MAX, false, Scale.PAIN_MCID),
    MOBILITY_FAC("mobilityFac", "mobility_fac", Scale.FAC_MAX, true, null),
    ODI("odi", "odi", Scale.ODI_MAX, false, Scale.ODI_MCID),
    RMDQ("rmdq", "rmdq", Scale.RMDQ_MAX, false, Scale.RMDQ_MCID),
    EQ5D_INDEX("eq5dIndex", "eq5d_index", 1, true, null);

    public static final int PAIN_MAX = 10;
    public static final int PAIN_MCID = 2;
    public static final int FAC_MAX = 5;
    public static final int ODI_MAX = 100;
    public static final int ODI_MCID = 10;
    public static final int RMDQ_MAX = 24;
    public static final int RMDQ_MCID = 5;
    public static final String EQ5D_MIN = "-1.000";
    public static final String EQ5D_MAX = "1.000";
    /** Walters & Brazier 2005. */
    public static final BigDecimal EQ5D_MCID = new BigDecimal("0.074");

    private final String field;
    private final String column;
    private final int maximum;
    private final boolean higherIsBetter;
    private final Integer mcid;

    Scale(String field, String column, int maximum, boolean higherIsBetter, Integer mcid) {
        this.field = field;
        this.column = column;
        this.maximum = maximum;
        this.higherIsBetter = higherIsBetter;
        this.mcid = mcid;
    }

    /** The JSON field of an assessment. */
    public String field() {
        return field;
    }

    public String column() {
        return column;
    }

    public Number minimum() {
        return this == EQ5D_INDEX ? new BigDecimal(EQ5D_MIN) : 0;
    }

    public Number maximum() {
        return this == EQ5D_INDEX ? new BigDecimal(EQ5D_MAX) : maximum;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The MCID in points; FAC has none (mobility recovery uses categories instead). */
    public Number mcid() {
        return this == EQ5D_INDEX ? EQ5D_MCID : mcid;
    }
}
