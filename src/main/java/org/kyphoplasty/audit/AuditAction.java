package org.kyphoplasty.audit;

public enum AuditAction {
    CREATE, UPDATE, DELETE, IMPORT
}
