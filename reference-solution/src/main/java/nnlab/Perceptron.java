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
        //@task ps1 Perceptron.weightedSum §1.1
        // TODO: reject an x whose length differs from the number of weights (IllegalArgumentException saying so),
        //  then return the bias plus the sum of weights[i] * x[i].
        //@solution
        checkInput(x);
        double h = bias;
        for (int i = 0; i < weights.length; i++) {
            h += weights[i] * x[i];
        }
        return h;
        //@end
    }

    /** Returns p = σ(h) = 1 / (1 + e⁻ʰ), computed without overflow for any h (handout §1.1). */
    public double probability(double[] x) {
        //@task ps1 Perceptron.probability §1.1
        // TODO: apply the sigmoid to weightedSum(x). For h < 0, e⁻ʰ can overflow: use the algebraically equal
        //  form e^h / (1 + e^h) there.
        //@solution
        return Activation.sigmoid(weightedSum(x));
        //@end
    }

    /** Returns ŷ: 1 if p ≥ 0.5, else 0 (handout §1.2). */
    public int predict(double[] x) {
        //@task ps1 Perceptron.predict §1.2
        // TODO: threshold probability(x) at 0.5 (a p of exactly 0.5 predicts 1).
        //@solution
        return probability(x) >= 0.5 ? 1 : 0;
        //@end
    }

    /** Returns the squared error (y − p)² (handout §1.3). */
    public static double squaredError(double y, double p) {
        //@task ps1 Perceptron.squaredError §1.3
        // TODO: return the square of the difference between the label and the probability.
        //@solution
        double d = y - p;
        return d * d;
        //@end
    }

    /**
     * Returns the gradient of l = (y − p)² at the current parameters: [∂l/∂w₁, …, ∂l/∂wₙ, ∂l/∂b], where
     * ∂l/∂wᵢ = 2(p − y)·p(1 − p)·xᵢ and ∂l/∂b = 2(p − y)·p(1 − p) (handout §1.4). Changes nothing.
     */
    public double[] gradient(double[] x, double y) {
        //@task ps1 Perceptron.gradient §1.4
        // TODO: compute p once, then the shared chain-rule factor ∂l/∂p · ∂p/∂h; return an array with one entry per
        //  weight (times ∂h/∂wᵢ) followed by the bias entry (∂h/∂b = 1). Do not change the weights or the bias.
        //@solution
        double p = probability(x);
        double dh = 2 * (p - y) * p * (1 - p);
        double[] g = new double[weights.length + 1];
        for (int i = 0; i < weights.length; i++) {
            g[i] = dh * x[i];
        }
        g[weights.length] = dh;
        return g;
        //@end
    }

    /**
     * Takes one gradient-descent step θ ← θ − η·g on every weight and the bias (handout §1.5).
     *
     * @param gradient laid out as {@link #gradient} returns it: one entry per weight, then the bias
     */
    public void update(double[] gradient, double learningRate) {
        //@task ps1 Perceptron.update §1.5
        // TODO: reject a gradient whose length is not (number of weights + 1), then move every weight and the bias
        //  against its gradient entry, scaled by the learning rate.
        //@solution
        Objects.requireNonNull(gradient, "gradient must not be null");
        if (gradient.length != weights.length + 1) {
            throw new IllegalArgumentException("The gradient has " + gradient.length + " entries but this perceptron needs "
                    + (weights.length + 1) + ": one per weight, then one for the bias.");
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] -= learningRate * gradient[i];
        }
        bias -= learningRate * gradient[weights.length];
        //@end
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
        //@task ps1 Perceptron.train §1.5
        // TODO: check that x and y have the same number of rows and that epochs ≥ 0. For each epoch: one
        //  gradient + update per row, in order; then record the mean of squaredError over all rows.
        //@solution
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
        //@end
    }
    //@solution ps1

    private void checkInput(double[] x) {
        Objects.requireNonNull(x, "x must not be null");
        if (x.length != weights.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but this perceptron has " + weights.length
                    + " weights: give one input value per weight.");
        }
    }
    //@end
}
