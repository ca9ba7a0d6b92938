package org.kyphoplasty.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The scores of one visit; the ranges are those of DOMAIN.md "Scores". */
public record AssessmentRequest(
        @NotNull LocalDate assessedOn,
        @Min(0) @Max(10) Integer painNrs,
        @Min(0) @Max(5) Integer mobilityFac,
        @Min(0) @Max(100) Integer odi,
        @Min(0) @Max(24) Integer rmdq,
        @DecimalMin("-1.000") @DecimalMax("1.000") @Digits(integer = 1, fraction = 3) BigDecimal eq5dIndex) {

    public boolean hasAnyScore() {
        return painNrs != null || mobilityFac != null || odi != null || rmdq != null || eq5dIndex != null;
    }
}
