package nnlab.ps2.grading.api;

import nnlab.grader.Implements;
import nnlab.grader.InOut;

/** Mirror of {@code nnlab.Optimizer}. */
@Implements("nnlab.Optimizer")
public interface Optimizer {
    /** Updates {@code parameters} in place. */
    void update(@InOut double[] parameters, double[] gradient);
}
