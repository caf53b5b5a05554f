package nnlab;

import java.util.Random;

/**
 * One layer of a {@link Sequential} model (problem set 2): a forward map on a batch, its backward map, and its
 * trainable parameters as one flat vector.
 *
 * <p>Call order: {@link #forward} remembers what {@link #backward} needs; {@code backward} returns ∂L/∂input and stores
 * ∂L/∂parameters, which {@link #parameterGradient()} returns until the next backward pass. Calling {@code backward}
 * before any {@code forward} throws {@link IllegalStateException}.
 */
public interface Layer {

    /**
     * Returns the layer's output for the batch {@code input}. {@code training} is Keras's {@code training} flag; only
     * layers that draw randomness (Dropout) use {@code random}, and only when {@code training} is true, so it may be
     * {@code null} otherwise.
     */
    Tensor forward(Tensor input, boolean training, Random random);

    /** Given ∂L/∂output of the last forward batch, stores ∂L/∂parameters and returns ∂L/∂input. */
    Tensor backward(Tensor gradOutput);

    /** Returns how many trainable parameters the layer has (0 for Flatten, MaxPooling2D and Dropout). */
    int parameterCount();

    /** Returns a fresh flat copy of the parameters, in the layer's documented layout. */
    double[] parameters();

    /**
     * Replaces the parameters from a flat vector in the layout of {@link #parameters()}.
     *
     * @throws IllegalArgumentException if the length is not {@link #parameterCount()}
     */
    void setParameters(double[] values);

    /** Returns ∂L/∂parameters of the data loss from the last backward call, in the layout of {@link #parameters()}. */
    double[] parameterGradient();

    /** Returns the regularization penalty of the current parameters, added to the model's loss; 0 by default. */
    default double penalty() {
        return 0;
    }

    /** Returns ∂{@link #penalty()}/∂parameters in the layout of {@link #parameters()}; zeros by default. */
    default double[] penaltyGradient() {
        return new double[parameterCount()];
    }
}
