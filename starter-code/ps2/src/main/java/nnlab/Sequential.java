package nnlab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

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
    private final List<Layer> stack;
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
        this.stack = List.of(layers);
    }

    /**
     * Stacks any layers in order, like Keras's {@code Sequential([...])} (problem set 2). Neighbouring Dense layers
     * are size-checked here; every other shape is checked by the layers when a batch goes through.
     *
     * @throws IllegalArgumentException if there is no layer or two neighbouring Dense layers do not fit
     */
    public Sequential(Layer... layers) {
        Objects.requireNonNull(layers, "layers must not be null");
        if (layers.length == 0) {
            throw new IllegalArgumentException("A Sequential model needs at least one layer.");
        }
        List<Dense> dense = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            Objects.requireNonNull(layers[i], "layer " + i + " is null");
            if (layers[i] instanceof Dense d) {
                if (i > 0 && layers[i - 1] instanceof Dense previous && d.inputs() != previous.units()) {
                    throw new IllegalArgumentException("Layer " + i + " takes " + d.inputs() + " inputs but layer "
                            + (i - 1) + " has " + previous.units() + " units: they must be equal.");
                }
                dense.add(d);
            }
        }
        this.layers = List.copyOf(dense);
        this.stack = List.of(layers);
    }

    /** Returns every layer, first to last, as an unmodifiable list (Keras's {@code model.layers}). */
    public List<Layer> stack() {
        return stack;
    }

    /** Returns the Dense layers, first to last, as an unmodifiable list; {@link #stack()} has every layer. */
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
        if (!plainDense()) {
            return predict(Tensor.fromMatrix(Objects.requireNonNull(x, "x must not be null"))).toMatrix();
        }
        Matrix a = Objects.requireNonNull(x, "x must not be null");
        for (Dense layer : layers) {
            a = layer.forward(a);
        }
        return a;
    }

    /** Returns the compiled loss of {@code predict(x)} against {@code y}. */
    public double loss(Matrix x, Matrix y) {
        checkCompiled();
        if (!plainDense()) {
            return loss(Tensor.fromMatrix(Objects.requireNonNull(x, "x must not be null")), y);
        }
        return loss.value(y, predict(x));
    }

    /** Returns how many parameters {@link #parameters()} holds. */
    public int parameterCount() {
        int count = 0;
        if (!plainDense()) {
            for (Layer layer : stack) {
                count += layer.parameterCount();
            }
            return count;
        }
        for (Dense layer : layers) {
            count += (layer.inputs() + 1) * layer.units();
        }
        return count;
    }

    /** Returns a fresh flat copy of every parameter: per layer, the weights row-major, then the bias. */
    public double[] parameters() {
        double[] flat = new double[parameterCount()];
        int offset = 0;
        if (!plainDense()) {
            for (Layer layer : stack) {
                double[] own = layer.parameters();
                System.arraycopy(own, 0, flat, offset, own.length);
                offset += own.length;
            }
            return flat;
        }
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
        if (!plainDense()) {
            for (Layer layer : stack) {
                layer.setParameters(Arrays.copyOfRange(flat, offset, offset + layer.parameterCount()));
                offset += layer.parameterCount();
            }
            return;
        }
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
        if (!plainDense()) {
            return gradient(Tensor.fromMatrix(Objects.requireNonNull(x, "x must not be null")), y, false, null);
        }
        checkCompiled();
        Matrix grad = loss.gradient(y, predict(x));
        for (int i = layers.size() - 1; i >= 0; i--) {
            grad = layers.get(i).backward(grad);
        }
        double[] flat = new double[parameterCount()];
        int offset = 0;
        for (Dense layer : layers) {
            offset = append(flat, offset, layer.weightGradient(), layer.biasGradient());
        }
        return flat;
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
        if (!plainDense()) {
            return fit(Tensor.fromMatrix(Objects.requireNonNull(x, "x must not be null")), y, epochs, batchSize, seed, 0.0)
                    .loss();
        }
        checkCompiled();
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(y, "y must not be null");
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("x has " + x.rows() + " rows but y has " + y.rows() + ": one target row per sample.");
        }
        if (epochs < 0 || batchSize < 1) {
            throw new IllegalArgumentException("Need epochs ≥ 0 and batchSize ≥ 1; got epochs = " + epochs + ", batchSize = " + batchSize + ".");
        }
        Random random = new Random(seed);
        double[] history = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            List<Integer> order = new ArrayList<>(x.rows());
            for (int i = 0; i < x.rows(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            for (int start = 0; start < order.size(); start += batchSize) {
                int[] batch = order.subList(start, Math.min(start + batchSize, order.size()))
                        .stream().mapToInt(Integer::intValue).toArray();
                double[] params = parameters();
                optimizer.update(params, gradient(x.selectRows(batch), y.selectRows(batch)));
                setParameters(params);
            }
            history[epoch] = loss(x, y);
        }
        return history;
    }

    /** Returns the output of the last layer for the batch {@code x} in prediction mode (Dropout is the identity). */
    public Tensor predict(Tensor x) {
        return forward(x, false, null);
    }

    /** Returns the compiled loss of {@code predict(x)} against {@code y} plus every layer's regularization penalty. */
    public double loss(Tensor x, Matrix y) {
        return loss(x, y, false, null);
    }

    /**
     * Returns the compiled loss of one forward pass in the given mode (in training, Dropout draws its masks from
     * {@code random}) plus every layer's {@link Layer#penalty()}, added in layer order, as Keras adds regularization
     * losses to both loss and val_loss.
     */
    public double loss(Tensor x, Matrix y, boolean training, Random random) {
        checkCompiled();
        double value = loss.value(y, forward(x, training, random).toMatrix());
        for (Layer layer : stack) {
            value += layer.penalty();
        }
        return value;
    }

    /**
     * Returns ∂{@link #loss(Tensor, Matrix, boolean, Random)}/∂parameters in the layout of {@link #parameters()}: one
     * forward pass in the given mode, the loss gradient, backward through the layers from last to first, then per
     * layer its {@link Layer#parameterGradient()} plus its {@link Layer#penaltyGradient()} (handout §2.3). So with the
     * same seed, {@code gradient(x, y, true, new Random(s))} is the derivative of
     * {@code loss(x, y, true, new Random(s))}. Changes no parameter.
     */
    public double[] gradient(Tensor x, Matrix y, boolean training, Random random) {
        // TODO: require a compiled model; forward(x, training, random) (the helper below), the loss gradient against
        //  y as a Tensor, backward through stack() from last to first; then, layer by layer in the order parameters()
        //  uses, parameterGradient() + penaltyGradient() entry by entry.
        throw new UnsupportedOperationException("Not implemented yet: Sequential.gradient — see handout §2.3");
    }

    /**
     * Trains like {@link #fit(Matrix, Matrix, int, int, long)} with a validation split and callbacks, like Keras's
     * {@code fit(x, y, epochs, batch_size, validation_split, callbacks)}, and returns the History (handout §1.1).
     *
     * <p>Exactly: nTrain = {@code (int) Math.floor(n * (1.0 - validationSplit))}; the first nTrain samples train and
     * the last n − nTrain validate, split before any shuffling. One {@code new Random(seed)}; every callback's
     * onTrainBegin; per epoch, shuffle a fresh list 0 … nTrain−1 with {@code Collections.shuffle(list, random)},
     * and per consecutive batch of {@code batchSize} update the parameters with {@code gradient(xb, yb, true,
     * random)} (so Dropout's masks come from the same generator, after the epoch's shuffle, batch by batch, layer by
     * layer); then record loss = {@code loss(xTrain, yTrain)} and, with validation, val_loss = {@code loss(xVal,
     * yVal)}, and call every callback's onEpochEnd with them as "loss" and "val_loss"; stop after the epoch if any
     * returned true. Finally every callback's onTrainEnd.
     *
     * @throws IllegalArgumentException unless 0 ≤ validationSplit < 1 and, when it is above 0, both parts are
     *                                  non-empty; or for mismatched sizes, epochs < 0 or batchSize < 1
     */
    public History fit(Tensor x, Matrix y, int epochs, int batchSize, long seed, double validationSplit,
                       Callback... callbacks) {
        // TODO: check the arguments; split off the last fraction as validation data (Tensor.selectBatch,
        //  Matrix.selectRows); then ps1's loop on the training part with gradient(xb, yb, true, random); after each
        //  epoch record loss and val_loss and run the callbacks as the comment above says; return the History.
        throw new UnsupportedOperationException("Not implemented yet: Sequential.fit — see handout §1.1");
    }

    /** Returns {@link #fit(Tensor, Matrix, int, int, long, double, Callback...)} on the rows of {@code x}. */
    public History fit(Matrix x, Matrix y, int epochs, int batchSize, long seed, double validationSplit,
                       Callback... callbacks) {
        return fit(Tensor.fromMatrix(Objects.requireNonNull(x, "x must not be null")), y, epochs, batchSize, seed,
                validationSplit, callbacks);
    }

    /** Returns the batch {@code x} through every layer in the given mode; a layer's complaint names its position. */
    private Tensor forward(Tensor x, boolean training, Random random) {
        Tensor a = Objects.requireNonNull(x, "x must not be null");
        for (int i = 0; i < stack.size(); i++) {
            try {
                a = stack.get(i).forward(a, training, random);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Layer " + i + " (" + stack.get(i).getClass().getSimpleName() + "): "
                        + e.getMessage(), e);
            }
        }
        return a;
    }

    /**
     * Returns whether every layer is a Dense without a regularizer: problem set 1's model, which the problem set 1
     * code paths compute exactly as before.
     */
    private boolean plainDense() {
        for (Layer layer : stack) {
            if (!(layer instanceof Dense d) || d.kernelRegularizer() != null) {
                return false;
            }
        }
        return true;
    }

    private static int[] range(int from, int to) {
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return indices;
    }

    /**
     * Returns the fraction of rows predicted right: with one output column, a prediction ≥ 0.5 counts as class 1;
     * with several, the column of the largest output is the class and {@code y} is one-hot.
     */
    public double accuracy(Matrix x, Matrix y) {
        return accuracyOf(predict(x), y);
    }

    /** Returns {@link #accuracy(Matrix, Matrix)}'s fraction for a batch of images or rows {@code x}. */
    public double accuracy(Tensor x, Matrix y) {
        return accuracyOf(predict(x).toMatrix(), y);
    }

    private static double accuracyOf(Matrix p, Matrix y) {
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
