package org.kyphoplasty.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Parsing of path and query parameters that names the offending parameter on failure, instead of
 * the framework's anonymous 404 for an unconvertible path parameter. Each method appends to
 * {@code errors} and returns null when the value is unusable, so all bad parameters are reported.
 */
public final class Params {

    private Params() {
    }

    public static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid(name, "must be a UUID");
        }
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        List<FieldError> errors = new java.util.ArrayList<>();
        E result = enumValue(errors, name, value, type, null);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return result;
    }

    public static <E extends Enum<E>> E enumValue(List<FieldError> errors, String name, String value, Class<E> type,
            E defaultValue) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, "must be one of " + allowed(type)));
            return null;
        }
    }

    public static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    public static Integer integer(List<FieldError> errors, String name, String value, Integer defaultValue, int min,
            int max) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                errors.add(new FieldError(name, "must be between " + min + " and " + max));
                return null;
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be an integer"));
            return null;
        }
    }

    public static Double decimal(List<FieldError> errors, String name, String value, Double defaultValue) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be a number"));
            return null;
        }
    }

    public static LocalDate date(List<FieldError> errors, String name, String value, LocalDate defaultValue) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() < 1900 || date.getYear() > 9999) {
                errors.add(new FieldError(name, "must be a date between 1900-01-01 and 9999-12-31"));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a date YYYY-MM-DD"));
            return null;
        }
    }

    public static Boolean bool(List<FieldError> errors, String name, String value, boolean defaultValue) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        errors.add(new FieldError(name, "must be true or false"));
        return null;
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
