package nnlab.ps1.grading.api;

import nnlab.grader.AsValue;
import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Activation}'s instance methods. */
@Implements("nnlab.Activation")
public interface Activation {
    /** §2.1/§2.3 A = φ(Z). */
    @AsValue("nnlab.Matrix")
    double[][] forward(@AsValue("nnlab.Matrix") double[][] z);

    /** §2.2/§2.3 ∂L/∂Z given Z and ∂L/∂A. */
    @AsValue("nnlab.Matrix")
    double[][] backward(@AsValue("nnlab.Matrix") double[][] z, @AsValue("nnlab.Matrix") double[][] gradOutput);
}
