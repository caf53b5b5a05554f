package nnlab.ps2.grading;

import java.util.Random;

import nnlab.grader.support.Draws;

/** ps2's own random inputs for the hidden tests; the common ones are in {@link Draws}. */
final class Gen {

    private Gen() {
    }

    /** A (d0, d1, d2, d3) tensor uniform in [−scale, scale]. */
    static double[][][][] tensor(Random r, int d0, int d1, int d2, int d3, double scale) {
        double[][][][] t = new double[d0][d1][d2][d3];
        for (double[][][] a : t) {
            for (double[][] b : a) {
                for (int i = 0; i < d2; i++) {
                    b[i] = Draws.vector(r, d3, scale);
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
