package org.kyphoplasty.outcomes;

/** A report with the number of patients its query covered, for the audit trail of reads (never published). */
public record Answered<T>(T report, long patients) {
}
