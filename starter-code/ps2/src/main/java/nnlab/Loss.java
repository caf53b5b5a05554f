package nnlab;

import java.util.Objects;

/**
 * Loss functions with Keras's reductions (handout §2.4–2.5): {@code yTrue} and {@code yPred} are batch-major and of
 * the same shape.
 *
 * <p>MSE and BINARY_CROSSENTROPY average over every element; CATEGORICAL_CROSSENTROPY sums over the classes of a row
 * and averages over the rows. The cross-entropies clip predictions to [{@value #EPSILON}, 1 − {@value #EPSILON}]
 * and their gradient is 0 where a prediction was clipped.
 */
public enum Loss {
    /** mean over all elements of (y − ŷ)². */
    MSE,
    /** mean over all elements of −y·log p − (1 − y)·log(1 − p). */
    BINARY_CROSSENTROPY,
    /** mean over rows of −Σ_c y_c·log p_c. */
    CATEGORICAL_CROSSENTROPY;

    /** Keras's fuzz factor: predictions are clipped to [EPSILON, 1 − EPSILON] inside the logarithms. */
    public static final double EPSILON = 1e-7;

    /** Returns the loss of {@code yPred} against {@code yTrue} (handout §2.4). */
    public double value(Matrix yTrue, Matrix yPred) {
        checkShapes(yTrue, yPred);
        double[][] y = yTrue.toArray();
        double[][] p = yPred.toArray();
        double total = 0;
        for (int r = 0; r < y.length; r++) {
            for (int c = 0; c < y[r].length; c++) {
                total += elementLoss(y[r][c], p[r][c]);
            }
        }
        return total / divisor(yTrue);
    }

    /** Returns ∂value/∂yPred, the same shape as {@code yPred} (handout §2.5). */
    public Matrix gradient(Matrix yTrue, Matrix yPred) {
        checkShapes(yTrue, yPred);
        double[][] y = yTrue.toArray();
        double[][] p = yPred.toArray();
        double n = divisor(yTrue);
        double[][] g = new double[y.length][];
        for (int r = 0; r < y.length; r++) {
            g[r] = new double[y[r].length];
            for (int c = 0; c < y[r].length; c++) {
                g[r][c] = elementGradient(y[r][c], p[r][c]) / n;
            }
        }
        return Matrix.of(g);
    }

    private double elementLoss(double y, double p) {
        switch (this) {
            case MSE: return (y - p) * (y - p);
            case BINARY_CROSSENTROPY: {
                double q = clip(p);
                return -y * Math.log(q) - (1 - y) * Math.log(1 - q);
            }
            case CATEGORICAL_CROSSENTROPY: return -y * Math.log(clip(p));
            default: throw new AssertionError(this);
        }
    }

    private double elementGradient(double y, double p) {
        switch (this) {
            case MSE: return 2 * (p - y);
            case BINARY_CROSSENTROPY: return isClipped(p) ? 0.0 : -y / p + (1 - y) / (1 - p);
            case CATEGORICAL_CROSSENTROPY: return isClipped(p) ? 0.0 : -y / p;
            default: throw new AssertionError(this);
        }
    }

    private double divisor(Matrix yTrue) {
        return this == CATEGORICAL_CROSSENTROPY ? yTrue.rows() : (double) yTrue.rows() * yTrue.cols();
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPSILON), 1 - EPSILON);
    }

    private static boolean isClipped(double p) {
        return p < EPSILON || p > 1 - EPSILON;
    }

    private static void checkShapes(Matrix yTrue, Matrix yPred) {
        Objects.requireNonNull(yTrue, "yTrue must not be null");
        Objects.requireNonNull(yPred, "yPred must not be null");
        if (yTrue.rows() != yPred.rows() || yTrue.cols() != yPred.cols()) {
            throw new IllegalArgumentException("yTrue is " + yTrue.shape() + " but yPred is " + yPred.shape()
                    + "; a loss compares matrices of the same shape (one row per sample).");
        }
    }
}
