package nnlab.ps2.grading.api;

import nnlab.grader.AsValue;
import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Regularizer} (§2.1). */
@Implements("nnlab.Regularizer")
public interface Regularizer {
    /** l1·Σ|w| + l2·Σw². */
    double penalty(@AsValue("nnlab.Matrix") double[][] w);

    /** l1·sign(w) + 2·l2·w, element-wise. */
    @AsValue("nnlab.Matrix")
    double[][] gradient(@AsValue("nnlab.Matrix") double[][] w);
}
