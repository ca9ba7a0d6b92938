package org.kyphoplasty.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.kyphoplasty.assessment.AssessmentRequest;
import org.kyphoplasty.clinical.Indication;
import org.kyphoplasty.clinical.ProcedureType;
import org.kyphoplasty.clinical.Sex;
import org.kyphoplasty.clinical.TimePoint;
import org.kyphoplasty.clinical.VertebralLevel;
import org.kyphoplasty.common.FieldError;
import org.kyphoplasty.common.Params;
import org.kyphoplasty.patient.PatientRequest;
import org.kyphoplasty.procedure.ProcedureRequest;

/**
 * Turns the cells of one CSV row into the same request records the JSON endpoints receive, so that
 * the same validation classes judge them. Cells that cannot even be converted (a word where a
 * number belongs) become field errors named by their column, as JSON type errors are.
 */
final class RowParser {

    /** One parsed row; a null part means a cell of it could not be converted. */
    record Row(PatientRequest patient, ProcedureRequest procedure, TimePoint timepoint, AssessmentRequest assessment) {
    }

    private RowParser() {
    }

    static Row parse(CSVRecord record, List<FieldError> errors) {
        String site = text(record, CsvColumns.SITE);
        String externalRef = text(record, CsvColumns.EXTERNAL_REF);
        Integer birthYear = integer(record, CsvColumns.BIRTH_YEAR, errors);
        Sex sex = enumValue(record, CsvColumns.SEX, Sex.class, errors);
        ProcedureType type = enumValue(record, CsvColumns.PROCEDURE_TYPE, ProcedureType.class, errors);
        LocalDate performedOn = date(record, CsvColumns.PERFORMED_ON, errors);
        Indication indication = enumValue(record, CsvColumns.INDICATION, Indication.class, errors);
        List<VertebralLevel> levels = levels(record, errors);
        TimePoint timepoint = enumValue(record, CsvColumns.TIMEPOINT, TimePoint.class, errors);
        if (timepoint == null && text(record, CsvColumns.TIMEPOINT) == null) {
            errors.add(new FieldError("timepoint", "must not be empty"));
        }
        LocalDate assessedOn = date(record, CsvColumns.ASSESSED_ON, errors);
        Integer pain = integer(record, CsvColumns.PAIN_NRS, errors);
        Integer fac = integer(record, CsvColumns.MOBILITY_FAC, errors);
        Integer odi = integer(record, CsvColumns.ODI, errors);
        Integer rmdq = integer(record, CsvColumns.RMDQ, errors);
        BigDecimal eq5d = decimal(record, CsvColumns.EQ5D_INDEX, errors);
        return new Row(new PatientRequest(site, externalRef, birthYear, sex),
                new ProcedureRequest(type, performedOn, indication, levels, null, null),
                timepoint, new AssessmentRequest(assessedOn, pain, fac, odi, rmdq, eq5d));
    }

    private static String name(int column) {
        return CsvColumns.HEADER.get(column);
    }

    private static String text(CSVRecord record, int column) {
        String value = record.get(column);
        return value.isEmpty() ? null : value;
    }

    private static Integer integer(CSVRecord record, int column, List<FieldError> errors) {
        String value = text(record, column);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name(column), "must be an integer"));
            return null;
        }
    }

    private static BigDecimal decimal(CSVRecord record, int column, List<FieldError> errors) {
        String value = text(record, column);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name(column), "must be a number"));
            return null;
        }
    }

    private static LocalDate date(CSVRecord record, int column, List<FieldError> errors) {
        String value = text(record, column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name(column), "must be a date YYYY-MM-DD"));
            return null;
        }
    }

    private static <E extends Enum<E>> E enumValue(CSVRecord record, int column, Class<E> type,
            List<FieldError> errors) {
        return Params.enumValue(errors, name(column), text(record, column), type, null);
    }

    private static List<VertebralLevel> levels(CSVRecord record, List<FieldError> errors) {
        String value = text(record, CsvColumns.LEVELS);
        if (value == null) {
            return null;
        }
        List<VertebralLevel> levels = new ArrayList<>();
        for (String part : value.split(";", -1)) {
            try {
                levels.add(VertebralLevel.valueOf(part.trim()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("levels", "'" + part + "' is not a vertebral level (C1-C7, T1-T12, L1-L5, S1-S5)"));
                return null;
            }
        }
        return levels;
    }
}
