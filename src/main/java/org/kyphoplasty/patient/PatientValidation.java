package org.kyphoplasty.patient;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.kyphoplasty.common.BeanValidation;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Today;

/** Every rule for a new patient, used by the JSON endpoint and the CSV import alike. */
@ApplicationScoped
public class PatientValidation {

    private final BeanValidation beanValidation;
    private final Today today;

    public PatientValidation(BeanValidation beanValidation, Today today) {
        this.beanValidation = beanValidation;
        this.today = today;
    }

    public List<FieldError> violations(PatientRequest request) {
        List<FieldError> errors = beanValidation.violations(request);
        int currentYear = today.date().getYear();
        if (request.birthYear() != null && request.birthYear() > currentYear) {
            errors.add(new FieldError("birthYear", "must not be after the current year " + currentYear));
        }
        return errors;
    }
}
