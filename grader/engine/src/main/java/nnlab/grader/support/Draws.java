package nnlab.grader.support;

import java.util.Random;

/** Random inputs for hidden tests of any assignment, drawn from a test's seeded {@link Random}. */
public final class Draws {

    private Draws() {
    }

    /** A rows × cols matrix uniform in [−scale, scale]. */
    public static double[][] matrix(Random r, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = (2 * r.nextDouble() - 1) * scale;
            }
        }
        return m;
    }

    /** A vector uniform in [−scale, scale]. */
    public static double[] vector(Random r, int n, double scale) {
        return matrix(r, 1, n, scale)[0];
    }

    /** One-hot rows: each row's class drawn uniformly. */
    public static double[][] oneHot(Random r, int rows, int classes) {
        double[][] m = new double[rows][classes];
        for (double[] row : m) {
            row[r.nextInt(classes)] = 1;
        }
        return m;
    }
}
