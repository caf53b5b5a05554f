//@file since ps2
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
        //@task ps2 Dropout.forward §2.2
        // TODO: when not training, or when rate is 0, return the input unchanged and draw nothing. Otherwise draw one
        //  random.nextDouble() per element in row-major order (input.values()); drop the element (0) iff the draw is below
        //  rate, else keep x / (1 − rate); remember the mask for backward.
        //@solution
        Objects.requireNonNull(input, "input must not be null");
        forwardDone = true;
        if (!training || rate == 0) {
            lastKept = null;
            return input;
        }
        Objects.requireNonNull(random, "training needs the generator the dropout mask is drawn from");
        double[] x = input.data();
        double keep = 1 - rate;
        double[] out = new double[x.length];
        lastKept = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            if (random.nextDouble() >= rate) {
                out[i] = x[i] / keep;
                lastKept[i] = true;
            }
        }
        return Tensor.wrap(input.shape(), out);
        //@end
    }

    /** Returns {@code gradOutput} through the last forward's mask: 0 where dropped, divided by 1 − rate where kept. */
    @Override
    public Tensor backward(Tensor gradOutput) {
        //@task ps2 Dropout.backward §2.2
        // TODO: throw IllegalStateException if forward has not run; after a non-training forward return gradOutput;
        //  otherwise 0 where the last forward dropped, gradOutput / (1 − rate) where it kept.
        //@solution
        Objects.requireNonNull(gradOutput, "gradOutput must not be null");
        if (!forwardDone) {
            throw new IllegalStateException("backward needs the mask of the last forward call: call forward first.");
        }
        if (lastKept == null) {
            return gradOutput;
        }
        if (gradOutput.size() != lastKept.length) {
            throw new IllegalArgumentException("gradOutput is " + gradOutput.shapeString() + " but the last forward batch had "
                    + lastKept.length + " elements; they must have the same shape.");
        }
        double[] g = gradOutput.data();
        double keep = 1 - rate;
        double[] out = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            if (lastKept[i]) {
                out[i] = g[i] / keep;
            }
        }
        return Tensor.wrap(gradOutput.shape(), out);
        //@end
    }
}
