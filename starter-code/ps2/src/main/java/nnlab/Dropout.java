package nnlab;

import java.util.Objects;
import java.util.Random;

/**
 * Inverted dropout, like Keras's {@code Dropout(rate)}: in training each element is dropped (set to 0) with
 * probability {@code rate} and the kept ones are divided by 1 − rate, so the expected output equals the input; in
 * prediction the layer is the identity. No parameters.
 *
 * <p>The mask is reproducible: in training with rate > 0, {@link #forward} draws one {@code random.nextDouble()} per
 * element of the input in row-major order and drops the element iff that value is below {@code rate}. With rate 0 it
 * draws nothing, as Keras skips dropout then.
 */
public final class Dropout implements Layer {

    private final double rate;
    private boolean[] lastKept;
    private boolean forwardDone;

    /**
     * Creates a dropout layer.
     *
     * @throws IllegalArgumentException unless 0 ≤ rate < 1
     */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("The dropout rate is the fraction of units dropped and must be in [0, 1); got "
                    + rate + ".");
        }
        this.rate = rate;
    }

    /** Returns the fraction of units dropped in training. */
    public double rate() {
        return rate;
    }

    /**
     * Returns the input with each element dropped or scaled by 1/(1 − rate) when {@code training} (the mask drawn from
     * {@code random} as the class describes), or the input unchanged otherwise; remembers the mask for backward.
     */
    @Override
    public Tensor forward(Tensor input, boolean training, Random random) {
        // TODO: when not training, or when rate is 0, return the input unchanged and draw nothing. Otherwise draw one
        //  random.nextDouble() per element in row-major order (input.values()); drop the element (0) iff the draw is below
        //  rate, else keep x / (1 − rate); remember the mask for backward.
        throw new UnsupportedOperationException("Not implemented yet: Dropout.forward — see handout §2.2");
    }

    /** Returns {@code gradOutput} through the last forward's mask: 0 where dropped, divided by 1 − rate where kept. */
    @Override
    public Tensor backward(Tensor gradOutput) {
        // TODO: throw IllegalStateException if forward has not run; after a non-training forward return gradOutput;
        //  otherwise 0 where the last forward dropped, gradOutput / (1 − rate) where it kept.
        throw new UnsupportedOperationException("Not implemented yet: Dropout.backward — see handout §2.2");
    }
}
