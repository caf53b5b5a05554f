package nnlab.ps2.grading.api;

import nnlab.grader.AsValue;
import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Dense} as a problem set 2 {@link Layer}. */
@Implements("nnlab.Dense")
public interface Dense extends Layer {
    /** The weights, inputs × units. */
    @AsValue("nnlab.Matrix")
    double[][] weights();

    /** The bias. */
    double[] bias();

    /** Problem set 1's forward pass on a matrix. */
    @AsValue("nnlab.Matrix")
    double[][] forward(@AsValue("nnlab.Matrix") double[][] x);
}
