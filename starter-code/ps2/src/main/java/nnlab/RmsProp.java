package nnlab;

/**
 * RMSprop as Keras 3's {@code RMSprop} without centering (handout §4.2; Tieleman and Hinton, Coursera "Neural
 * Networks for Machine Learning", lecture 6.5, 2012).
 *
 * <p>Per parameter, with s starting at 0: s ← ρ·s + (1 − ρ)·g²; Δ = η·g / √(s + ε); without momentum θ ← θ − Δ,
 * with momentum μ > 0: m ← μ·m + Δ (m starting at 0), θ ← θ − m.
 * Keras defaults: η = 0.001, ρ = 0.9, μ = 0, ε = 1e-7.
 */
public final class RmsProp implements Optimizer {

    private final double learningRate;
    private final double rho;
    private final double momentum;
    private final double epsilon;
    private double[] meanSquare;
    private double[] moment;

    /** RMSprop with Keras's defaults. */
    public RmsProp() {
        this(0.001);
    }

    /** RMSprop with the given learning rate and Keras's other defaults. */
    public RmsProp(double learningRate) {
        this(learningRate, 0.9, 0.0, 1e-7);
    }

    /** RMSprop with every hyperparameter given. */
    public RmsProp(double learningRate, double rho, double momentum, double epsilon) {
        this.learningRate = OptimizerChecks.nonNegative("learningRate", learningRate);
        this.rho = OptimizerChecks.fraction("rho", rho);
        this.momentum = OptimizerChecks.fraction("momentum", momentum);
        this.epsilon = OptimizerChecks.nonNegative("epsilon", epsilon);
    }

    @Override
    public void update(double[] parameters, double[] gradient) {
        int n = OptimizerChecks.lengths(parameters, gradient, meanSquare == null ? -1 : meanSquare.length);
        if (meanSquare == null) {
            meanSquare = new double[n];
            moment = new double[n];
        }
        for (int i = 0; i < n; i++) {
            double g = gradient[i];
            meanSquare[i] = rho * meanSquare[i] + (1 - rho) * g * g;
            double step = learningRate * g / Math.sqrt(meanSquare[i] + epsilon);
            if (momentum > 0) {
                moment[i] = momentum * moment[i] + step;
                parameters[i] -= moment[i];
            } else {
                parameters[i] -= step;
            }
        }
    }
}
