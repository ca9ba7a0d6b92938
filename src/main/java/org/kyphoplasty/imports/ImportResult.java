package org.kyphoplasty.imports;

/** What an import changed. Rows identical to what is stored change nothing and count as unchanged. */
public record ImportResult(long rows, long patientsCreated, long proceduresCreated, long assessmentsCreated,
        long assessmentsReplaced, long assessmentsUnchanged) {
}
