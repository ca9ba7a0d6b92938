package org.kyphoplasty.patient;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.kyphoplasty.clinical.Sex;

/** A new patient; the upper bound of birthYear (the current year) is checked by {@link PatientValidation}. */
public record PatientRequest(
        @NotNull @Pattern(regexp = "[A-Z0-9_-]{2,16}", message = "must be 2 to 16 of A-Z, 0-9, _ and -") String site,
        @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must contain printable characters only") String externalRef,
        @NotNull @Min(1900) Integer birthYear,
        @NotNull Sex sex) {
}
