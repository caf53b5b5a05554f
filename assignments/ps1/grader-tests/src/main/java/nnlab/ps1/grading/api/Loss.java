package nnlab.ps1.grading.api;

import nnlab.grader.AsValue;
import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Loss}'s instance methods. */
@Implements("nnlab.Loss")
public interface Loss {
    /** §2.4 the loss value. */
    double value(@AsValue("nnlab.Matrix") double[][] yTrue, @AsValue("nnlab.Matrix") double[][] yPred);

    /** §2.5 ∂value/∂yPred. */
    @AsValue("nnlab.Matrix")
    double[][] gradient(@AsValue("nnlab.Matrix") double[][] yTrue, @AsValue("nnlab.Matrix") double[][] yPred);
}
