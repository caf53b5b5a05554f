package nnlab.grader.support;

import java.util.Random;

/** Random inputs for hidden tests of any assignment, drawn from a test's seeded {@link Random}. */
public final class Draws {

    /** The scale of a {@link #batch}'s inputs: uniform in [−2, 2]. */
    public static final double BATCH_INPUT_SCALE = 2;

    /** A model's seed and one batch for it: inputs {@code x} and targets {@code y}, a row per sample. */
    public record Batch(long seed, double[][] x, double[][] y) {
    }

    private Draws() {
    }

    /**
     * Draws, in this order, a model's seed, the row count (uniform in {@code minRows … maxRows}; nothing is drawn when
     * they are equal), {@code x} ({@link #BATCH_INPUT_SCALE}) with {@code inputs} columns and {@code y}: the
     * {@link #targets} of a model with {@code outputs} outputs trained with {@code loss}.
     */
    public static Batch batch(Random r, int minRows, int maxRows, int inputs, String loss, int outputs) {
        long seed = r.nextLong();
        int rows = minRows == maxRows ? minRows : minRows + r.nextInt(maxRows - minRows + 1);
        double[][] x = matrix(r, rows, inputs, BATCH_INPUT_SCALE);
        return new Batch(seed, x, targets(r, loss, rows, outputs));
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
