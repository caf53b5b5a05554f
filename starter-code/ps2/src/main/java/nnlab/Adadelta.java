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
    private double[] meanSquareGradient;
    private double[] meanSquareDelta;

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
        int n = OptimizerChecks.lengths(parameters, gradient, meanSquareGradient == null ? -1 : meanSquareGradient.length);
        if (meanSquareGradient == null) {
            meanSquareGradient = new double[n];
            meanSquareDelta = new double[n];
        }
        for (int i = 0; i < n; i++) {
            double g = gradient[i];
            meanSquareGradient[i] = rho * meanSquareGradient[i] + (1 - rho) * g * g;
            double delta = -Math.sqrt(meanSquareDelta[i] + epsilon) / Math.sqrt(meanSquareGradient[i] + epsilon) * g;
            meanSquareDelta[i] = rho * meanSquareDelta[i] + (1 - rho) * delta * delta;
            parameters[i] += learningRate * delta;
        }
    }
}
