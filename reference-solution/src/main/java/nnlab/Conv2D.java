//@file since ps2
package nnlab;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
//@solution ps2
//@reference

import nnlab.backend.Backends;
import nnlab.backend.ConvGeometry;
import nnlab.backend.MatrixBackend;
//@starter
//@end
//@end

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

    //@solution ps2
    //@reference
    private ConvGeometry lastGeometry;
    private double[] lastColumns;
    //@starter
    //> private Tensor lastInput;
    //@end
    //@starter
    //> /** The images of the last forward call; your forward sets it and your backward reads it. */
    //> private Tensor lastInput;
    //@end
    //@starter ps2
    //> /** z of the last forward call, (b·oh·ow) × filters; your forward sets it and your backward reads it. */
    //@end
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
        //@task ps2 Conv2D.forward §3.1
        // TODO: check the input is (b, h, w, inputChannels); output size and top/left padding from padding.outputLength
        //  and padding.padBefore; z[b, i, j, f] = bias[f] + Σ x[b, i·s + di − top, j·s + dj − left, c]·K[di, dj, c, f]
        //  over the window (0 outside the image); remember the input and z, and return φ(z) (the activation on the
        //  (b·oh·ow) × filters matrix of z).
        //@solution
        Objects.requireNonNull(input, "input must not be null");
        input.requireRank(4, "Conv2D");
        if (input.dim(3) != inputChannels) {
            throw new IllegalArgumentException("This Conv2D takes " + inputChannels + " input channels but the images are "
                    + input.shapeString() + "; the last axis must be the channels.");
        }
        //@reference
        ConvGeometry g = geometry(input);
        MatrixBackend backend = Backends.current();
        double[] columns = new double[g.rows() * g.patch()];
        backend.im2col(input.data(), columns, g);
        double[] product = new double[g.rows() * filters];
        backend.multiply(columns, false, kernel, false, product, g.rows(), g.patch(), filters);
        double[] z = new double[product.length];
        backend.addRowVector(product, bias, z, g.rows(), filters);
        lastGeometry = g;
        lastColumns = columns;
        lastZ = Tensor.wrap(new int[] {g.rows(), filters}, z).toMatrix();
        Matrix a = activation.forward(lastZ);
        return Tensor.fromMatrix(a).reshape(g.batch(), g.outHeight(), g.outWidth(), filters);
        //@starter
        //> int batch = input.dim(0);
        //> int height = input.dim(1);
        //> int width = input.dim(2);
        //> int outHeight = padding.outputLength(height, kernelHeight, strides);
        //> int outWidth = padding.outputLength(width, kernelWidth, strides);
        //> int top = padding.padBefore(height, kernelHeight, strides);
        //> int left = padding.padBefore(width, kernelWidth, strides);
        //> double[] x = input.values();
        //> double[] z = new double[batch * outHeight * outWidth * filters];
        //> for (int n = 0; n < batch; n++) {
        //>     for (int i = 0; i < outHeight; i++) {
        //>         for (int j = 0; j < outWidth; j++) {
        //>             for (int f = 0; f < filters; f++) {
        //>                 double sum = bias[f];
        //>                 for (int di = 0; di < kernelHeight; di++) {
        //>                     int r = i * strides + di - top;
        //>                     for (int dj = 0; dj < kernelWidth && r >= 0 && r < height; dj++) {
        //>                         int q = j * strides + dj - left;
        //>                         if (q < 0 || q >= width) {
        //>                             continue;
        //>                         }
        //>                         for (int c = 0; c < inputChannels; c++) {
        //>                             sum += x[((n * height + r) * width + q) * inputChannels + c]
        //>                                     * kernel[((di * kernelWidth + dj) * inputChannels + c) * filters + f];
        //>                         }
        //>                     }
        //>                 }
        //>                 z[((n * outHeight + i) * outWidth + j) * filters + f] = sum;
        //>             }
        //>         }
        //>     }
        //> }
        //> lastInput = input;
        //> lastZ = Tensor.of(new int[] {batch * outHeight * outWidth, filters}, z).toMatrix();
        //> return Tensor.fromMatrix(activation.forward(lastZ)).reshape(batch, outHeight, outWidth, filters);
        //@end
        //@end
    }

    /**
     * Given ∂L/∂output of the last forward batch, stores ∂L/∂K = columnsᵀ·∂L/∂z and ∂L/∂bias = column sums of ∂L/∂z,
     * and returns ∂L/∂input = col2im(∂L/∂z·Kᵀ), where ∂L/∂z = activation.backward(z, ∂L/∂output).
     */
    @Override
    public Tensor backward(Tensor gradOutput) {
        //@task ps2 Conv2D.backward §3.2
        // TODO: throw IllegalStateException if forward has not run; ∂L/∂z from the activation; store kernelGradient
        //  (Σ over b, i, j of input value × ∂L/∂z) and biasGradient (Σ of ∂L/∂z per filter); return ∂L/∂x, each input
        //  position summing K × ∂L/∂z over every window that covers it.
        //@solution
        Objects.requireNonNull(gradOutput, "gradOutput must not be null");
        //@reference
        if (lastGeometry == null) {
            throw new IllegalStateException("backward needs the batch of the last forward call: call forward(x) first.");
        }
        ConvGeometry g = lastGeometry;
        int[] expected = {g.batch(), g.outHeight(), g.outWidth(), filters};
        if (!Arrays.equals(gradOutput.shape(), expected)) {
            throw new IllegalArgumentException("gradOutput is " + gradOutput.shapeString() + " but the last output was "
                    + Tensor.zeros(expected).shapeString() + "; they must have the same shape.");
        }
        Matrix dz = activation.backward(lastZ, gradOutput.reshape(g.rows(), filters).toMatrix());
        double[] dzData = Tensor.fromMatrix(dz).data();
        MatrixBackend backend = Backends.current();
        double[] dk = new double[kernel.length];
        backend.multiply(lastColumns, true, dzData, false, dk, g.patch(), g.rows(), filters);
        double[] db = new double[filters];
        backend.columnSums(dzData, db, g.rows(), filters);
        double[] dColumns = new double[g.rows() * g.patch()];
        backend.multiply(dzData, false, kernel, true, dColumns, g.rows(), filters, g.patch());
        double[] dx = new double[g.imageSize()];
        backend.col2im(dColumns, dx, g);
        kernelGradient = dk;
        biasGradient = db;
        return Tensor.wrap(new int[] {g.batch(), g.height(), g.width(), g.channels()}, dx);
        //@starter
        //> if (lastInput == null) {
        //>     throw new IllegalStateException("backward needs the batch of the last forward call: call forward(x) first.");
        //> }
        //> int batch = lastInput.dim(0);
        //> int height = lastInput.dim(1);
        //> int width = lastInput.dim(2);
        //> int outHeight = padding.outputLength(height, kernelHeight, strides);
        //> int outWidth = padding.outputLength(width, kernelWidth, strides);
        //> int top = padding.padBefore(height, kernelHeight, strides);
        //> int left = padding.padBefore(width, kernelWidth, strides);
        //> int[] expected = {batch, outHeight, outWidth, filters};
        //> if (!Arrays.equals(gradOutput.shape(), expected)) {
        //>     throw new IllegalArgumentException("gradOutput is " + gradOutput.shapeString() + " but the last output was "
        //>             + Tensor.zeros(expected).shapeString() + "; they must have the same shape.");
        //> }
        //> Matrix dz = activation.backward(lastZ, gradOutput.reshape(batch * outHeight * outWidth, filters).toMatrix());
        //> double[] g = Tensor.fromMatrix(dz).values();
        //> double[] x = lastInput.values();
        //> double[] dk = new double[kernel.length];
        //> double[] db = new double[filters];
        //> double[] dx = new double[x.length];
        //> for (int n = 0; n < batch; n++) {
        //>     for (int i = 0; i < outHeight; i++) {
        //>         for (int j = 0; j < outWidth; j++) {
        //>             for (int f = 0; f < filters; f++) {
        //>                 double gz = g[((n * outHeight + i) * outWidth + j) * filters + f];
        //>                 db[f] += gz;
        //>                 for (int di = 0; di < kernelHeight; di++) {
        //>                     int r = i * strides + di - top;
        //>                     for (int dj = 0; dj < kernelWidth && r >= 0 && r < height; dj++) {
        //>                         int q = j * strides + dj - left;
        //>                         if (q < 0 || q >= width) {
        //>                             continue;
        //>                         }
        //>                         for (int c = 0; c < inputChannels; c++) {
        //>                             int xi = ((n * height + r) * width + q) * inputChannels + c;
        //>                             int ki = ((di * kernelWidth + dj) * inputChannels + c) * filters + f;
        //>                             dk[ki] += x[xi] * gz;
        //>                             dx[xi] += kernel[ki] * gz;
        //>                         }
        //>                     }
        //>                 }
        //>             }
        //>         }
        //>     }
        //> }
        //> kernelGradient = dk;
        //> biasGradient = db;
        //> return Tensor.of(new int[] {batch, height, width, inputChannels}, dx);
        //@end
        //@end
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

    //@solution ps2
    //@reference
    private ConvGeometry geometry(Tensor input) {
        int height = input.dim(1);
        int width = input.dim(2);
        return new ConvGeometry(input.dim(0), height, width, inputChannels, kernelHeight, kernelWidth, strides,
                padding.padBefore(height, kernelHeight, strides), padding.padBefore(width, kernelWidth, strides),
                padding.outputLength(height, kernelHeight, strides), padding.outputLength(width, kernelWidth, strides));
    }
    //@starter
    //@end
    //@end

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
