package nnlab;

import java.util.Arrays;

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
    private double[] accumulator;

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
        int n = OptimizerChecks.lengths(parameters, gradient, accumulator == null ? -1 : accumulator.length);
        if (accumulator == null) {
            accumulator = new double[n];
            Arrays.fill(accumulator, initialAccumulator);
        }
        for (int i = 0; i < n; i++) {
            accumulator[i] += gradient[i] * gradient[i];
            parameters[i] -= learningRate * gradient[i] / Math.sqrt(accumulator[i] + epsilon);
        }
    }
}
