package org.kyphoplasty.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.kyphoplasty.clinical.Scale;

/** The scores of one visit; the ranges are those of {@link Scale}. */
public record AssessmentRequest(
        @NotNull LocalDate assessedOn,
        @Min(0) @Max(Scale.PAIN_MAX) Integer painNrs,
        @Min(0) @Max(Scale.FAC_MAX) Integer mobilityFac,
        @Min(0) @Max(Scale.ODI_MAX) Integer odi,
        @Min(0) @Max(Scale.RMDQ_MAX) Integer rmdq,
        @DecimalMin(Scale.EQ5D_MIN) @DecimalMax(Scale.EQ5D_MAX) @Digits(integer = 1, fraction = 3)
        BigDecimal eq5dIndex) {

    public boolean hasAnyScore() {
        return painNrs != null || mobilityFac != null || odi != null || rmdq != null || eq5dIndex != null;
    }
}
