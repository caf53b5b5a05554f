package nnlab;

import java.util.Map;

/**
 * Hooks {@link Sequential#fit(Tensor, Matrix, int, int, long, double, Callback...)} calls, like Keras's callbacks:
 * once before the first epoch, after every epoch with its logs, and once after the last epoch run.
 */
public interface Callback {

    /** Called once before the first epoch. */
    default void onTrainBegin(Sequential model) {
    }

    /**
     * Called after each epoch with {@code logs} holding "loss" and, with a validation split, "val_loss"; returns true
     * to stop training after this epoch (Keras's {@code model.stop_training = True}).
     */
    default boolean onEpochEnd(int epoch, Map<String, Double> logs, Sequential model) {
        return false;
    }

    /** Called once after the last epoch run, also when a callback stopped training early. */
    default void onTrainEnd(Sequential model) {
    }
}
