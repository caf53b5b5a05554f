package nnlab;

/**
 * A weight penalty added to the loss, like Keras's {@code regularizers.L1L2}: penalty(W) = l1·Σ|w| + l2·Σw² and
 * gradient l1·sign(w) + 2·l2·w, with sign(0) = 0 (so L1's gradient at w = 0 is 0). Keras's L2 has no ½.
 *
 * <p>Attach one to a {@link Dense} layer's kernel; the bias is never regularized. A term whose coefficient is 0 is
 * skipped, as Keras does.
 */
public final class Regularizer {

    private final double l1;
    private final double l2;

    private Regularizer(double l1, double l2) {
        if (!(l1 >= 0 && l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("Regularization coefficients must be finite and ≥ 0; got l1 = " + l1
                    + ", l2 = " + l2 + ".");
        }
        this.l1 = l1;
        this.l2 = l2;
    }

    /** Returns the L1 penalty λΣ|w| (Keras's {@code regularizers.l1(λ)}). */
    public static Regularizer l1(double lambda) {
        return new Regularizer(lambda, 0);
    }

    /** Returns the L2 penalty λΣw² (Keras's {@code regularizers.l2(λ)}). */
    public static Regularizer l2(double lambda) {
        return new Regularizer(0, lambda);
    }

    /** Returns the sum of both penalties (Keras's {@code regularizers.l1_l2(l1, l2)}). */
    public static Regularizer l1l2(double l1, double l2) {
        return new Regularizer(l1, l2);
    }

    /** Returns the L1 coefficient. */
    public double l1() {
        return l1;
    }

    /** Returns the L2 coefficient. */
    public double l2() {
        return l2;
    }

    /** Returns l1·Σ|w| + l2·Σw² over every entry of {@code w} (handout §2). */
    public double penalty(Matrix w) {
        // TODO: l1·Σ|w| + l2·Σw² over every entry of w; skip a term whose coefficient is 0.
        throw new UnsupportedOperationException("Not implemented yet: Regularizer.penalty — see handout §2.1");
    }

    /** Returns ∂penalty/∂w = l1·sign(w) + 2·l2·w element-wise, with sign(0) = 0 (handout §2). */
    public Matrix gradient(Matrix w) {
        // TODO: l1·sign(w) + 2·l2·w element-wise, with sign(0) = 0 (Math.signum); skip a term whose coefficient is 0.
        throw new UnsupportedOperationException("Not implemented yet: Regularizer.gradient — see handout §2.1");
    }

    @Override
    public String toString() {
        return "Regularizer[l1=" + l1 + ", l2=" + l2 + "]";
    }
}
