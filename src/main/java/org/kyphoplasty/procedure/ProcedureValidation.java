package org.kyphoplasty.procedure;

import java.util.HashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.kyphoplasty.clinical.AssessmentDates;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.VertebralLevel;
import org.kyphoplasty.common.BeanValidation;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Today;

/** Every rule for a new procedure, used by the JSON endpoint and the CSV import alike. */
@ApplicationScoped
public class ProcedureValidation {

    private final BeanValidation beanValidation;
    private final Today today;

    public ProcedureValidation(BeanValidation beanValidation, Today today) {
        this.beanValidation = beanValidation;
        this.today = today;
    }

    public List<FieldError> violations(ProcedureRequest request, int patientBirthYear) {
        List<FieldError> errors = beanValidation.violations(request);
        if (request.performedOn() != null) {
            if (request.performedOn().isAfter(today.date())) {
                errors.add(new FieldError("performedOn", "must not be in the future"));
            }
            if (request.performedOn().getYear() < patientBirthYear) {
                errors.add(new FieldError("performedOn", "must not be before the patient's birth year " + patientBirthYear));
            }
            if (request.fractureOnset() != null && request.fractureOnset().isAfter(request.performedOn())) {
                errors.add(new FieldError("fractureOnset", "must not be after performedOn"));
            }
            if (request.fractureOnset() != null && request.fractureOnset().isBefore(AssessmentDates.EARLIEST)) {
                errors.add(new FieldError("fractureOnset", "must not be before " + AssessmentDates.EARLIEST));
            }
        }
        if (request.levels() != null && !request.levels().contains(null)
                && new HashSet<VertebralLevel>(request.levels()).size() != request.levels().size()) {
            errors.add(new FieldError("levels", "must not repeat a level"));
        }
        if (request.type() == ProcedureType.NON_SURGICAL && request.cementVolumeMl() != null) {
            errors.add(new FieldError("cementVolumeMl", "must be absent for NON_SURGICAL care"));
        }
        return errors;
    }
}
