package nnlab;

import java.util.List;
import java.util.Objects;

/**
 * A stack of dense layers trained end to end, like Keras's {@code Sequential} (handout Parts 3 and 4).
 *
 * <p>Call order: construct, {@link #compile} once (or again to change optimizer or loss), then {@link #loss},
 * {@link #gradient} and {@link #fit}; {@link #predict} works before compiling. The flat parameter layout of
 * {@link #parameters()}, {@link #setParameters} and {@link #gradient} is, layer by layer, the weights row-major then
 * the bias.
 */
public final class Sequential {

    private final List<Dense> layers;
    private Optimizer optimizer;
    private Loss loss;

    /**
     * Stacks {@code layers} in order; each layer's inputs must equal the previous layer's units.
     *
     * @throws IllegalArgumentException if there is no layer or two neighbours do not fit
     */
    public Sequential(Dense... layers) {
        Objects.requireNonNull(layers, "layers must not be null");
        if (layers.length == 0) {
            throw new IllegalArgumentException("A Sequential model needs at least one Dense layer.");
        }
        for (int i = 0; i < layers.length; i++) {
            Objects.requireNonNull(layers[i], "layer " + i + " is null");
            if (i > 0 && layers[i].inputs() != layers[i - 1].units()) {
                throw new IllegalArgumentException("Layer " + i + " takes " + layers[i].inputs() + " inputs but layer "
                        + (i - 1) + " has " + layers[i - 1].units() + " units: they must be equal.");
            }
        }
        this.layers = List.of(layers);
    }

    /** Returns the layers, first to last, as an unmodifiable list. */
    public List<Dense> layers() {
        return layers;
    }

    /** Sets the optimizer and the loss used by {@link #loss}, {@link #gradient} and {@link #fit}. */
    public void compile(Optimizer optimizer, Loss loss) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer must not be null");
        this.loss = Objects.requireNonNull(loss, "loss must not be null");
    }

    /** Returns the output of the last layer for the batch {@code x}: the forward pass (handout §3.3). */
    public Matrix predict(Matrix x) {
        // TODO: feed x through every layer's forward, first to last, and return the last layer's output.
        throw new UnsupportedOperationException("Not implemented yet: Sequential.predict — see handout §3.3");
    }

    /** Returns the compiled loss of {@code predict(x)} against {@code y}. */
    public double loss(Matrix x, Matrix y) {
        checkCompiled();
        return loss.value(y, predict(x));
    }

    /** Returns how many parameters {@link #parameters()} holds. */
    public int parameterCount() {
        int count = 0;
        for (Dense layer : layers) {
            count += (layer.inputs() + 1) * layer.units();
        }
        return count;
    }

    /** Returns a fresh flat copy of every parameter: per layer, the weights row-major, then the bias. */
    public double[] parameters() {
        double[] flat = new double[parameterCount()];
        int offset = 0;
        for (Dense layer : layers) {
            offset = append(flat, offset, layer.weights(), layer.bias());
        }
        return flat;
    }

    /**
     * Replaces every parameter from a flat vector laid out as {@link #parameters()} returns it.
     *
     * @throws IllegalArgumentException if the length is not {@link #parameterCount()}
     */
    public void setParameters(double[] flat) {
        Objects.requireNonNull(flat, "parameters must not be null");
        if (flat.length != parameterCount()) {
            throw new IllegalArgumentException("Got " + flat.length + " parameters but this model has " + parameterCount()
                    + " (per layer: inputs × units weights, then units biases).");
        }
        int offset = 0;
        for (Dense layer : layers) {
            double[][] w = new double[layer.inputs()][layer.units()];
            for (double[] row : w) {
                System.arraycopy(flat, offset, row, 0, row.length);
                offset += row.length;
            }
            double[] b = new double[layer.units()];
            System.arraycopy(flat, offset, b, 0, b.length);
            offset += b.length;
            layer.setParameters(Matrix.of(w), b);
        }
    }

    /**
     * Returns ∂loss/∂parameters for the batch ({@code x}, {@code y}) in the layout of {@link #parameters()}: a forward
     * pass, the loss gradient, then backward through the layers from last to first (handout §3.4). Changes no parameter.
     */
    public double[] gradient(Matrix x, Matrix y) {
        // TODO: require a compiled model (checkCompiled); predict, take the loss gradient against y, pass it backward
        //  through the layers from last to first, then flatten every layer's weightGradient and biasGradient in the
        //  order parameters() uses (the append helper below does one layer).
        throw new UnsupportedOperationException("Not implemented yet: Sequential.gradient — see handout §3.4");
    }

    /**
     * Trains with mini-batch gradient descent and returns the compiled loss on the whole of ({@code x}, {@code y})
     * after each epoch (handout §4.6).
     *
     * <p>One {@code new Random(seed)} per call; each epoch shuffles a fresh list 0 … n−1 with
     * {@code Collections.shuffle(list, random)}, takes consecutive batches of {@code batchSize} rows (the last may be
     * smaller) and, per batch, computes {@link #gradient} and applies the optimizer to the parameters.
     */
    public double[] fit(Matrix x, Matrix y, int epochs, int batchSize, long seed) {
        // TODO: check the arguments; make one Random from the seed; per epoch shuffle a fresh list 0 … n−1, and per
        //  batch (Matrix.selectRows) compute gradient, let the optimizer update a parameters() copy, setParameters it
        //  back; after the epoch's last batch record loss(x, y).
        throw new UnsupportedOperationException("Not implemented yet: Sequential.fit — see handout §4.6");
    }

    /**
     * Returns the fraction of rows predicted right: with one output column, a prediction ≥ 0.5 counts as class 1;
     * with several, the column of the largest output is the class and {@code y} is one-hot.
     */
    public double accuracy(Matrix x, Matrix y) {
        Matrix p = predict(x);
        if (p.rows() != y.rows() || p.cols() != y.cols()) {
            throw new IllegalArgumentException("Predictions are " + p.shape() + " but y is " + y.shape() + ".");
        }
        int correct = 0;
        for (int r = 0; r < p.rows(); r++) {
            if (p.cols() == 1) {
                correct += (p.get(r, 0) >= 0.5 ? 1.0 : 0.0) == y.get(r, 0) ? 1 : 0;
            } else {
                correct += argmax(p.row(r)) == argmax(y.row(r)) ? 1 : 0;
            }
        }
        return (double) correct / p.rows();
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int append(double[] flat, int offset, Matrix weights, double[] bias) {
        for (int r = 0; r < weights.rows(); r++) {
            double[] row = weights.row(r);
            System.arraycopy(row, 0, flat, offset, row.length);
            offset += row.length;
        }
        System.arraycopy(bias, 0, flat, offset, bias.length);
        return offset + bias.length;
    }

    private void checkCompiled() {
        if (loss == null) {
            throw new IllegalStateException("This model is not compiled: call compile(optimizer, loss) first.");
        }
    }
}
