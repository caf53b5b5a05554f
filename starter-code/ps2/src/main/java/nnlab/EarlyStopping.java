package nnlab;

import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * Stops training when a monitored loss has stopped improving, with Keras 3's rules for {@code EarlyStopping(monitor,
 * min_delta, patience, baseline, restore_best_weights)} in "min" mode (handout §1).
 *
 * <p>After each epoch: if weights are to be restored and none are kept yet, the current ones are kept; then wait grows
 * by one; an epoch improves iff there is no best yet (the first epoch, whatever its value, NaN included, as Keras's
 * {@code best = None}) or {@code current + minDelta < best} (strictly; NaN never beats a best, and nothing beats a NaN
 * best), and then best, bestEpoch and the kept weights are updated and wait is reset to 0, but only if there is no
 * baseline or the epoch also beats it ({@code current + minDelta < baseline}); otherwise training stops once
 * wait ≥ patience, never at epoch 0. At the end of training the best weights are restored when asked, whether or not
 * training stopped early (Keras 3's rule).
 *
 * <p>{@link #onTrainBegin} resets every state, best included, so one instance serves several fits, each from scratch.
 * One deviation from Keras, for students: a monitor missing from the logs throws instead of warning, since a typo
 * would otherwise silently turn early stopping off.
 */
public final class EarlyStopping implements Callback {

    /** The log keys that can be monitored: both are losses, so lower is better. */
    private static final Set<String> MONITORS = Set.of("loss", "val_loss");

    private final String monitor;
    private final double minDelta;
    private final int patience;
    private final boolean restoreBestWeights;
    private final double baseline;

    private int wait;
    private int stoppedEpoch;
    private int bestEpoch;
    /** The best monitored value so far; null before the first epoch (Keras's {@code best = None}). */
    private Double best;
    private double[] bestWeights;

    /** Creates the callback with no baseline. */
    public EarlyStopping(String monitor, double minDelta, int patience, boolean restoreBestWeights) {
        this(monitor, minDelta, patience, restoreBestWeights, Double.NaN);
    }

    /**
     * Creates the callback; a NaN {@code baseline} means none.
     *
     * @param monitor "loss" or "val_loss"
     * @param minDelta the least decrease that counts as an improvement; its sign is ignored, as in Keras
     * @param patience epochs without improvement before stopping, ≥ 0
     * @throws IllegalArgumentException for another monitor, a negative patience or a NaN minDelta
     */
    public EarlyStopping(String monitor, double minDelta, int patience, boolean restoreBestWeights, double baseline) {
        Objects.requireNonNull(monitor, "monitor must not be null: use \"val_loss\" or \"loss\"");
        if (!MONITORS.contains(monitor)) {
            throw new IllegalArgumentException("EarlyStopping can monitor \"loss\" or \"val_loss\"; got \"" + monitor + "\".");
        }
        if (patience < 0 || Double.isNaN(minDelta)) {
            throw new IllegalArgumentException("Need patience ≥ 0 and a number for minDelta; got patience = " + patience
                    + ", minDelta = " + minDelta + ".");
        }
        this.monitor = monitor;
        this.minDelta = Math.abs(minDelta);
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
        this.baseline = baseline;
    }

    /** Resets the state: wait 0, stoppedEpoch 0, bestEpoch 0, no best yet, no weights kept. */
    @Override
    public void onTrainBegin(Sequential model) {
        // TODO: reset wait, stoppedEpoch and bestEpoch to 0, best to null (no best yet), and forget any kept weights.
        throw new UnsupportedOperationException("Not implemented yet: EarlyStopping.onTrainBegin — see handout §1.2");
    }

    /**
     * Applies the rules of the class comment to the monitored value of {@code logs} and returns true to stop.
     *
     * @throws IllegalStateException if {@code logs} has no value for the monitor
     */
    @Override
    public boolean onEpochEnd(int epoch, Map<String, Double> logs, Sequential model) {
        // TODO: follow the rules in the class comment, in that order: keep weights if none are kept yet (when
        //  restoring), wait += 1, test improvement (no best yet, or current + minDelta < best), otherwise stop when
        //  wait ≥ patience and epoch > 0.
        throw new UnsupportedOperationException("Not implemented yet: EarlyStopping.onEpochEnd — see handout §1.2");
    }

    /** Restores the best epoch's weights into {@code model} when asked to and some were kept. */
    @Override
    public void onTrainEnd(Sequential model) {
        // TODO: when restoreBestWeights and weights were kept, put them back with model.setParameters.
        throw new UnsupportedOperationException("Not implemented yet: EarlyStopping.onTrainEnd — see handout §1.2");
    }

    /** Returns the epoch (0-based) at which this callback stopped training, or 0 if it did not (as Keras). */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** Returns the epoch (0-based) of the best monitored value so far. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Returns the best monitored value so far (+∞ before the first epoch; NaN if the first epoch's was NaN). */
    public double best() {
        return best == null ? Double.POSITIVE_INFINITY : best;
    }

    /** Returns how many epochs have passed since the counter was last reset. */
    public int waitCount() {
        return wait;
    }

    private boolean improves(double current, double reference) {
        return current + minDelta < reference;
    }
}
