package nnlab.ps1.grading.api;

import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Perceptron}. */
@Implements("nnlab.Perceptron")
public interface Perceptron {
    /** Returns a copy of the weights. */
    double[] weights();

    /** Returns the bias. */
    double bias();

    /** §1.1 h = w·x + b. */
    double weightedSum(double[] x);

    /** §1.1 p = σ(h). */
    double probability(double[] x);

    /** §1.2 ŷ. */
    int predict(double[] x);

    /** §1.4 [∂l/∂w…, ∂l/∂b]. */
    double[] gradient(double[] x, double y);

    /** §1.5 θ ← θ − η·g. */
    void update(double[] gradient, double learningRate);

    /** §1.5 mean squared error after each epoch. */
    double[] train(double[][] x, double[] y, double learningRate, int epochs);
}
