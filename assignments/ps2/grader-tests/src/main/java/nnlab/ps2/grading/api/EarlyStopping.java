package nnlab.ps2.grading.api;

import java.util.Map;

import nnlab.grader.Implements;

/** Mirror of {@code nnlab.EarlyStopping} (§1.3). */
@Implements("nnlab.EarlyStopping")
public interface EarlyStopping extends Callback {
    /** Resets the state at the start of a fit. */
    void onTrainBegin(Sequential model);

    /** Records one epoch's logs; true asks to stop. */
    boolean onEpochEnd(int epoch, Map<String, Double> logs, Sequential model);

    /** Restores the best weights when asked to. */
    void onTrainEnd(Sequential model);

    /** The 0-based epoch at which it asked to stop, 0 if it never did. */
    int stoppedEpoch();

    /** The epoch of the best monitored value. */
    int bestEpoch();

    /** The best monitored value. */
    double best();

    /** Epochs counted without an improvement. */
    int waitCount();
}
