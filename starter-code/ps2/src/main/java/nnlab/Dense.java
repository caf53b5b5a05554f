package nnlab;

import java.util.Arrays;
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
public final class Dense implements Layer {

    private final int inputs;
    private final int units;
    private final Activation activation;
    private Matrix weights;
    private double[] bias;
    private Regularizer kernelRegularizer;

    private Matrix lastInput;
    private Matrix lastZ;
    private Matrix weightGradient;
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

    /**
     * Creates a layer as {@link #Dense(int, int, Activation, long)} does, with a penalty on its weights W (Keras's
     * {@code kernel_regularizer}; the bias is not regularized); a {@code null} regularizer means none.
     */
    public Dense(int inputs, int units, Activation activation, long seed, Regularizer kernelRegularizer) {
        this(inputs, units, activation, seed);
        this.kernelRegularizer = kernelRegularizer;
    }

    /** Creates a layer as {@link #Dense(Matrix, double[], Activation)} does, with a penalty on W ({@code null}: none). */
    public Dense(Matrix weights, double[] bias, Activation activation, Regularizer kernelRegularizer) {
        this(weights, bias, activation);
        this.kernelRegularizer = kernelRegularizer;
    }

    /** Returns the penalty on W, or {@code null} when there is none. */
    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
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
        Objects.requireNonNull(x, "x must not be null");
        if (x.cols() != inputs) {
            throw new IllegalArgumentException("This layer takes " + inputs + " inputs but x is " + x.shape()
                    + "; x needs one column per input.");
        }
        lastInput = x;
        lastZ = x.multiply(weights).plusRowVector(bias);
        return activation.forward(lastZ);
    }

    /**
     * Given ∂L/∂A for the last forward batch, stores ∂L/∂W = Xᵀ·∂L/∂Z and ∂L/∂b = column sums of ∂L/∂Z, and returns
     * ∂L/∂X = ∂L/∂Z·Wᵀ, where ∂L/∂Z = activation.backward(Z, ∂L/∂A) (handout §3.2).
     *
     * @throws IllegalStateException if {@link #forward} has not been called
     */
    public Matrix backward(Matrix gradOutput) {
        Objects.requireNonNull(gradOutput, "gradOutput must not be null");
        if (lastZ == null) {
            throw new IllegalStateException("backward needs the batch of the last forward call: call forward(x) first.");
        }
        Matrix dz = activation.backward(lastZ, gradOutput);
        weightGradient = lastInput.transposeMultiply(dz);
        biasGradient = dz.columnSums();
        return dz.multiplyTranspose(weights);
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

    /** Returns {@link #forward(Matrix)} of the rank-2 {@code input} as a tensor; Dense has no training behaviour. */
    @Override
    public Tensor forward(Tensor input, boolean training, Random random) {
        Objects.requireNonNull(input, "input must not be null");
        return Tensor.fromMatrix(forward(input.toMatrix()));
    }

    /** Returns {@link #backward(Matrix)} of the rank-2 {@code gradOutput} as a tensor. */
    @Override
    public Tensor backward(Tensor gradOutput) {
        Objects.requireNonNull(gradOutput, "gradOutput must not be null");
        return Tensor.fromMatrix(backward(gradOutput.toMatrix()));
    }

    /** Returns (inputs + 1)·units: the weights, then the bias. */
    @Override
    public int parameterCount() {
        return (inputs + 1) * units;
    }

    /** Returns W row-major, then b: problem set 1's per-layer layout. */
    @Override
    public double[] parameters() {
        return flatten(weights, bias);
    }

    /** Replaces W (row-major) and b from one flat vector in the layout of {@link #parameters()}. */
    @Override
    public void setParameters(double[] values) {
        Objects.requireNonNull(values, "values must not be null");
        if (values.length != parameterCount()) {
            throw new IllegalArgumentException("Got " + values.length + " parameters but this Dense layer has "
                    + parameterCount() + " (inputs × units weights, then units biases).");
        }
        double[][] w = new double[inputs][units];
        for (int r = 0; r < inputs; r++) {
            System.arraycopy(values, r * units, w[r], 0, units);
        }
        setParameters(Matrix.of(w), Arrays.copyOfRange(values, inputs * units, values.length));
    }

    /** Returns ∂L/∂W row-major, then ∂L/∂b, from the last backward call. */
    @Override
    public double[] parameterGradient() {
        return flatten(weightGradient(), biasGradient());
    }

    /** Returns the kernel regularizer's penalty on W, or 0 without one. */
    @Override
    public double penalty() {
        return kernelRegularizer == null ? 0 : kernelRegularizer.penalty(weights);
    }

    /** Returns the kernel regularizer's gradient on W row-major, then zeros for the bias. */
    @Override
    public double[] penaltyGradient() {
        if (kernelRegularizer == null) {
            return new double[parameterCount()];
        }
        return flatten(kernelRegularizer.gradient(weights), new double[units]);
    }

    private static double[] flatten(Matrix w, double[] b) {
        double[] flat = new double[w.rows() * w.cols() + b.length];
        for (int r = 0; r < w.rows(); r++) {
            System.arraycopy(w.row(r), 0, flat, r * w.cols(), w.cols());
        }
        System.arraycopy(b, 0, flat, w.rows() * w.cols(), b.length);
        return flat;
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
