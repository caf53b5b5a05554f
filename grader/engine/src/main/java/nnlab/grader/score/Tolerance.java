package nnlab.grader.score;

/**
 * A comparison tolerance: |actual − expected| ≤ absolute + relative·max(|actual|, |expected|). NaN equals only NaN,
 * an infinity only the same infinity.
 */
public record Tolerance(double absolute, double relative) {

    /** The default for values computed by the same formula in a different order. */
    public static final Tolerance DEFAULT = new Tolerance(1e-9, 1e-6);

    /** Checks that both parts are non-negative. */
    public Tolerance {
        if (!(absolute >= 0) || !(relative >= 0)) {
            throw new IllegalArgumentException("tolerances must be ≥ 0");
        }
    }

    /** Returns whether {@code actual} is within this tolerance of {@code expected}. */
    public boolean accepts(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= absolute + relative * Math.max(Math.abs(actual), Math.abs(expected));
    }

    /** Returns the tolerance in words, for messages. */
    public String describe() {
        return "±(" + absolute + " + " + relative + "·|value|)";
    }
}
