package nnlab;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Hamcrest assertions whose failure message always says what was expected, what came back, and which formula and
 * handout section to re-read, e.g. "Perceptron.probability for x=(1,0): expected p = σ(0.5) = 0.6225 (handout §1.1,
 * p = 1/(1+e^-h)) but got 0.5".
 */
final class Expect {

    private static final MathContext SHOWN_DIGITS = new MathContext(6);
    /** Magnitudes in [PLAIN_FROM, PLAIN_BELOW) are shown as plain decimals, others in scientific notation. */
    private static final double PLAIN_FROM = 1e-4;
    private static final double PLAIN_BELOW = 1e7;

    private Expect() {
    }

    /**
     * Fails unless {@code actual} is within {@code tolerance} of {@code expected}.
     *
     * @param what    the call under test and its input, e.g. "Perceptron.probability for x=(1,0)"
     * @param law     the expectation in symbols, e.g. "p = σ(0.5)"; the expected value is appended
     * @param pointer where to read up, e.g. "handout §1.1, p = 1/(1+e^-h)"
     */
    static void near(String what, String law, double expected, String pointer, double tolerance, double actual) {
        assertThat(message(what, law + " = " + show(expected), pointer, show(actual)), actual,
                closeTo(expected, tolerance));
    }

    /** Fails unless the arrays have the same length and every entry is within {@code tolerance}. */
    static void near(String what, String law, double[] expected, String pointer, double tolerance, double[] actual) {
        String shown = actual == null ? "null" : show(actual);
        String message = message(what, law + " = " + show(expected), pointer, shown);
        assertThat(message + " (wrong length)", actual == null ? -1 : actual.length, equalTo(expected.length));
        for (int i = 0; i < expected.length; i++) {
            assertThat(message + "; entry " + i + " is off", actual[i], closeTo(expected[i], tolerance));
        }
    }

    /** Fails unless {@code actual} has the shape of {@code expected} and every entry is within {@code tolerance}. */
    static void near(String what, String law, double[][] expected, String pointer, double tolerance, Matrix actual) {
        String shown = actual == null ? "null" : show(actual.toArray());
        String message = message(what, law + " = " + show(expected), pointer, shown);
        String expectedShape = expected.length + "×" + expected[0].length;
        if (actual != null && transposed(expected, actual, tolerance)) {
            assertThat(message + ": yours is the transpose of the expected matrix — check which factor is transposed"
                    + " and their order, so that the result has the shape the formula gives", actual.shape() + ", the"
                    + " transpose", equalTo(expectedShape));
        }
        assertThat(message + " (wrong shape)", actual == null ? "null" : actual.shape(), equalTo(expectedShape));
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                assertThat(message + "; entry (" + r + ", " + c + ") is off", actual.get(r, c),
                        closeTo(expected[r][c], tolerance));
            }
        }
    }

    /**
     * Fails unless the tensor has {@code shape} and every value, in row-major order, is within {@code tolerance} of
     * {@code expected}; a wrong entry is named by its position on each axis, e.g. "(b, i, j, c) = (0, 1, 2, 0)".
     *
     * @param axes the axes' names in the message, e.g. "(b, i, j, c)" for images, "(u, v, c, f)" for a kernel
     */
    static void near(String what, String law, int[] shape, double[] expected, String axes, String pointer,
                     double tolerance, Tensor actual) {
        String shown = actual == null ? "null" : show(actual.values());
        String message = message(what, law + " = " + show(expected), pointer, shown);
        assertThat(message + " (wrong shape)", actual == null ? "null" : Arrays.toString(actual.shape()),
                equalTo(Arrays.toString(shape)));
        double[] values = actual.values();
        for (int k = 0; k < expected.length; k++) {
            assertThat(message + "; the entry " + axes + " = " + position(shape, k) + " is off", values[k],
                    closeTo(expected[k], tolerance));
        }
    }

    /** The position on each axis of the k-th value of a row-major tensor of {@code shape}. */
    private static String position(int[] shape, int k) {
        int[] at = new int[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            at[axis] = k % shape[axis];
            k /= shape[axis];
        }
        return Arrays.stream(at).mapToObj(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Whether {@code actual} is the transpose of {@code expected} (and not equal to it), entry by entry. */
    private static boolean transposed(double[][] expected, Matrix actual, double tolerance) {
        if (actual.rows() != expected[0].length || actual.cols() != expected.length) {
            return false;
        }
        boolean differs = false;
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                if (Math.abs(actual.get(c, r) - expected[r][c]) > tolerance) {
                    return false;
                }
                differs |= r < actual.rows() && c < actual.cols() && Math.abs(actual.get(r, c) - expected[r][c]) > tolerance;
            }
        }
        return differs || actual.rows() != actual.cols();
    }

    /** Fails unless {@code actual} equals {@code expected} exactly. */
    static void equal(String what, String law, long expected, String pointer, long actual) {
        assertThat(message(what, law + " = " + expected, pointer, String.valueOf(actual)), actual, equalTo(expected));
    }

    /** Fails unless {@code holds}; {@code expectation} says what should be true, {@code got} what was seen. */
    static void that(String what, String expectation, String pointer, boolean holds, String got) {
        assertThat(message(what, expectation, pointer, got), holds, is(true));
    }

    private static String message(String what, String expectation, String pointer, String got) {
        return what + ": expected " + expectation + " (" + pointer + ") but got " + got;
    }

    static String show(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(SHOWN_DIGITS).stripTrailingZeros();
        double magnitude = Math.abs(value);
        boolean plain = magnitude == 0 || (magnitude >= PLAIN_FROM && magnitude < PLAIN_BELOW);
        return plain ? rounded.toPlainString() : rounded.toString();
    }

    static String show(double[] values) {
        return Arrays.stream(values).mapToObj(Expect::show).collect(Collectors.joining(", ", "(", ")"));
    }

    static String show(double[][] rows) {
        return Arrays.stream(rows).map(Expect::show).collect(Collectors.joining(", ", "[", "]"));
    }
}
