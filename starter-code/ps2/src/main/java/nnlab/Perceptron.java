package nnlab;

import java.util.Objects;

/**
 * A single neuron with a sigmoid output, trained on the squared error l = (y − p)² (handout Part 1).
 *
 * <p>With inputs x, weights w and bias b: h = w·x + b, p = σ(h), ŷ = 1 if p ≥ 0.5 else 0. The perceptron owns copies
 * of its weights; {@link #update} and {@link #train} change them in place.
 */
public final class Perceptron {

    private final double[] weights;
    private double bias;

    /**
     * Creates a perceptron with a copy of {@code weights} and the given bias.
     *
     * @throws IllegalArgumentException if {@code weights} is empty
     */
    public Perceptron(double[] weights, double bias) {
        Objects.requireNonNull(weights, "weights must not be null");
        if (weights.length == 0) {
            throw new IllegalArgumentException("A perceptron needs at least one weight (one per input feature).");
        }
        this.weights = weights.clone();
        this.bias = bias;
    }

    /** Returns a copy of the weights w₁ … wₙ. */
    public double[] weights() {
        return weights.clone();
    }

    /** Returns the bias b. */
    public double bias() {
        return bias;
    }

    /** Returns h = w·x + b (handout §1.1). {@code x} must have one value per weight. */
    public double weightedSum(double[] x) {
        checkInput(x);
        double h = bias;
        for (int i = 0; i < weights.length; i++) {
            h += weights[i] * x[i];
        }
        return h;
    }

    /** Returns p = σ(h) = 1 / (1 + e⁻ʰ), computed without overflow for any h (handout §1.1). */
    public double probability(double[] x) {
        return Activation.sigmoid(weightedSum(x));
    }

    /** Returns ŷ: 1 if p ≥ 0.5, else 0 (handout §1.2). */
    public int predict(double[] x) {
        return probability(x) >= 0.5 ? 1 : 0;
    }

    /** Returns the squared error (y − p)² (handout §1.3). */
    public static double squaredError(double y, double p) {
        double d = y - p;
        return d * d;
    }

    /**
     * Returns the gradient of l = (y − p)² at the current parameters: [∂l/∂w₁, …, ∂l/∂wₙ, ∂l/∂b], where
     * ∂l/∂wᵢ = 2(p − y)·p(1 − p)·xᵢ and ∂l/∂b = 2(p − y)·p(1 − p) (handout §1.4). Changes nothing.
     */
    public double[] gradient(double[] x, double y) {
        double p = probability(x);
        double dh = 2 * (p - y) * p * (1 - p);
        double[] g = new double[weights.length + 1];
        for (int i = 0; i < weights.length; i++) {
            g[i] = dh * x[i];
        }
        g[weights.length] = dh;
        return g;
    }

    /**
     * Takes one gradient-descent step θ ← θ − η·g on every weight and the bias (handout §1.5).
     *
     * @param gradient laid out as {@link #gradient} returns it: one entry per weight, then the bias
     */
    public void update(double[] gradient, double learningRate) {
        Objects.requireNonNull(gradient, "gradient must not be null");
        if (gradient.length != weights.length + 1) {
            throw new IllegalArgumentException("The gradient has " + gradient.length + " entries but this perceptron needs "
                    + (weights.length + 1) + ": one per weight, then one for the bias.");
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] -= learningRate * gradient[i];
        }
        bias -= learningRate * gradient[weights.length];
    }

    /**
     * Trains by stochastic gradient descent and returns the mean squared error over all rows after each epoch
     * (handout §1.5). Each epoch visits the rows in order and makes one {@link #update} per row.
     *
     * @param x      one row per sample, one value per weight
     * @param y      one label (0 or 1) per row
     * @param epochs how many passes over the data; 0 returns an empty array
     */
    public double[] train(double[][] x, double[] y, double learningRate, int epochs) {
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(y, "y must not be null");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length + " labels: give one label per row.");
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be ≥ 0, got " + epochs + ".");
        }
        double[] history = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = 0; i < x.length; i++) {
                update(gradient(x[i], y[i]), learningRate);
            }
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                total += squaredError(y[i], probability(x[i]));
            }
            history[epoch] = total / x.length;
        }
        return history;
    }

    private void checkInput(double[] x) {
        Objects.requireNonNull(x, "x must not be null");
        if (x.length != weights.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but this perceptron has " + weights.length
                    + " weights: give one input value per weight.");
        }
    }
}
