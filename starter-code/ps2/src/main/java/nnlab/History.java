package nnlab;

import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link Sequential#fit(Tensor, Matrix, int, int, long, double, Callback...)} recorded, like Keras's
 * {@code History.history}: the training loss and, with a validation split, the validation loss after each epoch run.
 */
public final class History {

    private final double[] loss;
    private final double[] valLoss;

    /**
     * Creates a history of {@code loss.length} epochs.
     *
     * @param valLoss one value per epoch, or empty when there was no validation set
     */
    public History(double[] loss, double[] valLoss) {
        Objects.requireNonNull(loss, "loss must not be null");
        Objects.requireNonNull(valLoss, "valLoss must not be null: pass an empty array when there is no validation set");
        if (valLoss.length != 0 && valLoss.length != loss.length) {
            throw new IllegalArgumentException("valLoss has " + valLoss.length + " values but loss has " + loss.length
                    + "; record one of each per epoch, or no validation loss at all.");
        }
        this.loss = loss.clone();
        this.valLoss = valLoss.clone();
    }

    /** Returns the training loss after each epoch run (Keras's {@code history["loss"]}). */
    public double[] loss() {
        return loss.clone();
    }

    /** Returns the validation loss after each epoch run, or an empty array without a validation set. */
    public double[] valLoss() {
        return valLoss.clone();
    }

    /** Returns the number of epochs run. */
    public int epochs() {
        return loss.length;
    }

    /** Returns whether a validation loss was recorded. */
    public boolean hasValidation() {
        return valLoss.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof History h && Arrays.equals(loss, h.loss) && Arrays.equals(valLoss, h.valLoss);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(loss) + Arrays.hashCode(valLoss);
    }

    @Override
    public String toString() {
        return "History[loss=" + Arrays.toString(loss) + ", valLoss=" + Arrays.toString(valLoss) + "]";
    }
}
