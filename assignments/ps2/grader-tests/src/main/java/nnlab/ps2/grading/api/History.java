package nnlab.ps2.grading.api;

import nnlab.grader.Implements;

/** Mirror of {@code nnlab.History} (§1.2). */
@Implements("nnlab.History")
public interface History {
    /** The training loss after each epoch run. */
    double[] loss();

    /** The validation loss after each epoch run; empty without a validation set. */
    double[] valLoss();

    /** The number of epochs run. */
    int epochs();
}
