package org.kyphoplasty.clinical;

/**
 * The scores analysed for responders, with their column and minimal clinically important
 * difference (DOMAIN.md "Scores"). All three are "higher = worse", so an improvement is a fall.
 */
public enum Score {
    PAIN_NRS(Scale.PAIN_NRS.column(), Scale.PAIN_MCID, Scale.PAIN_MAX),
    ODI(Scale.ODI.column(), Scale.ODI_MCID, Scale.ODI_MAX),
    RMDQ(Scale.RMDQ.column(), Scale.RMDQ_MCID, Scale.RMDQ_MAX);

    private final String column;
    private final int mcid;
    private final int maximum;

    Score(String column, int mcid, int maximum) {
        this.column = column;
        this.mcid = mcid;
        this.maximum = maximum;
    }

    /** The top of the scale (the bottom is 0). */
    public int maximum() {
        return maximum;
    }

    public String column() {
        return column;
    }

    public int mcid() {
        return mcid;
    }
}
