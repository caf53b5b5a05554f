package nnlab.ps2.grading.api;

import nnlab.grader.AsValue;
import nnlab.grader.Implements;

/**
 * Mirror of {@code nnlab.Sequential} with problem set 2's tensor overloads. Without {@code accuracy} on purpose: a
 * number the student's code reports about itself is never a verdict, so the grader counts accuracy itself from the
 * predictions (grader/README.md).
 */
@Implements("nnlab.Sequential")
public interface Sequential {
    /** Sets optimizer and loss. */
    void compile(Optimizer optimizer, Loss loss);

    /** The compiled loss (inference mode) plus every penalty. */
    double loss(@AsValue("nnlab.Matrix") double[][] x, @AsValue("nnlab.Matrix") double[][] y);

    /** The compiled loss of images (inference mode) plus every penalty. */
    double loss(@AsValue("nnlab.Tensor") double[][][][] x, @AsValue("nnlab.Matrix") double[][] y);

    /** The compiled loss of images in either mode plus every penalty. */
    double loss(@AsValue("nnlab.Tensor") double[][][][] x, @AsValue("nnlab.Matrix") double[][] y, boolean training,
                Rng random);

    /** Number of parameters. */
    int parameterCount();

    /** Flat parameters. */
    double[] parameters();

    /** Replaces the flat parameters. */
    void setParameters(double[] flat);

    /** Problem set 1's gradient (inference mode), penalties included. */
    double[] gradient(@AsValue("nnlab.Matrix") double[][] x, @AsValue("nnlab.Matrix") double[][] y);

    /** §2.2/§3.4 ∂loss/∂parameters in either mode. */
    double[] gradient(@AsValue("nnlab.Tensor") double[][][][] x, @AsValue("nnlab.Matrix") double[][] y, boolean training,
                      Rng random);

    /** §1.1–§1.2 training with a validation split and callbacks. */
    History fit(@AsValue("nnlab.Matrix") double[][] x, @AsValue("nnlab.Matrix") double[][] y, int epochs, int batchSize,
                long seed, double validationSplit, Callback[] callbacks);

    /** §1.1–§1.2 training on images. */
    History fit(@AsValue("nnlab.Tensor") double[][][][] x, @AsValue("nnlab.Matrix") double[][] y, int epochs,
                int batchSize, long seed, double validationSplit, Callback[] callbacks);

    /** Problem set 1's forward pass. */
    @AsValue("nnlab.Matrix")
    double[][] predict(@AsValue("nnlab.Matrix") double[][] x);
}
