package nnlab.ps2.grading;

import java.util.Random;

/** Random inputs for the hidden tests, drawn from a test's seeded {@link Random}. */
final class Gen {

    private Gen() {
    }

    /** A rows × cols matrix uniform in [−scale, scale]. */
    static double[][] matrix(Random r, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = (2 * r.nextDouble() - 1) * scale;
            }
        }
        return m;
    }

    /** A vector uniform in [−scale, scale]. */
    static double[] vector(Random r, int n, double scale) {
        return matrix(r, 1, n, scale)[0];
    }

    /** A (d0, d1, d2, d3) tensor uniform in [−scale, scale]. */
    static double[][][][] tensor(Random r, int d0, int d1, int d2, int d3, double scale) {
        double[][][][] t = new double[d0][d1][d2][d3];
        for (double[][][] a : t) {
            for (double[][] b : a) {
                for (int i = 0; i < d2; i++) {
                    b[i] = vector(r, d3, scale);
                }
            }
        }
        return t;
    }

    /**
     * A (d0, d1, d2, d3) tensor of small integers in [−levels, levels]: pooling windows then hold ties, which the
     * gradient must send to the first maximum only.
     */
    static double[][][][] tiedTensor(Random r, int d0, int d1, int d2, int d3, int levels) {
        double[][][][] t = new double[d0][d1][d2][d3];
        for (double[][][] a : t) {
            for (double[][] b : a) {
                for (double[] c : b) {
                    for (int i = 0; i < d3; i++) {
                        c[i] = r.nextInt(2 * levels + 1) - levels;
                    }
                }
            }
        }
        return t;
    }

    /** One-hot rows. */
    static double[][] oneHot(Random r, int rows, int classes) {
        double[][] m = new double[rows][classes];
        for (double[] row : m) {
            row[r.nextInt(classes)] = 1;
        }
        return m;
    }

    /**
     * Returns whether {@code expected} is something a stub could return without computing anything: all zeros, all
     * ones, every entry equal, not finite. A graded case whose expected value is stub-like pays for a stub, so
     * generators draw such a case again.
     */
    static boolean stubLike(double[] expected) {
        if (expected.length == 0) {
            return true;
        }
        double first = expected[0];
        boolean allEqual = true;
        for (double v : expected) {
            if (!Double.isFinite(v)) {
                return true;
            }
            allEqual &= v == first;
        }
        return allEqual && (expected.length > 1 || first == 0 || first == 1);
    }
}
