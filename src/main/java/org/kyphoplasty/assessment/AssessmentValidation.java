package org.kyphoplasty.assessment;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.kyphoplasty.clinical.AssessmentDates;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.common.BeanValidation;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Today;

/** Every rule for an assessment, used by the JSON endpoint and the CSV import alike. */
@ApplicationScoped
public class AssessmentValidation {

    public static final String SCORES_FIELD = "scores";

    private final BeanValidation beanValidation;
    private final Today today;

    public AssessmentValidation(BeanValidation beanValidation, Today today) {
        this.beanValidation = beanValidation;
        this.today = today;
    }

    public List<FieldError> violations(AssessmentRequest request, TimePoint timepoint, LocalDate performedOn) {
        List<FieldError> errors = beanValidation.violations(request);
        if (!request.hasAnyScore()) {
            errors.add(new FieldError(SCORES_FIELD,
                    "at least one of painNrs, mobilityFac, odi, rmdq, eq5dIndex is required"));
        }
        if (request.assessedOn() != null) {
            AssessmentDates.violation(timepoint, performedOn, request.assessedOn(), today.date())
                    .ifPresent(message -> errors.add(new FieldError("assessedOn", message)));
        }
        return errors;
    }
}
