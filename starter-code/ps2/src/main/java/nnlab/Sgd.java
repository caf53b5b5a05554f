package nnlab;

/**
 * Stochastic gradient descent, optionally with momentum or Nesterov momentum, as Keras 3's {@code SGD} (handout §4.1).
 *
 * <p>Without momentum: θ ← θ − η·g. With momentum μ > 0, velocity v starts at 0 and
 * v ← μ·v − η·g, then θ ← θ + v; with Nesterov, θ ← θ + μ·v − η·g using the updated v
 * (Sutskever et al., "On the importance of initialization and momentum in deep learning", ICML 2013).
 * Keras defaults: η = 0.01, μ = 0, no Nesterov.
 */
public final class Sgd implements Optimizer {

    private final double learningRate;
    private final double momentum;
    private final boolean nesterov;
    private double[] velocity;

    /** Plain SGD with Keras's default learning rate 0.01. */
    public Sgd() {
        this(0.01);
    }

    /** Plain SGD, θ ← θ − η·g. */
    public Sgd(double learningRate) {
        this(learningRate, 0.0, false);
    }

    /** SGD with momentum μ ∈ [0, 1), Nesterov's variant when {@code nesterov}. */
    public Sgd(double learningRate, double momentum, boolean nesterov) {
        this.learningRate = OptimizerChecks.nonNegative("learningRate", learningRate);
        this.momentum = OptimizerChecks.fraction("momentum", momentum);
        this.nesterov = nesterov;
    }

    @Override
    public void update(double[] parameters, double[] gradient) {
        int n = OptimizerChecks.lengths(parameters, gradient, velocity == null ? -1 : velocity.length);
        if (momentum == 0) {
            for (int i = 0; i < n; i++) {
                parameters[i] -= learningRate * gradient[i];
            }
            return;
        }
        if (velocity == null) {
            velocity = new double[n];
        }
        for (int i = 0; i < n; i++) {
            velocity[i] = momentum * velocity[i] - learningRate * gradient[i];
            parameters[i] += nesterov ? momentum * velocity[i] - learningRate * gradient[i] : velocity[i];
        }
    }
}
