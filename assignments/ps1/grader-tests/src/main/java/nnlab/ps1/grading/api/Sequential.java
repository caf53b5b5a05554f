package nnlab.ps1.grading.api;

import nnlab.grader.AsValue;
import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Sequential}. */
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

    /** Fraction predicted right. */
    double accuracy(@AsValue("nnlab.Matrix") double[][] x, @AsValue("nnlab.Matrix") double[][] y);
}
