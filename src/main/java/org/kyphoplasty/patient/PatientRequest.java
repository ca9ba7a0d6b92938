package org.kyphoplasty.patient;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.kyphoplasty.clinical.Sex;
import org.kyphoplasty.clinical.SiteCode;

/** A new patient; the upper bound of birthYear (the current year) is checked by {@link PatientValidation}. */
public record PatientRequest(
        @NotNull @Pattern(regexp = SiteCode.PATTERN, message = SiteCode.MESSAGE) String site,
        @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must contain printable characters only") String externalRef,
        @NotNull @Min(1900) Integer birthYear,
        @NotNull Sex sex) {
}
