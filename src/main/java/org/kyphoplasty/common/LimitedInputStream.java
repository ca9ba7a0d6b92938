package org.kyphoplasty.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes actually read and fails with a 413 problem as soon as they exceed the limit, so
 * a body without Content-Length (Transfer-Encoding: chunked) is bounded by what arrives, not by
 * what was announced. The failure is an {@link IOException} ({@link TooLarge}) so that parsers pass it
 * through unchanged; {@link BodyLimits} answers it with the 413 problem it carries.
 */
public final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    public static ProblemException tooLarge(long limit) {
        return new ProblemException(413, "Body too large", "the request body exceeds " + limit + " bytes", null, null);
    }

    /** The body went over the limit while it was read. */
    public static final class TooLarge extends IOException {
        private final transient ProblemException problem;

        TooLarge(long limit) {
            super("the request body exceeds " + limit + " bytes", null);
            this.problem = tooLarge(limit);
        }

        public ProblemException problem() {
            return problem;
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            count(read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long read) throws TooLarge {
        count += read;
        if (count > limit) {
            throw new TooLarge(limit);
        }
    }
}
