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
        // TODO: for images (b, h, w, c) return (b, oh, ow, c) with oh = (h − poolSize) / strides + 1 (likewise ow): the
        //  maximum of each window, channel by channel; remember where each maximum was (the first in row-major window
        //  order on a tie) for backward.
        throw new UnsupportedOperationException("Not implemented yet: MaxPooling2D.forward — see handout §3.3");
    }

    /** Returns ∂L/∂input: each output's gradient added at the first maximum of its window, zeros elsewhere. */
    @Override
    public Tensor backward(Tensor gradOutput) {
        // TODO: throw IllegalStateException if forward has not run; add each output gradient at the position of its
        //  window's first maximum (overlapping windows add up); every other input position gets 0.
        throw new UnsupportedOperationException("Not implemented yet: MaxPooling2D.backward — see handout §3.3");
    }
}
