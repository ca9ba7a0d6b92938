package org.kyphoplasty.imports;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that follows RFC 4180's quoting as the characters stream by and stops the parse as soon
 * as one cell or one row is longer than its limit, before the CSV parser has buffered it. Without
 * it, Commons CSV keeps a whole quoted cell in memory, so one crafted cell of hundreds of megabytes
 * exhausts the heap. Records are counted the way the parser counts them (empty lines included), so
 * the line reported is the parser's record number.
 */
final class CsvLimits extends FilterReader {

    /** A cell or row beyond its limit, at a record number and field (column name). */
    static final class Exceeded extends IOException {
        final long line;
        final String field;

        Exceeded(long line, String field, String message) {
            super(message, null);
            this.line = line;
            this.field = field;
        }
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final int maxCellChars;
    private final int maxRowChars;
    private State state = State.FIELD_START;
    private long record = 1;
    private int field;
    private int cellChars;
    private int rowChars;
    private boolean afterCarriageReturn;
    private Exceeded pending;

    CsvLimits(Reader in, int maxCellChars, int maxRowChars) {
        super(in);
        this.maxCellChars = maxCellChars;
        this.maxRowChars = maxRowChars;
    }

    @Override
    public int read() throws IOException {
        if (pending != null) {
            throw pending;
        }
        int c = super.read();
        if (c >= 0) {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (pending != null) {
            throw pending;
        }
        int read = super.read(buffer, offset, length);
        for (int i = 0; i < read; i++) {
            try {
                see(buffer[offset + i]);
            } catch (Exceeded e) {
                if (i == 0) {
                    throw e;
                }
                // hand over what precedes the excess first: the parser's read-ahead must not cost the
                // records before it their own errors; the next read fails
                pending = e;
                return i;
            }
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }

    private void see(char c) throws Exceeded {
        if (afterCarriageReturn) {
            afterCarriageReturn = false;
            if (c == '\n' && state == State.FIELD_START && field == 0 && rowChars == 0) {
                return; // the \n of a \r\n record separator
            }
        }
        switch (state) {
            case FIELD_START, UNQUOTED -> {
                if (c == ',') {
                    nextField();
                } else if (c == '\n' || c == '\r') {
                    nextRecord(c);
                } else if (c == '"' && state == State.FIELD_START) {
                    state = State.QUOTED;
                    countRow();
                } else {
                    state = State.UNQUOTED;
                    countCell();
                }
            }
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                    countRow();
                } else {
                    countCell();
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') {
                    state = State.QUOTED; // an escaped quote: part of the cell
                    countCell();
                } else if (c == ',') {
                    nextField();
                } else if (c == '\n' || c == '\r') {
                    nextRecord(c);
                } else {
                    state = State.UNQUOTED;
                    countCell();
                }
            }
        }
    }

    private void nextField() throws Exceeded {
        countRow();
        field++;
        cellChars = 0;
        state = State.FIELD_START;
    }

    private void nextRecord(char c) {
        record++;
        field = 0;
        cellChars = 0;
        rowChars = 0;
        state = State.FIELD_START;
        afterCarriageReturn = c == '\r';
    }

    private void countCell() throws Exceeded {
        countRow();
        if (++cellChars > maxCellChars) {
            throw new Exceeded(record, fieldName(), "is longer than " + maxCellChars + " characters");
        }
    }

    private void countRow() throws Exceeded {
        if (++rowChars > maxRowChars) {
            throw new Exceeded(record, "row", "is longer than " + maxRowChars + " characters");
        }
    }

    private String fieldName() {
        return field < CsvColumns.HEADER.size() ? CsvColumns.HEADER.get(field) : "column " + (field + 1);
    }
}
