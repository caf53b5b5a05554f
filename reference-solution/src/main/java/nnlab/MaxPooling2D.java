//@file since ps2
package nnlab;

import java.util.Objects;
import java.util.Random;

/**
 * Max pooling over square windows of images {@code (b, h, w, c)}, channel by channel, like Keras's
 * {@code MaxPooling2D(pool_size, strides)} with its default "valid" padding: ⌊(n − p)/s⌋ + 1 outputs per axis.
 * No parameters.
 *
 * <p>Backward sends each output's gradient to the first maximum of its window in row-major window order (row by row,
 * left to right); where windows overlap (strides below the pool size) the contributions add up. Ties are common after
 * ReLU, so the rule is part of the contract.
 */
public final class MaxPooling2D implements Layer {

    private final int poolSize;
    private final int strides;
    private int[] lastShape;
    private int[] lastArgmax;

    /** Creates a pooling layer whose stride equals its pool size (Keras's default). */
    public MaxPooling2D(int poolSize) {
        this(poolSize, poolSize);
    }

    /**
     * Creates a pooling layer.
     *
     * @throws IllegalArgumentException unless poolSize ≥ 1 and strides ≥ 1
     */
    public MaxPooling2D(int poolSize, int strides) {
        if (poolSize < 1 || strides < 1) {
            throw new IllegalArgumentException("Pooling needs poolSize ≥ 1 and strides ≥ 1; got " + poolSize + " and "
                    + strides + ".");
        }
        this.poolSize = poolSize;
        this.strides = strides;
    }

    /** Returns the edge of the square window. */
    public int poolSize() {
        return poolSize;
    }

    /** Returns the step between windows, the same along both axes. */
    public int strides() {
        return strides;
    }

    /** Returns the maximum of every window, shape {@code (b, oh, ow, c)}; remembers where each maximum was. */
    @Override
    public Tensor forward(Tensor input, boolean training, Random random) {
        //@task ps2 MaxPooling2D.forward §3.3
        // TODO: for images (b, h, w, c) return (b, oh, ow, c) with oh = (h − poolSize) / strides + 1 (likewise ow): the
        //  maximum of each window, channel by channel; remember where each maximum was (the first in row-major window
        //  order on a tie) for backward.
        //@solution
        Objects.requireNonNull(input, "input must not be null");
        input.requireRank(4, "MaxPooling2D");
        int[] s = input.shape();
        int batch = s[0];
        int height = s[1];
        int width = s[2];
        int channels = s[3];
        int outH = Padding.VALID.outputLength(height, poolSize, strides);
        int outW = Padding.VALID.outputLength(width, poolSize, strides);
        double[] x = input.data();
        double[] out = new double[batch * outH * outW * channels];
        int[] argmax = new int[out.length];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    for (int c = 0; c < channels; c++) {
                        int best = -1;
                        for (int di = 0; di < poolSize; di++) {
                            for (int dj = 0; dj < poolSize; dj++) {
                                int at = ((b * height + i * strides + di) * width + j * strides + dj) * channels + c;
                                if (best < 0 || x[at] > x[best]) {
                                    best = at;
                                }
                            }
                        }
                        int o = ((b * outH + i) * outW + j) * channels + c;
                        out[o] = x[best];
                        argmax[o] = best;
                    }
                }
            }
        }
        lastShape = s;
        lastArgmax = argmax;
        return Tensor.wrap(new int[] {batch, outH, outW, channels}, out);
        //@end
    }

    /** Returns ∂L/∂input: each output's gradient added at the first maximum of its window, zeros elsewhere. */
    @Override
    public Tensor backward(Tensor gradOutput) {
        //@task ps2 MaxPooling2D.backward §3.3
        // TODO: throw IllegalStateException if forward has not run; add each output gradient at the position of its
        //  window's first maximum (overlapping windows add up); every other input position gets 0.
        //@solution
        Objects.requireNonNull(gradOutput, "gradOutput must not be null");
        if (lastArgmax == null) {
            throw new IllegalStateException("backward needs the maxima of the last forward call: call forward first.");
        }
        if (gradOutput.size() != lastArgmax.length) {
            throw new IllegalArgumentException("gradOutput is " + gradOutput.shapeString() + " but the last forward output had "
                    + lastArgmax.length + " elements; they must have the same shape.");
        }
        double[] g = gradOutput.data();
        double[] dx = new double[lastShape[0] * lastShape[1] * lastShape[2] * lastShape[3]];
        for (int o = 0; o < g.length; o++) {
            dx[lastArgmax[o]] += g[o];
        }
        return Tensor.wrap(lastShape, dx);
        //@end
    }
}
