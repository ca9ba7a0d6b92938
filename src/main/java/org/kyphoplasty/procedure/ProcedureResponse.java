package org.kyphoplasty.procedure;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.kyphoplasty.assessment.AssessmentResponse;
import org.kyphoplasty.clinical.Indication;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.VertebralLevel;

/** A procedure as the API shows it; {@code assessments} is left out of audit entries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcedureResponse(UUID id, UUID patientId, String site, ProcedureType type, LocalDate performedOn,
        Indication indication, List<VertebralLevel> levels, LocalDate fractureOnset, BigDecimal cementVolumeMl,
        Instant createdAt, List<AssessmentResponse> assessments) {

    public static ProcedureResponse of(Procedure procedure, List<AssessmentResponse> assessments) {
        return new ProcedureResponse(procedure.id, procedure.patientId, procedure.site, procedure.type,
                procedure.performedOn, procedure.indication,
                Arrays.stream(procedure.levels).map(VertebralLevel::valueOf).toList(), procedure.fractureOnset,
                procedure.cementVolumeMl, procedure.createdAt, assessments);
    }
}
