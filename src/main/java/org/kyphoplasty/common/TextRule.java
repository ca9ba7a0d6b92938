package org.kyphoplasty.common;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The one rule for free text (a patient's {@code externalRef}, and any text field to come), the
 * same as the database's {@code is_valid_text(value, max_length)} (migration V3):
 * <ul>
 * <li>no control characters: C0 U+0000–U+001F, DEL and C1 U+007F–U+009F (tabs and line breaks
 * included: a reference is one line);</li>
 * <li>well-formed Unicode: no unpaired surrogate (a UTF-16 artefact that UTF-8, and so
 * PostgreSQL, cannot store; the JDBC driver would silently turn it into "?");</li>
 * <li>no noncharacters: U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE,
 * U+FFFF, U+1FFFE, …);</li>
 * <li>Unicode NFC. Input is <em>normalised</em> to NFC ({@link #normalize}) rather than rejected:
 * "é" typed on one keyboard (one code point) and pasted from another system (e + combining
 * accent) is the same reference and must find the same patient;</li>
 * <li>1 to {@code maxLength} characters, counted as Unicode code points, as PostgreSQL's
 * {@code length()} and {@code varchar(n)} count them (a Java {@code String.length()} counts an
 * emoji twice).</li>
 * </ul>
 * Messages never repeat the offending value.
 */
public final class TextRule {

    private TextRule() {
    }

    /** The NFC form of the value (null stays null); unpaired surrogates are left for {@link #violation}. */
    public static String normalize(String value) {
        if (value == null || Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
            return value;
        }
        return Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    /** True if the value may be stored as it is. */
    public static boolean isValid(String value, int maxLength) {
        return value != null && violation(value, maxLength).isEmpty();
    }

    /** Why the value may not be stored, or empty if it may; null is left to {@code @NotNull}. */
    public static Optional<String> violation(String value, int maxLength) {
        if (value == null) {
            return Optional.empty();
        }
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                if (isNoncharacter(codePoint)) {
                    return Optional.of("must not contain Unicode noncharacters (such as U+FFFF)");
                }
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must be well-formed Unicode text (it contains an unpaired surrogate)");
            } else if (isControl(c)) {
                return Optional.of("must not contain control characters (U+0000 to U+001F, U+007F to U+009F)");
            } else if (isNoncharacter(c)) {
                return Optional.of("must not contain Unicode noncharacters (such as U+FFFF)");
            }
            length++;
        }
        if (length < 1 || length > maxLength) {
            return Optional.of("must be 1 to " + maxLength + " characters");
        }
        if (!Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
            return Optional.of("must be in Unicode normalization form NFC");
        }
        return Optional.empty();
    }

    static boolean isControl(int codePoint) {
        return codePoint <= 0x1F || (codePoint >= 0x7F && codePoint <= 0x9F);
    }

    static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
