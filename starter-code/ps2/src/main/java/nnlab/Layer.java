package nnlab;

import java.util.Objects;
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

    /**
     * Returns how many trainable parameters the layer has; 0 by default, which layers without parameters (Flatten,
     * MaxPooling2D, Dropout) keep, with the defaults of the three methods below.
     */
    default int parameterCount() {
        return 0;
    }

    /** Returns a fresh flat copy of the parameters, in the layer's documented layout; empty by default. */
    default double[] parameters() {
        return new double[0];
    }

    /**
     * Replaces the parameters from a flat vector in the layout of {@link #parameters()}; by default accepts only the
     * empty vector.
     *
     * @throws IllegalArgumentException if the length is not {@link #parameterCount()}
     */
    default void setParameters(double[] values) {
        Objects.requireNonNull(values, "values must not be null");
        if (values.length != 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no parameters but got "
                    + values.length + "; pass an empty array.");
        }
    }

    /**
     * Returns ∂L/∂parameters of the data loss from the last backward call, in the layout of {@link #parameters()};
     * empty by default.
     */
    default double[] parameterGradient() {
        return new double[0];
    }

    /** Returns the regularization penalty of the current parameters, added to the model's loss; 0 by default. */
    default double penalty() {
        return 0;
    }

    /** Returns ∂{@link #penalty()}/∂parameters in the layout of {@link #parameters()}; zeros by default. */
    default double[] penaltyGradient() {
        return new double[parameterCount()];
    }
}
