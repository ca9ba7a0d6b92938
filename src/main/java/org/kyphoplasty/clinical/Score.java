package org.kyphoplasty.clinical;

/**
 * The scores analysed for responders (docs/DOMAIN.md "Score responders"), each one of the {@link Scale}s with an
 * MCID. All three are "higher = worse", so an improvement is a fall.
 */
public enum Score {
    PAIN_NRS(Scale.PAIN_NRS),
    ODI(Scale.ODI),
    RMDQ(Scale.RMDQ);

    private final Scale scale;

    Score(Scale scale) {
        this.scale = scale;
    }

    /** The top of the scale (the bottom is 0). */
    public int maximum() {
        return scale.maximum().intValue();
    }

    public String column() {
        return scale.column();
    }

    public int mcid() {
        return scale.mcid().intValue();
    }
}
