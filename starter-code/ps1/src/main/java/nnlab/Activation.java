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
        // TODO: switch on this constant and map every element of z (Matrix.map helps); SOFTMAX works per row:
        //  subtract the row's maximum before exponentiating so that |z| up to 1e3 cannot overflow.
        throw new UnsupportedOperationException("Not implemented yet: Activation.forward — see handout §2.1");
    }

    /**
     * Returns ∂L/∂Z given Z and ∂L/∂A (handout §2.2): φ′(Z) ⊙ ∂L/∂A for the element-wise activations, and for
     * SOFTMAX, per row, s ⊙ (g − (g·s)) with s = softmax(z) and g = ∂L/∂A.
     */
    public Matrix backward(Matrix z, Matrix gradOutput) {
        // TODO: check that z and gradOutput have the same shape; compute φ′ at every z (derivative at a kink: 0 for
        //  RELU, LEAKY_SLOPE for LEAKY_RELU) and multiply element-wise by gradOutput; SOFTMAX needs the row formula.
        throw new UnsupportedOperationException("Not implemented yet: Activation.backward — see handout §2.2");
    }
}
