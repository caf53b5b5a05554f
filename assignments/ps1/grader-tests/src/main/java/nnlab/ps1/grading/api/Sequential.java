package nnlab.ps1.grading.api;

import nnlab.grader.AsValue;
import nnlab.grader.Implements;

/**
 * Mirror of {@code nnlab.Sequential}. Without {@code accuracy} on purpose: a number the student's code reports about
 * itself is never a verdict, so the grader counts accuracy itself from {@link #predict} (grader/README.md).
 */
@Implements("nnlab.Sequential")
public interface Sequential {
    /** Sets optimizer and loss. */
    void compile(Optimizer optimizer, Loss loss);

    /** §3.3 the forward pass. */
    @AsValue("nnlab.Matrix")
    double[][] predict(@AsValue("nnlab.Matrix") double[][] x);

    /** The compiled loss. */
    double loss(@AsValue("nnlab.Matrix") double[][] x, @AsValue("nnlab.Matrix") double[][] y);

    /** Number of parameters. */
    int parameterCount();

    /** Flat parameters. */
    double[] parameters();

    /** Replaces the flat parameters. */
    void setParameters(double[] flat);

    /** §3.4 ∂loss/∂parameters. */
    double[] gradient(@AsValue("nnlab.Matrix") double[][] x, @AsValue("nnlab.Matrix") double[][] y);

    /** §4.6 losses per epoch. */
    double[] fit(@AsValue("nnlab.Matrix") double[][] x, @AsValue("nnlab.Matrix") double[][] y, int epochs, int batchSize,
                 long seed);
}
