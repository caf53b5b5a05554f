package nnlab;

import java.util.Objects;

/**
 * The activation functions φ of a dense layer, applied element-wise (SOFTMAX: per row) to Z = XW + b (handout Part 2).
 *
 * <p>{@link #forward} maps Z to A = φ(Z); {@link #backward} maps ∂L/∂A to ∂L/∂Z. Both are numerically stable for
 * |z| up to 1e3 (no NaN, no overflow). At a kink the derivative is 0 for RELU and {@value #LEAKY_SLOPE} for LEAKY_RELU.
 */
public enum Activation {
    /** φ(z) = z. */
    LINEAR,
    /** φ(z) = 1 / (1 + e⁻ᶻ). */
    SIGMOID,
    /** φ(z) = tanh z. */
    TANH,
    /** φ(z) = max(0, z). */
    RELU,
    /** φ(z) = max(0.1·z, z). */
    LEAKY_RELU,
    /** φ(z) = z for z ≥ 0, α(eᶻ − 1) otherwise, with α = 1. */
    ELU,
    /** φ(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ over each row. */
    SOFTMAX;

    /** The slope of LEAKY_RELU for z ≤ 0, as in the lecture. */
    public static final double LEAKY_SLOPE = 0.1;

    /** The α of ELU. */
    public static final double ELU_ALPHA = 1.0;

    /** Returns A = φ(Z), same shape as {@code z} (handout §2.1). */
    public Matrix forward(Matrix z) {
        Objects.requireNonNull(z, "z must not be null");
        switch (this) {
            case LINEAR: return z;
            case SIGMOID: return z.map(Activation::sigmoid);
            case TANH: return z.map(Math::tanh);
            case RELU: return z.map(v -> v > 0 ? v : 0.0);
            case LEAKY_RELU: return z.map(v -> v > 0 ? v : LEAKY_SLOPE * v);
            case ELU: return z.map(v -> v >= 0 ? v : ELU_ALPHA * Math.expm1(v));
            case SOFTMAX: return softmax(z);
            default: throw new AssertionError(this);
        }
    }

    /**
     * Returns ∂L/∂Z given Z and ∂L/∂A (handout §2.2): φ′(Z) ⊙ ∂L/∂A for the element-wise activations, and for
     * SOFTMAX, per row, s ⊙ (g − (g·s)) with s = softmax(z) and g = ∂L/∂A.
     */
    public Matrix backward(Matrix z, Matrix gradOutput) {
        Objects.requireNonNull(z, "z must not be null");
        Objects.requireNonNull(gradOutput, "gradOutput must not be null");
        if (z.rows() != gradOutput.rows() || z.cols() != gradOutput.cols()) {
            throw new IllegalArgumentException("backward: z is " + z.shape() + " but gradOutput is " + gradOutput.shape()
                    + "; they must have the same shape.");
        }
        switch (this) {
            case LINEAR: return gradOutput;
            case SIGMOID: return z.map(v -> {
                double s = sigmoid(v);
                return s * (1 - s);
            }).times(gradOutput);
            case TANH: return z.map(v -> {
                double t = Math.tanh(v);
                return 1 - t * t;
            }).times(gradOutput);
            case RELU: return z.map(v -> v > 0 ? 1.0 : 0.0).times(gradOutput);
            case LEAKY_RELU: return z.map(v -> v > 0 ? 1.0 : LEAKY_SLOPE).times(gradOutput);
            case ELU: return z.map(v -> v >= 0 ? 1.0 : ELU_ALPHA * Math.exp(v)).times(gradOutput);
            case SOFTMAX: return softmaxBackward(z, gradOutput);
            default: throw new AssertionError(this);
        }
    }

    /** σ(h) computed from whichever side keeps e^x ≤ 1, so it never overflows. */
    static double sigmoid(double h) {
        if (h >= 0) {
            return 1 / (1 + Math.exp(-h));
        }
        double e = Math.exp(h);
        return e / (1 + e);
    }

    private static Matrix softmax(Matrix z) {
        double[][] out = z.toArray();
        for (double[] row : out) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : row) {
                max = Math.max(max, v);
            }
            double total = 0;
            for (int c = 0; c < row.length; c++) {
                row[c] = Math.exp(row[c] - max);
                total += row[c];
            }
            for (int c = 0; c < row.length; c++) {
                row[c] /= total;
            }
        }
        return Matrix.of(out);
    }

    private static Matrix softmaxBackward(Matrix z, Matrix gradOutput) {
        double[][] s = softmax(z).toArray();
        double[][] g = gradOutput.toArray();
        double[][] out = new double[s.length][];
        for (int r = 0; r < s.length; r++) {
            double dot = 0;
            for (int c = 0; c < s[r].length; c++) {
                dot += g[r][c] * s[r][c];
            }
            out[r] = new double[s[r].length];
            for (int c = 0; c < s[r].length; c++) {
                out[r][c] = s[r][c] * (g[r][c] - dot);
            }
        }
        return Matrix.of(out);
    }
}
