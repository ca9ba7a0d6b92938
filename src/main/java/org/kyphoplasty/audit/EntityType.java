package org.kyphoplasty.audit;

public enum EntityType {
    PATIENT, PROCEDURE, ASSESSMENT,
    /** An aggregate query or export (READ entries; the id is the query's own). */
    QUERY
}
