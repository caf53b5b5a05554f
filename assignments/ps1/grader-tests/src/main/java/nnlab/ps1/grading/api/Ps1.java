package nnlab.ps1.grading.api;

import nnlab.grader.AsValue;
import nnlab.grader.Constant;
import nnlab.grader.New;
import nnlab.grader.Static;

/** The entry points of problem set 1's API: constructors, static methods and enum constants. */
public interface Ps1 {

    /** {@code new Perceptron(weights, bias)}. */
    @New("nnlab.Perceptron")
    Perceptron perceptron(double[] weights, double bias);

    /** {@code Perceptron.squaredError(y, p)}. */
    @Static(value = "nnlab.Perceptron", method = "squaredError")
    double squaredError(double y, double p);

    /** {@code Activation.valueOf(name)}. */
    @Constant("nnlab.Activation")
    Activation activation(String name);

    /** {@code Loss.valueOf(name)}. */
    @Constant("nnlab.Loss")
    Loss loss(String name);

    /** {@code new Dense(Matrix.of(weights), bias, activation)}. */
    @New("nnlab.Dense")
    Dense dense(@AsValue("nnlab.Matrix") double[][] weights, double[] bias, Activation activation);

    /** {@code new Dense(inputs, units, activation, seed)}, Glorot-uniform weights. */
    @New("nnlab.Dense")
    Dense dense(int inputs, int units, Activation activation, long seed);

    /** {@code new Sequential(layers...)}. */
    @New("nnlab.Sequential")
    Sequential sequential(Dense[] layers);

    /** {@code new Sgd(learningRate, momentum, nesterov)}. */
    @New("nnlab.Sgd")
    Optimizer sgd(double learningRate, double momentum, boolean nesterov);

    /** {@code new RmsProp(learningRate, rho, momentum, epsilon)}. */
    @New("nnlab.RmsProp")
    Optimizer rmsProp(double learningRate, double rho, double momentum, double epsilon);

    /** {@code new Adagrad(learningRate, initialAccumulator, epsilon)}. */
    @New("nnlab.Adagrad")
    Optimizer adagrad(double learningRate, double initialAccumulator, double epsilon);

    /** {@code new Adadelta(learningRate, rho, epsilon)}. */
    @New("nnlab.Adadelta")
    Optimizer adadelta(double learningRate, double rho, double epsilon);

    /** {@code new Adam(learningRate, beta1, beta2, epsilon)}. */
    @New("nnlab.Adam")
    Optimizer adam(double learningRate, double beta1, double beta2, double epsilon);
}
