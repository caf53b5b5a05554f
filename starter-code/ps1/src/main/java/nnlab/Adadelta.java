package nnlab;

/**
 * Adadelta as Keras 3's {@code Adadelta} (handout §4.4; Zeiler, "ADADELTA: An Adaptive Learning Rate Method",
 * arXiv:1212.5701, 2012).
 *
 * <p>Per parameter, with E[g²] and E[Δ²] starting at 0: E[g²] ← ρ·E[g²] + (1 − ρ)·g²;
 * Δ = −√(E[Δ²] + ε) / √(E[g²] + ε) · g; E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²; θ ← θ + η·Δ.
 * Keras defaults: η = 0.001, ρ = 0.95, ε = 1e-7.
 */
public final class Adadelta implements Optimizer {

    private final double learningRate;
    private final double rho;
    private final double epsilon;

    /** Adadelta with Keras's defaults. */
    public Adadelta() {
        this(0.001);
    }

    /** Adadelta with the given learning rate and Keras's other defaults. */
    public Adadelta(double learningRate) {
        this(learningRate, 0.95, 1e-7);
    }

    /** Adadelta with every hyperparameter given. */
    public Adadelta(double learningRate, double rho, double epsilon) {
        this.learningRate = OptimizerChecks.nonNegative("learningRate", learningRate);
        this.rho = OptimizerChecks.fraction("rho", rho);
        this.epsilon = OptimizerChecks.nonNegative("epsilon", epsilon);
    }

    @Override
    public void update(double[] parameters, double[] gradient) {
        // TODO: validate the call with OptimizerChecks.lengths (pass -1 as the state length before your state exists);
        //  keep E[g²] and E[Δ²] in fields you add, created at 0 on the first call; then follow the per-parameter rule in
        //  the class comment, in its order.
        throw new UnsupportedOperationException("Not implemented yet: Adadelta.update — see handout §4.4");
    }
}
