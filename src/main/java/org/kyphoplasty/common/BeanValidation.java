package org.kyphoplasty.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

/**
 * Runs the Bean Validation constraints of an input record and returns them as field errors, so the
 * JSON endpoints and the CSV import apply exactly the same rules.
 */
@ApplicationScoped
public class BeanValidation {

    private final Validator validator;

    public BeanValidation(Validator validator) {
        this.validator = validator;
    }

    public <T> List<FieldError> violations(T input) {
        Set<ConstraintViolation<T>> violations = validator.validate(input);
        List<FieldError> errors = new ArrayList<>(violations.size());
        for (ConstraintViolation<T> violation : violations) {
            errors.add(new FieldError(fieldOf(violation), violation.getMessage()));
        }
        return sorted(errors);
    }

    static List<FieldError> sorted(List<FieldError> errors) {
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }

    /** The JSON path of a violation, without the method and parameter nodes of a resource call. */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null && !field.isEmpty()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName().startsWith("<")) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
