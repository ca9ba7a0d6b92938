package org.kyphoplasty.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.kyphoplasty.clinical.TimePoint;

public record AssessmentResponse(UUID id, UUID procedureId, TimePoint timepoint, LocalDate assessedOn, int dayOffset,
        boolean withinWindow, Integer painNrs, Integer mobilityFac, Integer odi, Integer rmdq, BigDecimal eq5dIndex,
        int version, Instant createdAt, Instant updatedAt) {

    public static AssessmentResponse of(Assessment assessment) {
        return new AssessmentResponse(assessment.id, assessment.procedureId, assessment.timepoint,
                assessment.assessedOn, assessment.dayOffset, assessment.withinWindow, assessment.painNrs,
                assessment.mobilityFac, assessment.odi, assessment.rmdq, assessment.eq5dIndex, assessment.version,
                assessment.createdAt, assessment.updatedAt);
    }

    public String etag() {
        return "\"" + version + "\"";
    }
}
