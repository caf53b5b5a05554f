package nnlab.ps2.grading.api;

import nnlab.grader.AsValue;
import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Conv2D}. */
@Implements("nnlab.Conv2D")
public interface Conv2D extends Layer {
    /** The kernel (kh, kw, inChannels, filters). */
    @AsValue("nnlab.Tensor")
    double[][][][] kernel();

    /** The bias, one per filter. */
    double[] bias();

    /** ∂L/∂K of the last backward pass (§3.2). */
    @AsValue("nnlab.Tensor")
    double[][][][] kernelGradient();

    /** ∂L/∂b of the last backward pass (§3.2). */
    double[] biasGradient();
}
