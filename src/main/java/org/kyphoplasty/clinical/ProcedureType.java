package org.kyphoplasty.clinical;

/** NON_SURGICAL is conservative care, the comparison group; its date is the start of care. */
public enum ProcedureType {
    KYPHOPLASTY, VERTEBROPLASTY, NON_SURGICAL;

    public boolean isSurgical() {
        return this != NON_SURGICAL;
    }
}
