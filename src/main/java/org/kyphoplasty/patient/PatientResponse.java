package org.kyphoplasty.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Sex;

/** A patient as the API shows it; {@code procedures} is left out of list items and audit entries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PatientResponse(UUID id, String site, String externalRef, int birthYear, Sex sex, Instant createdAt,
        List<ProcedureSummary> procedures) {

    public record ProcedureSummary(UUID id, ProcedureType type, LocalDate performedOn) {
    }

    public static PatientResponse of(Patient patient, List<ProcedureSummary> procedures) {
        return new PatientResponse(patient.id, patient.site, patient.externalRef, patient.birthYear, patient.sex,
                patient.createdAt, procedures);
    }
}
