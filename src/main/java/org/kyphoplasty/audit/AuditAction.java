package org.kyphoplasty.audit;

public enum AuditAction {
    CREATE, UPDATE, DELETE, IMPORT,
    /** An aggregate query or an export: who asked what, covering how many patients. */
    READ
}
