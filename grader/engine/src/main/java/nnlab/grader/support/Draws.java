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

    /** 0/1 labels, each drawn with probability one half. */
    public static double[][] binary(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = r.nextBoolean() ? 1 : 0;
            }
        }
        return m;
    }

    /**
     * Targets for {@code rows} samples of a model with {@code outputs} outputs trained with the Keras loss named
     * {@code loss}: {@link #oneHot} rows for {@code CATEGORICAL_CROSSENTROPY}, {@link #binary} labels for
     * {@code BINARY_CROSSENTROPY}, else (a regression loss such as {@code MSE}) a {@link #matrix} in [−1, 1].
     */
    public static double[][] targets(Random r, String loss, int rows, int outputs) {
        switch (loss) {
            case "CATEGORICAL_CROSSENTROPY": return oneHot(r, rows, outputs);
            case "BINARY_CROSSENTROPY": return binary(r, rows, outputs);
            default: return matrix(r, rows, outputs, 1);
        }
    }
}
