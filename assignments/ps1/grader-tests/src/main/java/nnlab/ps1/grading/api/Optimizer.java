package nnlab.ps1.grading.api;

import nnlab.grader.Implements;
import nnlab.grader.InOut;

/** Mirror of {@code nnlab.Optimizer}. */
@Implements("nnlab.Optimizer")
public interface Optimizer {
    /** §4.1–§4.5 updates {@code parameters} in place. */
    void update(@InOut double[] parameters, double[] gradient);
}
