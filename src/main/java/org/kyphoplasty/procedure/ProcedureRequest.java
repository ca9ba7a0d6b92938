package org.kyphoplasty.procedure;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kyphoplasty.clinical.Indication;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.VertebralLevel;

/** A new procedure; the rules that involve dates or several fields are in {@link ProcedureValidation}. */
public record ProcedureRequest(
        @NotNull ProcedureType type,
        @NotNull LocalDate performedOn,
        @NotNull Indication indication,
        @NotNull @Size(min = 1, max = VertebralLevel.MAX_PER_PROCEDURE) List<@NotNull VertebralLevel> levels,
        LocalDate fractureOnset,
        @DecimalMin("0") @DecimalMax("50") @Digits(integer = 2, fraction = 2) BigDecimal cementVolumeMl) {
}
