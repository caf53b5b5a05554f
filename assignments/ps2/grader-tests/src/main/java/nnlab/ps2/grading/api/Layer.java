package nnlab.ps2.grading.api;

import nnlab.grader.AsValue;
import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Layer}; tensors cross the boundary as rank-4 arrays (batch, height, width, channels). */
@Implements("nnlab.Layer")
public interface Layer {
    /** The forward pass in training or inference mode; {@code random} draws Dropout's masks. */
    @AsValue("nnlab.Tensor")
    double[][][][] forward(@AsValue("nnlab.Tensor") double[][][][] input, boolean training, Rng random);

    /** ∂L/∂input; stores the parameter gradients. */
    @AsValue("nnlab.Tensor")
    double[][][][] backward(@AsValue("nnlab.Tensor") double[][][][] gradOutput);

    /** Number of parameters. */
    int parameterCount();

    /** Flat parameters. */
    double[] parameters();

    /** Replaces the flat parameters. */
    void setParameters(double[] values);

    /** ∂L/∂parameters of the last backward pass. */
    double[] parameterGradient();

    /** The regularization penalty of the current parameters. */
    double penalty();

    /** ∂penalty/∂parameters. */
    double[] penaltyGradient();
}
