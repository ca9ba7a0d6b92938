package org.kyphoplasty.followup;

import java.time.LocalDate;
import java.util.UUID;

import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.TimePoint;

/** One visit to arrange: its window and whether it is open now (DUE) or recently closed (OVERDUE). */
public record FollowUp(UUID procedureId, UUID patientId, String externalRef, String site, ProcedureType type,
        LocalDate performedOn, TimePoint timepoint, LocalDate windowOpens, LocalDate windowCloses, Status status) {

    public enum Status {
        DUE, OVERDUE
    }
}
