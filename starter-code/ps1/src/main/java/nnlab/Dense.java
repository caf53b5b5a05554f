package nnlab;

import java.util.Objects;
import java.util.Random;

/**
 * A fully connected layer A = φ(Z), Z = XW + b, batch-major (handout Part 3): X is batch × inputs, W is
 * inputs × units, b has one entry per unit and is added to every row.
 *
 * <p>Call order: {@link #forward} remembers its input and Z; {@link #backward} then uses them, returns ∂L/∂X and
 * stores the parameter gradients that {@link #weightGradient()} and {@link #biasGradient()} return until the next
 * backward pass. The layer's parameters change only through {@link Sequential#setParameters(double[])}.
 */
public final class Dense {

    private final int inputs;
    private final int units;
    private final Activation activation;
    private Matrix weights;
    private double[] bias;

    /** The batch X of the last forward call; your forward sets it and your backward reads it. */
    private Matrix lastInput;
    /** Z = XW + b of the last forward call; your forward sets it and your backward reads it. */
    private Matrix lastZ;
    /** ∂L/∂W of the last backward call; your backward sets it. */
    private Matrix weightGradient;
    /** ∂L/∂b of the last backward call; your backward sets it. */
    private double[] biasGradient;

    /**
     * Creates a layer with Glorot-uniform weights and zero bias. Weight (i, j) is drawn in row-major order as
     * {@code (2·u − 1)·√(6 / (inputs + units))} with {@code u = random.nextDouble()} from {@code new Random(seed)}.
     */
    public Dense(int inputs, int units, Activation activation, long seed) {
        if (inputs < 1 || units < 1) {
            throw new IllegalArgumentException("A dense layer needs inputs ≥ 1 and units ≥ 1; got " + inputs + " and " + units + ".");
        }
        this.inputs = inputs;
        this.units = units;
        this.activation = Objects.requireNonNull(activation, "activation must not be null: use Activation.LINEAR for none");
        Random random = new Random(seed);
        double limit = Math.sqrt(6.0 / (inputs + units));
        double[][] w = new double[inputs][units];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < units; j++) {
                w[i][j] = (2 * random.nextDouble() - 1) * limit;
            }
        }
        this.weights = Matrix.of(w);
        this.bias = new double[units];
    }

    /**
     * Creates a layer with the given parameters.
     *
     * @param weights inputs × units
     * @param bias    one value per unit (copied)
     */
    public Dense(Matrix weights, double[] bias, Activation activation) {
        Objects.requireNonNull(weights, "weights must not be null");
        Objects.requireNonNull(bias, "bias must not be null");
        if (bias.length != weights.cols()) {
            throw new IllegalArgumentException("weights are " + weights.shape() + " (inputs × units) so the bias needs "
                    + weights.cols() + " values, one per unit; got " + bias.length + ".");
        }
        this.inputs = weights.rows();
        this.units = weights.cols();
        this.activation = Objects.requireNonNull(activation, "activation must not be null: use Activation.LINEAR for none");
        this.weights = weights;
        this.bias = bias.clone();
    }

    /** Returns the number of inputs (rows of W). */
    public int inputs() {
        return inputs;
    }

    /** Returns the number of units (columns of W). */
    public int units() {
        return units;
    }

    /** Returns the activation φ. */
    public Activation activation() {
        return activation;
    }

    /** Returns W, inputs × units. */
    public Matrix weights() {
        return weights;
    }

    /** Returns a copy of b. */
    public double[] bias() {
        return bias.clone();
    }

    /** Returns A = φ(XW + b) for a batch X of shape batch × inputs, remembering X and Z for backward (handout §3.1). */
    public Matrix forward(Matrix x) {
        // TODO: check that x has one column per input; compute Z = XW + b (Matrix.multiply, Matrix.plusRowVector),
        //  keep X in lastInput and Z in lastZ for backward, and return the activation applied to Z.
        throw new UnsupportedOperationException("Not implemented yet: Dense.forward — see handout §3.1");
    }

    /**
     * Given ∂L/∂A for the last forward batch, stores ∂L/∂W = Xᵀ·∂L/∂Z and ∂L/∂b = column sums of ∂L/∂Z, and returns
     * ∂L/∂X = ∂L/∂Z·Wᵀ, where ∂L/∂Z = activation.backward(Z, ∂L/∂A) (handout §3.2).
     *
     * @throws IllegalStateException if {@link #forward} has not been called
     */
    public Matrix backward(Matrix gradOutput) {
        // TODO: throw IllegalStateException if forward has not run; compute ∂L/∂Z with the activation's backward,
        //  store weightGradient and biasGradient, and return ∂L/∂X (transposeMultiply and multiplyTranspose help).
        throw new UnsupportedOperationException("Not implemented yet: Dense.backward — see handout §3.2");
    }

    /** Returns ∂L/∂W from the last backward call, inputs × units. */
    public Matrix weightGradient() {
        checkBackwardDone();
        return weightGradient;
    }

    /** Returns a copy of ∂L/∂b from the last backward call. */
    public double[] biasGradient() {
        checkBackwardDone();
        return biasGradient.clone();
    }

    void setParameters(Matrix newWeights, double[] newBias) {
        weights = newWeights;
        bias = newBias.clone();
    }

    private void checkBackwardDone() {
        if (weightGradient == null) {
            throw new IllegalStateException("No gradient yet: call forward(x) and then backward(gradOutput) first.");
        }
    }
}
