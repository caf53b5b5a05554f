package nnlab;

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
        double[][] a = z.toArray();
        if (this == SOFTMAX) {
            for (double[] row : a) {
                softmaxInPlace(row);
            }
            return Matrix.of(a);
        }
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[r].length; c++) {
                a[r][c] = value(a[r][c]);
            }
        }
        return Matrix.of(a);
    }

    /**
     * Returns ∂L/∂Z given Z and ∂L/∂A (handout §2.2): φ′(Z) ⊙ ∂L/∂A for the element-wise activations, and for
     * SOFTMAX, per row, s ⊙ (g − (g·s)) with s = softmax(z) and g = ∂L/∂A.
     */
    public Matrix backward(Matrix z, Matrix gradOutput) {
        if (z.rows() != gradOutput.rows() || z.cols() != gradOutput.cols()) {
            throw new IllegalArgumentException("z and gradOutput must have the same shape.");
        }
        double[][] zs = z.toArray();
        double[][] g = gradOutput.toArray();
        double[][] out = new double[zs.length][];
        for (int r = 0; r < zs.length; r++) {
            out[r] = new double[zs[r].length];
            if (this == SOFTMAX) {
                double[] s = zs[r].clone();
                softmaxInPlace(s);
                for (int i = 0; i < s.length; i++) {
                    // Jacobian row i: ∂s_j/∂z_i = s_j(δ_ij − s_i).
                    double sum = 0;
                    for (int j = 0; j < s.length; j++) {
                        sum += g[r][j] * s[j] * ((i == j ? 1 : 0) - s[i]);
                    }
                    out[r][i] = sum;
                }
            } else {
                for (int c = 0; c < zs[r].length; c++) {
                    out[r][c] = derivative(zs[r][c]) * g[r][c];
                }
            }
        }
        return Matrix.of(out);
    }

    /** φ(v) for the element-wise activations. */
    private double value(double v) {
        switch (this) {
            case LINEAR: return v;
            case SIGMOID: {
                // e^(−|v|) ≤ 1 cannot overflow; mirror the result for negative v.
                double e = Math.exp(-Math.abs(v));
                return v >= 0 ? 1 / (1 + e) : e / (1 + e);
            }
            case TANH: return Math.tanh(v);
            case RELU: return Math.max(0, v);
            case LEAKY_RELU: return v > 0 ? v : v * LEAKY_SLOPE;
            case ELU: return v >= 0 ? v : ELU_ALPHA * (Math.exp(v) - 1);
            default: throw new AssertionError(this);
        }
    }

    /** φ′(v) for the element-wise activations, with the kink convention of the class comment. */
    private double derivative(double v) {
        switch (this) {
            case LINEAR: return 1;
            case SIGMOID: {
                double s = value(v);
                return s - s * s;
            }
            case TANH: {
                double c = Math.cosh(v);
                return Double.isInfinite(c) ? 0 : 1 / (c * c);
            }
            case RELU: return v <= 0 ? 0 : 1;
            case LEAKY_RELU: return v <= 0 ? LEAKY_SLOPE : 1;
            case ELU: return v >= 0 ? 1 : value(v) + ELU_ALPHA;
            default: throw new AssertionError(this);
        }
    }

    /** Replaces a row by its softmax, shifting by the row maximum so that no exponent is positive. */
    private static void softmaxInPlace(double[] row) {
        double max = row[0];
        for (double v : row) {
            if (v > max) {
                max = v;
            }
        }
        double total = 0;
        for (int i = 0; i < row.length; i++) {
            row[i] = Math.exp(row[i] - max);
            total += row[i];
        }
        for (int i = 0; i < row.length; i++) {
            row[i] = row[i] / total;
        }
    }
}
