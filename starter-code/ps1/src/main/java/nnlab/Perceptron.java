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
        // TODO: reject an x whose length differs from the number of weights (IllegalArgumentException saying so),
        //  then return the bias plus the sum of weights[i] * x[i].
        throw new UnsupportedOperationException("Not implemented yet: Perceptron.weightedSum — see handout §1.1");
    }

    /** Returns p = σ(h) = 1 / (1 + e⁻ʰ), computed without overflow for any h (handout §1.1). */
    public double probability(double[] x) {
        // TODO: apply the sigmoid to weightedSum(x). For h < 0, e⁻ʰ can overflow: use the algebraically equal
        //  form e^h / (1 + e^h) there.
        throw new UnsupportedOperationException("Not implemented yet: Perceptron.probability — see handout §1.1");
    }

    /** Returns ŷ: 1 if p ≥ 0.5, else 0 (handout §1.2). */
    public int predict(double[] x) {
        // TODO: threshold probability(x) at 0.5 (a p of exactly 0.5 predicts 1).
        throw new UnsupportedOperationException("Not implemented yet: Perceptron.predict — see handout §1.2");
    }

    /** Returns the squared error (y − p)² (handout §1.3). */
    public static double squaredError(double y, double p) {
        // TODO: return the square of the difference between the label and the probability.
        throw new UnsupportedOperationException("Not implemented yet: Perceptron.squaredError — see handout §1.3");
    }

    /**
     * Returns the gradient of l = (y − p)² at the current parameters: [∂l/∂w₁, …, ∂l/∂wₙ, ∂l/∂b], where
     * ∂l/∂wᵢ = 2(p − y)·p(1 − p)·xᵢ and ∂l/∂b = 2(p − y)·p(1 − p) (handout §1.4). Changes nothing.
     */
    public double[] gradient(double[] x, double y) {
        // TODO: compute p once, then the shared chain-rule factor ∂l/∂p · ∂p/∂h; return an array with one entry per
        //  weight (times ∂h/∂wᵢ) followed by the bias entry (∂h/∂b = 1). Do not change the weights or the bias.
        throw new UnsupportedOperationException("Not implemented yet: Perceptron.gradient — see handout §1.4");
    }

    /**
     * Takes one gradient-descent step θ ← θ − η·g on every weight and the bias (handout §1.5).
     *
     * @param gradient laid out as {@link #gradient} returns it: one entry per weight, then the bias
     */
    public void update(double[] gradient, double learningRate) {
        // TODO: reject a gradient whose length is not (number of weights + 1), then move every weight and the bias
        //  against its gradient entry, scaled by the learning rate.
        throw new UnsupportedOperationException("Not implemented yet: Perceptron.update — see handout §1.5");
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
        // TODO: check that x and y have the same number of rows and that epochs ≥ 0. For each epoch: one
        //  gradient + update per row, in order; then record the mean of squaredError over all rows.
        throw new UnsupportedOperationException("Not implemented yet: Perceptron.train — see handout §1.5");
    }
}
