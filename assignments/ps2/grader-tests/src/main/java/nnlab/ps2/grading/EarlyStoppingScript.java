package nnlab.ps2.grading;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import nnlab.ps2.grading.api.EarlyStopping;
import nnlab.ps2.grading.api.Sequential;

/**
 * A scripted run of EarlyStopping (§1.2): the monitored values of each epoch are given, so every rule — strict
 * improvement by more than minDelta, the wait count, patience, restoring — is exercised on purpose. {@link #replay}
 * feeds the script to an implementation; {@link #emulate} computes Keras 3's decisions (or a catalogued mistake's)
 * without one, for naming mistakes.
 */
record EarlyStoppingScript(String monitor, double minDelta, int patience, boolean restore, double[] loss,
                           double[] valLoss) {

    /** What a run did, epoch by epoch up to the first stop: the returned decision, the wait count and the best epoch. */
    record Trace(boolean[] stops, int[] waits, int[] bestEpochs) {
        String describe() {
            return "stops " + Arrays.toString(stops) + ", waitCount " + Arrays.toString(waits) + ", bestEpoch "
                    + Arrays.toString(bestEpochs);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Trace t && Arrays.equals(stops, t.stops) && Arrays.equals(waits, t.waits)
                    && Arrays.equals(bestEpochs, t.bestEpochs);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(waits);
        }
    }

    /** The logs of one epoch, as fit passes them. */
    Map<String, Double> logs(int epoch) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss[epoch]);
        logs.put("val_loss", valLoss[epoch]);
        return logs;
    }

    /** Feeds the script to {@code callback} until it asks to stop or the script ends. */
    Trace replay(EarlyStopping callback, Sequential model) {
        callback.onTrainBegin(model);
        int epochs = loss.length;
        boolean[] stops = new boolean[epochs];
        int[] waits = new int[epochs];
        int[] bests = new int[epochs];
        int run = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            stops[epoch] = callback.onEpochEnd(epoch, logs(epoch), model);
            waits[epoch] = callback.waitCount();
            bests[epoch] = callback.bestEpoch();
            run = epoch + 1;
            if (stops[epoch]) {
                break;
            }
        }
        return new Trace(Arrays.copyOf(stops, run), Arrays.copyOf(waits, run), Arrays.copyOf(bests, run));
    }

    /** Keras 3's decisions on this script, or those of an implementation making {@code mistake} (null: none). */
    Trace emulate(Mistake mistake) {
        int epochs = loss.length;
        boolean[] stops = new boolean[epochs];
        int[] waits = new int[epochs];
        int[] bests = new int[epochs];
        Double best = null;
        int bestEpoch = 0;
        int wait = 0;
        int run = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double current = mistake == Mistake.MONITORS_TRAINING_LOSS || monitor.equals("loss") ? loss[epoch]
                    : valLoss[epoch];
            wait++;
            boolean improved;
            if (best == null) {
                // Keras starts from no best: the first epoch always improves, NaN included.
                improved = mistake != Mistake.FIRST_EPOCH_AGAINST_INFINITY || current + minDelta < Double.POSITIVE_INFINITY;
            } else if (mistake == Mistake.MIN_DELTA_INCLUSIVE) {
                improved = current + minDelta <= best;
            } else if (mistake == Mistake.MIN_DELTA_IGNORED) {
                improved = current < best;
            } else {
                improved = current + minDelta < best;
            }
            boolean stop = false;
            if (improved) {
                best = current;
                bestEpoch = epoch;
                if (mistake != Mistake.WAIT_NOT_RESET) {
                    wait = 0;
                }
            } else {
                int limit = mistake == Mistake.PATIENCE_OFF_BY_ONE ? patience + 1 : patience;
                stop = wait >= limit && epoch > 0;
            }
            stops[epoch] = stop;
            waits[epoch] = wait;
            bests[epoch] = bestEpoch;
            run = epoch + 1;
            if (stop) {
                break;
            }
        }
        return new Trace(Arrays.copyOf(stops, run), Arrays.copyOf(waits, run), Arrays.copyOf(bests, run));
    }

    String describe() {
        return "EarlyStopping(\"" + monitor + "\", minDelta " + minDelta + ", patience " + patience + ", restore "
                + restore + ") on loss " + Arrays.toString(loss) + ", val_loss " + Arrays.toString(valLoss);
    }
}
