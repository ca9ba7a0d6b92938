package org.kyphoplasty.clinical;

/** What "regained mobility" means at follow-up (DOMAIN.md "Outcome definitions"). */
public enum MobilityDefinition {
    /** FAC(T) >= FAC(PRE_FRACTURE), as the METEOR indicator 628241 does for hip fracture. */
    RETURN_TO_PRE_FRACTURE,
    /** FAC(T) > FAC(BASELINE). */
    ANY_IMPROVEMENT
}
