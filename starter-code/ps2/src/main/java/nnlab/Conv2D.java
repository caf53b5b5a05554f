package nnlab;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * A 2-D convolution over channels-last images, like Keras's {@code Conv2D(filters, kernel_size, strides, padding,
 * activation)}: z[b, i, j, f] = bias[f] + Σ_{di, dj, c} xpad[b, i·s + di, j·s + dj, c]·K[di, dj, c, f] (a
 * cross-correlation: the kernel is not flipped) and output φ(z), shape (b, oh, ow, filters); see {@link Padding} for
 * oh, ow and the zeros of xpad.
 *
 * <p>The activation is applied as {@link Activation} does to the matrix of (b·oh·ow) rows and {@code filters} columns,
 * so SOFTMAX runs over the channels of each pixel, Keras's last axis. Parameter layout: the kernel in row-major
 * (kh, kw, inChannels, filters) order, then the bias. Call order as {@link Dense}: forward, then backward, which
 * stores {@link #kernelGradient()} and {@link #biasGradient()}.
 */
public final class Conv2D implements Layer {

    private final int kernelHeight;
    private final int kernelWidth;
    private final int inputChannels;
    private final int filters;
    private final int strides;
    private final Padding padding;
    private final Activation activation;
    private double[] kernel;
    private double[] bias;

    /** The images of the last forward call; your forward sets it and your backward reads it. */
    private Tensor lastInput;
    /** z of the last forward call, (b·oh·ow) × filters; your forward sets it and your backward reads it. */
    private Matrix lastZ;
    private double[] kernelGradient;
    private double[] biasGradient;

    /**
     * Creates a layer with square {@code kernelSize × kernelSize} windows, Glorot-uniform kernel and zero bias. With
     * fanIn = kh·kw·inputChannels and fanOut = kh·kw·filters, kernel entry number i in the layout order is
     * {@code (2·u − 1)·√(6 / (fanIn + fanOut))} with {@code u = random.nextDouble()} from {@code new Random(seed)}.
     * Unlike Keras, {@code inputChannels} is given, so the parameters exist before the first batch (as for Dense).
     */
    public Conv2D(int inputChannels, int filters, int kernelSize, int strides, Padding padding, Activation activation,
                  long seed) {
        this(inputChannels, filters, kernelSize, kernelSize, strides, padding, activation);
        Random random = new Random(seed);
        double limit = Math.sqrt(6.0 / (kernelSize * kernelSize * (inputChannels + filters)));
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (2 * random.nextDouble() - 1) * limit;
        }
    }

    /**
     * Creates a layer with the given parameters.
     *
     * @param kernel rank 4, (kh, kw, inChannels, filters); kh and kw may differ
     * @param bias   one value per filter (copied)
     */
    public Conv2D(Tensor kernel, double[] bias, int strides, Padding padding, Activation activation) {
        this(dim(kernel, 2), dim(kernel, 3), dim(kernel, 0), dim(kernel, 1), strides, padding, activation);
        Objects.requireNonNull(bias, "bias must not be null");
        if (bias.length != filters) {
            throw new IllegalArgumentException("The kernel " + kernel.shapeString() + " has " + filters
                    + " filters (its last axis) so the bias needs " + filters + " values; got " + bias.length + ".");
        }
        this.kernel = kernel.values();
        this.bias = bias.clone();
    }

    private Conv2D(int inputChannels, int filters, int kernelHeight, int kernelWidth, int strides, Padding padding,
                   Activation activation) {
        if (inputChannels < 1 || filters < 1 || kernelHeight < 1 || kernelWidth < 1 || strides < 1) {
            throw new IllegalArgumentException("A convolution needs inputChannels, filters, kernel size and strides ≥ 1; got "
                    + inputChannels + ", " + filters + ", " + kernelHeight + "×" + kernelWidth + " and " + strides + ".");
        }
        this.inputChannels = inputChannels;
        this.filters = filters;
        this.kernelHeight = kernelHeight;
        this.kernelWidth = kernelWidth;
        this.strides = strides;
        this.padding = Objects.requireNonNull(padding, "padding must not be null: use Padding.VALID or Padding.SAME");
        this.activation = Objects.requireNonNull(activation, "activation must not be null: use Activation.LINEAR for none");
        this.kernel = new double[kernelHeight * kernelWidth * inputChannels * filters];
        this.bias = new double[filters];
    }

    private static int dim(Tensor kernel, int axis) {
        Objects.requireNonNull(kernel, "kernel must not be null");
        kernel.requireRank(4, "A Conv2D kernel (kh, kw, inChannels, filters)");
        return kernel.dim(axis);
    }

    /** Returns the number of filters, the output channels. */
    public int filters() {
        return filters;
    }

    /** Returns the number of input channels the kernel expects. */
    public int inputChannels() {
        return inputChannels;
    }

    /** Returns the window height kh. */
    public int kernelHeight() {
        return kernelHeight;
    }

    /** Returns the window width kw. */
    public int kernelWidth() {
        return kernelWidth;
    }

    /** Returns the step between windows, the same along both axes. */
    public int strides() {
        return strides;
    }

    /** Returns the padding rule. */
    public Padding padding() {
        return padding;
    }

    /** Returns the activation φ. */
    public Activation activation() {
        return activation;
    }

    /** Returns the kernel, (kh, kw, inChannels, filters). */
    public Tensor kernel() {
        return Tensor.of(kernelShape(), kernel);
    }

    /** Returns a copy of the bias, one value per filter. */
    public double[] bias() {
        return bias.clone();
    }

    /**
     * Returns φ(z) for the images {@code input} (b, h, w, inChannels), remembering what backward needs: im2col, one
     * product with the kernel and the bias, then the activation.
     */
    @Override
    public Tensor forward(Tensor input, boolean training, Random random) {
        // TODO: check the input is (b, h, w, inputChannels); output size and top/left padding from padding.outputLength
        //  and padding.padBefore; z[b, i, j, f] = bias[f] + Σ x[b, i·s + di − top, j·s + dj − left, c]·K[di, dj, c, f]
        //  over the window (0 outside the image); remember the input and z, and return φ(z) (the activation on the
        //  (b·oh·ow) × filters matrix of z).
        throw new UnsupportedOperationException("Not implemented yet: Conv2D.forward — see handout §3.1");
    }

    /**
     * Given ∂L/∂output of the last forward batch, stores ∂L/∂K = columnsᵀ·∂L/∂z and ∂L/∂bias = column sums of ∂L/∂z,
     * and returns ∂L/∂input = col2im(∂L/∂z·Kᵀ), where ∂L/∂z = activation.backward(z, ∂L/∂output).
     */
    @Override
    public Tensor backward(Tensor gradOutput) {
        // TODO: throw IllegalStateException if forward has not run; ∂L/∂z from the activation; store kernelGradient
        //  (Σ over b, i, j of input value × ∂L/∂z) and biasGradient (Σ of ∂L/∂z per filter); return ∂L/∂x, each input
        //  position summing K × ∂L/∂z over every window that covers it.
        throw new UnsupportedOperationException("Not implemented yet: Conv2D.backward — see handout §3.2");
    }

    /** Returns ∂L/∂K from the last backward call, shaped like the kernel. */
    public Tensor kernelGradient() {
        checkBackwardDone();
        return Tensor.of(kernelShape(), kernelGradient);
    }

    /** Returns a copy of ∂L/∂bias from the last backward call. */
    public double[] biasGradient() {
        checkBackwardDone();
        return biasGradient.clone();
    }

    @Override
    public int parameterCount() {
        return kernel.length + bias.length;
    }

    @Override
    public double[] parameters() {
        return concat(kernel, bias);
    }

    @Override
    public void setParameters(double[] values) {
        Objects.requireNonNull(values, "values must not be null");
        if (values.length != parameterCount()) {
            throw new IllegalArgumentException("Got " + values.length + " parameters but this Conv2D has " + parameterCount()
                    + " (kh·kw·inChannels·filters kernel entries, then filters biases).");
        }
        kernel = Arrays.copyOfRange(values, 0, kernel.length);
        bias = Arrays.copyOfRange(values, kernel.length, values.length);
    }

    @Override
    public double[] parameterGradient() {
        checkBackwardDone();
        return concat(kernelGradient, biasGradient);
    }


    private int[] kernelShape() {
        return new int[] {kernelHeight, kernelWidth, inputChannels, filters};
    }

    private static double[] concat(double[] first, double[] second) {
        double[] flat = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, flat, first.length, second.length);
        return flat;
    }

    private void checkBackwardDone() {
        if (kernelGradient == null) {
            throw new IllegalStateException("No gradient yet: call forward(x) and then backward(gradOutput) first.");
        }
    }
}
