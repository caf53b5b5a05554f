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
    private double[] firstMoment;
    private double[] secondMoment;
    private long step;

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
        int n = OptimizerChecks.lengths(parameters, gradient, firstMoment == null ? -1 : firstMoment.length);
        if (firstMoment == null) {
            firstMoment = new double[n];
            secondMoment = new double[n];
        }
        step++;
        double alpha = learningRate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        for (int i = 0; i < n; i++) {
            double g = gradient[i];
            firstMoment[i] += (1 - beta1) * (g - firstMoment[i]);
            secondMoment[i] += (1 - beta2) * (g * g - secondMoment[i]);
            parameters[i] -= alpha * firstMoment[i] / (Math.sqrt(secondMoment[i]) + epsilon);
        }
    }
}
