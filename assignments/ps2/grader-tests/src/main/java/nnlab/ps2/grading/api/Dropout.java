package nnlab.ps2.grading.api;

import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Dropout} (§2.3). */
@Implements("nnlab.Dropout")
public interface Dropout extends Layer {
    /** The fraction of units dropped in training. */
    double rate();
}
