package org.kyphoplasty.imports;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Bounds how much text one CSV record may span. The parser collects a record (a quoted value may
 * run over many lines) in memory; without a bound, a file with an unterminated quote or a 300 MB
 * line is read whole into one string until the heap runs out. A real row is a few hundred
 * characters, so a record beyond {@link #MAX_RECORD_CHARS} is refused as an input error. The
 * count is reset by {@link #nextRecord()} after each record; the parser's read-ahead (a few
 * kilobytes) is counted against the next record, which the generous bound absorbs.
 */
final class RecordSizeGuard extends FilterReader {

    static final int MAX_RECORD_CHARS = 100_000;

    /** The file has a record longer than {@link #MAX_RECORD_CHARS}. */
    static final class RecordTooLongException extends IOException {
        RecordTooLongException() {
            super("record longer than " + MAX_RECORD_CHARS + " characters", null);
        }
    }

    private long sinceLastRecord;

    RecordSizeGuard(Reader in) {
        super(in);
    }

    void nextRecord() {
        sinceLastRecord = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            count(read);
        }
        return read;
    }

    private void count(int chars) throws RecordTooLongException {
        sinceLastRecord += chars;
        if (sinceLastRecord > MAX_RECORD_CHARS) {
            throw new RecordTooLongException();
        }
    }
}
