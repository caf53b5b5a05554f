package nnlab;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.FiniteDifferencesDifferentiator;

/**
 * The gradient check of DESIGN.md "Gradient checks": centred differences in double precision, and an entry fails when
 * |a − n| > {@link #ABSOLUTE_TOLERANCE} + {@link #RELATIVE_TOLERANCE}·max(|a|, |n|).
 */
final class FiniteDifferences {

    /** The step h of the centred difference (f(x + h) − f(x − h)) / 2h, as DESIGN.md asks (~1e-5). */
    static final double STEP = 1e-5;

    /** Absolute slack for entries near zero, from DESIGN.md. */
    static final double ABSOLUTE_TOLERANCE = 1e-8;

    /**
     * Relative slack: the centred difference errs by about h²·|f‴|/6 ≈ 1e-11 plus rounding ε·|f|/h ≈ 1e-11·|f|, so
     * 1e-6 leaves four orders of magnitude of room and still catches any wrong factor or missing term.
     */
    static final double RELATIVE_TOLERANCE = 1e-6;

    /** Pre-activations closer than this to a kink are resampled: far beyond STEP, so no difference straddles one. */
    static final double KINK_MARGIN = 1e-3;

    /** Three points (x − h, x, x + h): Commons Math's differentiator then evaluates the centred difference. */
    private static final FiniteDifferencesDifferentiator DIFFERENTIATOR = new FiniteDifferencesDifferentiator(3, STEP);

    private FiniteDifferences() {
    }

    /** Returns the centred-difference derivative of {@code f} at {@code x}. */
    static double derivative(UnivariateFunction f, double x) {
        return DIFFERENTIATOR.differentiate(f).value(new DerivativeStructure(1, 1, 0, x)).getPartialDerivative(1);
    }

    /** Returns the centred-difference gradient of {@code f} at {@code point}, perturbing one entry at a time. */
    static double[] gradient(ToDoubleFunction<double[]> f, double[] point) {
        double[] numerical = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            int index = i;
            numerical[i] = derivative(t -> {
                double[] moved = point.clone();
                moved[index] = t;
                return f.applyAsDouble(moved);
            }, point[i]);
        }
        return numerical;
    }

    /** Whether one analytic entry passes against its numerical twin. */
    static boolean agree(double analytic, double numerical) {
        return Math.abs(analytic - numerical)
                <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.max(Math.abs(analytic), Math.abs(numerical));
    }

    /** Fails listing every entry where {@code analytic} and {@code numerical} disagree. */
    static void assertAgree(String what, double[] analytic, double[] numerical) {
        if (analytic.length != numerical.length) {
            fail(what + ": analytic gradient has " + analytic.length + " entries, numerical " + numerical.length);
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < analytic.length; i++) {
            if (!agree(analytic[i], numerical[i])) {
                failures.add("entry " + i + ": analytic " + analytic[i] + ", numerical " + numerical[i]);
            }
        }
        if (!failures.isEmpty()) {
            fail(what + ": " + failures.size() + " of " + analytic.length + " entries disagree\n  "
                    + String.join("\n  ", failures));
        }
    }

    /** Returns the row-major entries of {@code m}. */
    static double[] flatten(Matrix m) {
        double[] flat = new double[m.rows() * m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            System.arraycopy(m.row(r), 0, flat, r * m.cols(), m.cols());
        }
        return flat;
    }

    /** Returns a {@code rows × cols} matrix holding the row-major {@code flat}. */
    static Matrix unflatten(double[] flat, int rows, int cols) {
        double[][] values = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, values[r], 0, cols);
        }
        return Matrix.of(values);
    }

    /** Returns a {@code rows × cols} matrix of values uniform in [lo, hi). */
    static Matrix uniform(Random random, int rows, int cols, double lo, double hi) {
        double[][] values = new double[rows][cols];
        for (double[] row : values) {
            for (int c = 0; c < cols; c++) {
                row[c] = lo + (hi - lo) * random.nextDouble();
            }
        }
        return Matrix.of(values);
    }

    /** Like {@link #uniform} but redraws any value within {@link #KINK_MARGIN} of 0, where RELU and LEAKY_RELU bend. */
    static Matrix uniformAwayFromKink(Random random, int rows, int cols, double lo, double hi) {
        double[][] values = new double[rows][cols];
        for (double[] row : values) {
            for (int c = 0; c < cols; c++) {
                do {
                    row[c] = lo + (hi - lo) * random.nextDouble();
                } while (Math.abs(row[c]) < KINK_MARGIN);
            }
        }
        return Matrix.of(values);
    }
}
