package nnlab;

/**
 * Loss functions with Keras's reductions (handout §2.4–2.5): {@code yTrue} and {@code yPred} are batch-major and of
 * the same shape.
 *
 * <p>MSE and BINARY_CROSSENTROPY average over every element; CATEGORICAL_CROSSENTROPY sums over the classes of a row
 * and averages over the rows. The cross-entropies clip predictions to [{@value #EPSILON}, 1 − {@value #EPSILON}]
 * and their gradient is 0 where a prediction was clipped.
 */
public enum Loss {
    /** mean over all elements of (y − ŷ)². */
    MSE,
    /** mean over all elements of −y·log p − (1 − y)·log(1 − p). */
    BINARY_CROSSENTROPY,
    /** mean over rows of −Σ_c y_c·log p_c. */
    CATEGORICAL_CROSSENTROPY;

    /** Keras's fuzz factor: predictions are clipped to [EPSILON, 1 − EPSILON] inside the logarithms. */
    public static final double EPSILON = 1e-7;

    /** Returns the loss of {@code yPred} against {@code yTrue} (handout §2.4). */
    public double value(Matrix yTrue, Matrix yPred) {
        // TODO: check that the shapes are equal; sum the per-element loss of this constant (clip predictions to
        //  [EPSILON, 1 − EPSILON] inside the logarithms) and divide as the reduction above says.
        throw new UnsupportedOperationException("Not implemented yet: Loss.value — see handout §2.4");
    }

    /** Returns ∂value/∂yPred, the same shape as {@code yPred} (handout §2.5). */
    public Matrix gradient(Matrix yTrue, Matrix yPred) {
        // TODO: differentiate value element by element, including its divisor; for the cross-entropies the entry is 0
        //  where the prediction was clipped.
        throw new UnsupportedOperationException("Not implemented yet: Loss.gradient — see handout §2.5");
    }
}
