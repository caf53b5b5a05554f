package nnlab.ps1.grading.api;

import nnlab.grader.AsValue;
import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Dense}. */
@Implements("nnlab.Dense")
public interface Dense {
    /** Number of inputs. */
    int inputs();

    /** Number of units. */
    int units();

    /** The weights, inputs × units. */
    @AsValue("nnlab.Matrix")
    double[][] weights();

    /** The bias. */
    double[] bias();

    /** §3.1 A = φ(XW + b). */
    @AsValue("nnlab.Matrix")
    double[][] forward(@AsValue("nnlab.Matrix") double[][] x);

    /** §3.2 returns ∂L/∂X, stores the parameter gradients. */
    @AsValue("nnlab.Matrix")
    double[][] backward(@AsValue("nnlab.Matrix") double[][] gradOutput);

    /** ∂L/∂W of the last backward pass. */
    @AsValue("nnlab.Matrix")
    double[][] weightGradient();

    /** ∂L/∂b of the last backward pass. */
    double[] biasGradient();
}
