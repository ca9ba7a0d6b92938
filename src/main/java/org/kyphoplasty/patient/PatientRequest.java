package org.kyphoplasty.patient;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.kyphoplasty.clinical.Sex;
import org.kyphoplasty.clinical.SiteCode;
import org.kyphoplasty.common.TextRule;
import org.kyphoplasty.common.ValidText;

/**
 * A new patient; the upper bound of birthYear (the current year) is checked by {@link PatientValidation}.
 * {@code externalRef} is normalised to NFC here, so JSON bodies and CSV rows store (and find) the same
 * reference whichever way the client composed its accents.
 */
public record PatientRequest(
        @NotNull @Pattern(regexp = SiteCode.PATTERN, message = SiteCode.MESSAGE) String site,
        @NotNull @ValidText(max = Patient.EXTERNAL_REF_MAX) String externalRef,
        @NotNull @Min(1900) Integer birthYear,
        @NotNull Sex sex) {

    public PatientRequest {
        externalRef = TextRule.normalize(externalRef);
    }
}
