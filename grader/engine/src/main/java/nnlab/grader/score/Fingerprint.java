package nnlab.grader.score;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A digest of the values a student's code produced in one graded test, in the order the test compared them, so that
 * two submissions that compute the same wrong formula get the same fingerprint however they order the arithmetic.
 * Only the trusted side computes and keeps it; it is never shown to a student.
 *
 * <p>Each value is rounded to {@value #SIGNIFICANT_DIGITS} significant digits, and a value smaller in magnitude than
 * {@link #ZERO} (the default tolerance's absolute part) counts as zero, before it is hashed. A sum taken in another
 * order differs by about 1e-12 relative (a few ulps per term), a million times less than the rounding step, so it
 * lands in another bucket only when a value sits within ~1e-12 of a rounding boundary (about one value in a million).
 * Wrong formulas differ far more than 1e-6 relative — the default tolerance's relative part, which the grader itself
 * treats as "the same value" — so they keep different fingerprints. Below {@link #ZERO}, reordering leaves only
 * cancellation noise, hence zero. NaN, ±∞, a missing ({@code null}) result, shapes, case boundaries and failures that
 * are not comparisons (an exception's kind and class, never its message) enter as tokens; a test that compared no
 * value at all has no fingerprint.
 */
public final class Fingerprint {

    /** The significant digits kept of each value. */
    public static final int SIGNIFICANT_DIGITS = 6;
    /** Values smaller in magnitude count as zero: reordering leaves only cancellation noise there. */
    public static final double ZERO = 1e-9;
    private static final int HEX_CHARS = 16;
    private static final String FORMAT = "%." + (SIGNIFICANT_DIGITS - 1) + "e";

    private final StringBuilder tokens = new StringBuilder();
    private int values;

    /** Adds one value. */
    public void value(double v) {
        token(rounded(v));
        values++;
    }

    /** Adds the values of an array, after its length; {@code null} is a token. */
    public void values(double[] v) {
        if (v == null) {
            token("null");
            return;
        }
        token("[" + v.length + "]");
        for (double x : v) {
            value(x);
        }
    }

    /** Adds a matrix row by row, after its shape; {@code null} (the matrix or a row) is a token. */
    public void values(double[][] m) {
        if (m == null) {
            token("null");
            return;
        }
        token("[" + m.length + "x]");
        for (double[] row : m) {
            values(row);
        }
    }

    /** Adds a rank-4 tensor in row-major order, each level after its length. */
    public void values(double[][][][] t) {
        if (t == null) {
            token("null");
            return;
        }
        token("[" + t.length + "xxx]");
        for (double[][][] b : t) {
            if (b == null) {
                token("null");
                continue;
            }
            token("[" + b.length + "xx]");
            for (double[][] m : b) {
                values(m);
            }
        }
    }

    /** Adds a token: a word that stands for something other than a value (a case's end, an exception's class). */
    public void token(String text) {
        tokens.append(text).append(' ');
    }

    /**
     * Returns the fingerprint: 16 hex digits of the SHA-256 of the tokens, or null when no value was added. Tokens
     * alone (a test whose every case threw, or returned null) say too little to tell one mistake from another: the
     * exception's own report locates it instead.
     */
    public String digest() {
        if (values == 0) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(tokens.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Returns the value as it is hashed: rounded to the kept digits, zero below {@link #ZERO}, NaN and ±∞ by name. */
    public static String rounded(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+inf" : "-inf";
        }
        if (Math.abs(v) < ZERO) {
            return "0";
        }
        return String.format(Locale.ROOT, FORMAT, v);
    }
}
