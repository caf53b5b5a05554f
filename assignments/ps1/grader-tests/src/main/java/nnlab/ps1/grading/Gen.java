package nnlab.ps1.grading;

import java.util.Random;

import nnlab.grader.support.Draws;

/** ps1's own random inputs for the hidden tests; the common ones are in {@link Draws}. */
final class Gen {

    private Gen() {
    }

    /** Probabilities in [0.02, 0.98]. */
    static double[][] probabilities(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = 0.02 + 0.96 * r.nextDouble();
            }
        }
        return m;
    }

    /** Rows that each sum to 1 (a softmax output), entries ≥ 0.01. */
    static double[][] distributions(Random r, int rows, int cols) {
        double[][] m = probabilities(r, rows, cols);
        for (double[] row : m) {
            double total = 0;
            for (double v : row) {
                total += v;
            }
            for (int c = 0; c < cols; c++) {
                row[c] /= total;
            }
        }
        return m;
    }

    /** Copies a matrix. */
    static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /**
     * Returns whether {@code expected} is something a stub could return without computing anything: all zeros, all
     * ones, every entry equal (a constant fill), not finite, or {@code input} itself. A graded case whose expected
     * value is stub-like pays for a stub, so generators draw such a case again.
     */
    static boolean stubLike(double[][] expected, double[][] input) {
        double first = expected[0][0];
        boolean allEqual = true;
        int entries = 0;
        for (double[] row : expected) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return true;
                }
                allEqual &= v == first;
                entries++;
            }
        }
        if (allEqual && (entries > 1 || first == 0 || first == 1)) {
            return true;
        }
        return java.util.Arrays.deepEquals(expected, input);
    }
}
