package nnlab;

/**
 * Adam as Keras 3's {@code Adam} without AMSGrad (handout §4.5; Kingma and Ba, "Adam: A Method for Stochastic
 * Optimization", ICLR 2015, with ε outside the square root as in the paper's Section 2 remark).
 *
 * <p>At step t = 1, 2, …, per parameter with m and v starting at 0: m ← m + (1 − β₁)(g − m);
 * v ← v + (1 − β₂)(g² − v); α = η·√(1 − β₂ᵗ) / (1 − β₁ᵗ); θ ← θ − α·m / (√v + ε).
 * Keras defaults: η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-7.
 */
public final class Adam implements Optimizer {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /** Adam with Keras's defaults. */
    public Adam() {
        this(0.001);
    }

    /** Adam with the given learning rate and Keras's other defaults. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    /** Adam with every hyperparameter given. */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = OptimizerChecks.nonNegative("learningRate", learningRate);
        this.beta1 = OptimizerChecks.fraction("beta1", beta1);
        this.beta2 = OptimizerChecks.fraction("beta2", beta2);
        this.epsilon = OptimizerChecks.nonNegative("epsilon", epsilon);
    }

    @Override
    public void update(double[] parameters, double[] gradient) {
        // TODO: validate the call with OptimizerChecks.lengths (pass -1 as the state length before your state exists);
        //  keep m, v and the step count t in fields you add (m and v created at 0 on the first call); count the step
        //  before using it, then follow the per-parameter rule in the class comment.
        throw new UnsupportedOperationException("Not implemented yet: Adam.update — see handout §4.5");
    }
}
