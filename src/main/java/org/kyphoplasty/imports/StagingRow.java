package org.kyphoplasty.imports;

import org.kyphoplasty.clinical.TimePoint;

/** Writes one validated row in PostgreSQL's COPY CSV format, with its derived day offset and window flag. */
final class StagingRow {

    private StagingRow() {
    }

    static void append(StringBuilder out, long line, RowParser.Row row) {
        int dayOffset = TimePoint.dayOffset(row.procedure().performedOn(), row.assessment().assessedOn());
        out.append(line).append(',');
        quoted(out, row.patient().site()).append(',');
        quoted(out, row.patient().externalRef()).append(',');
        out.append(row.patient().birthYear()).append(',')
                .append(row.patient().sex().name()).append(',')
                .append(row.procedure().type().name()).append(',')
                .append(row.procedure().performedOn()).append(',')
                .append(row.procedure().indication().name()).append(",\"{");
        for (int i = 0; i < row.procedure().levels().size(); i++) {
            out.append(i == 0 ? "" : ",").append(row.procedure().levels().get(i).name());
        }
        out.append("}\",").append(row.timepoint().name()).append(',')
                .append(row.assessment().assessedOn()).append(',')
                .append(dayOffset).append(',')
                .append(row.timepoint().isWithinWindow(dayOffset)).append(',');
        value(out, row.assessment().painNrs()).append(',');
        value(out, row.assessment().mobilityFac()).append(',');
        value(out, row.assessment().odi()).append(',');
        value(out, row.assessment().rmdq()).append(',');
        value(out, row.assessment().eq5dIndex() == null ? null : row.assessment().eq5dIndex().toPlainString());
        out.append('\n');
    }

    private static StringBuilder quoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        return out.append('"');
    }

    /** An absent value is an unquoted empty field, which COPY reads as NULL. */
    private static StringBuilder value(StringBuilder out, Object value) {
        return value == null ? out : out.append(value);
    }
}
