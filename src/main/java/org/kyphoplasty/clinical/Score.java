package org.kyphoplasty.clinical;

/**
 * The scores analysed for responders, with their column and minimal clinically important
 * difference (DOMAIN.md "Scores"). All three are "higher = worse", so an improvement is a fall.
 */
public enum Score {
    PAIN_NRS("pain_nrs", 2),
    ODI("odi", 10),
    RMDQ("rmdq", 5);

    private final String column;
    private final int mcid;

    Score(String column, int mcid) {
        this.column = column;
        this.mcid = mcid;
    }

    public String column() {
        return column;
    }

    public int mcid() {
        return mcid;
    }
}
