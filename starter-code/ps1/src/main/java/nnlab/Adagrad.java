package nnlab;

/**
 * Adagrad as Keras 3's {@code Adagrad} (handout §4.3; Duchi, Hazan and Singer, "Adaptive Subgradient Methods for
 * Online Learning and Stochastic Optimization", JMLR 12, 2011).
 *
 * <p>Per parameter, with the accumulator a starting at a₀: a ← a + g²; θ ← θ − η·g / √(a + ε).
 * Keras defaults: η = 0.001, a₀ = 0.1, ε = 1e-7.
 */
public final class Adagrad implements Optimizer {

    private final double learningRate;
    private final double initialAccumulator;
    private final double epsilon;

    /** Adagrad with Keras's defaults. */
    public Adagrad() {
        this(0.001);
    }

    /** Adagrad with the given learning rate and Keras's other defaults. */
    public Adagrad(double learningRate) {
        this(learningRate, 0.1, 1e-7);
    }

    /** Adagrad with every hyperparameter given. */
    public Adagrad(double learningRate, double initialAccumulator, double epsilon) {
        this.learningRate = OptimizerChecks.nonNegative("learningRate", learningRate);
        this.initialAccumulator = OptimizerChecks.nonNegative("initialAccumulator", initialAccumulator);
        this.epsilon = OptimizerChecks.nonNegative("epsilon", epsilon);
    }

    @Override
    public void update(double[] parameters, double[] gradient) {
        // TODO: validate the call with OptimizerChecks.lengths (pass -1 as the state length before your state exists);
        //  keep the accumulator in a field you add, filled with initialAccumulator on the first call; then follow the
        //  per-parameter rule in the class comment.
        throw new UnsupportedOperationException("Not implemented yet: Adagrad.update — see handout §4.3");
    }
}
