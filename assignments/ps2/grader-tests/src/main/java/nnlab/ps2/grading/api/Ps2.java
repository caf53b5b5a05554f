package nnlab.ps2.grading.api;

import nnlab.grader.AsValue;
import nnlab.grader.Constant;
import nnlab.grader.New;
import nnlab.grader.Static;

/** The entry points of problem set 2's API: constructors, static methods and enum constants. */
public interface Ps2 {

    /** {@code Activation.valueOf(name)}. */
    @Constant("nnlab.Activation")
    Activation activation(String name);

    /** {@code Loss.valueOf(name)}. */
    @Constant("nnlab.Loss")
    Loss loss(String name);

    /** {@code Padding.valueOf(name)}. */
    @Constant("nnlab.Padding")
    Padding padding(String name);

    /** {@code new java.util.Random(seed)} in the student's JVM, for Dropout's masks. */
    @New("java.util.Random")
    Rng random(long seed);

    /** {@code Regularizer.l1(λ)}. */
    @Static(value = "nnlab.Regularizer", method = "l1")
    Regularizer l1(double lambda);

    /** {@code Regularizer.l2(λ)}. */
    @Static(value = "nnlab.Regularizer", method = "l2")
    Regularizer l2(double lambda);

    /** {@code Regularizer.l1l2(l1, l2)}. */
    @Static(value = "nnlab.Regularizer", method = "l1l2")
    Regularizer l1l2(double l1, double l2);

    /** {@code new Dense(Matrix.of(weights), bias, activation)}. */
    @New("nnlab.Dense")
    Dense dense(@AsValue("nnlab.Matrix") double[][] weights, double[] bias, Activation activation);

    /** {@code new Dense(Matrix.of(weights), bias, activation, kernelRegularizer)}. */
    @New("nnlab.Dense")
    Dense dense(@AsValue("nnlab.Matrix") double[][] weights, double[] bias, Activation activation,
                Regularizer kernelRegularizer);

    /** {@code new Dense(inputs, units, activation, seed)}. */
    @New("nnlab.Dense")
    Dense dense(int inputs, int units, Activation activation, long seed);

    /** {@code new Dense(inputs, units, activation, seed, kernelRegularizer)}. */
    @New("nnlab.Dense")
    Dense dense(int inputs, int units, Activation activation, long seed, Regularizer kernelRegularizer);

    /** {@code new Conv2D(inputChannels, filters, kernelSize, strides, padding, activation, seed)}. */
    @New("nnlab.Conv2D")
    Conv2D conv2d(int inputChannels, int filters, int kernelSize, int strides, Padding padding, Activation activation,
                  long seed);

    /** {@code new Conv2D(kernel, bias, strides, padding, activation)}. */
    @New("nnlab.Conv2D")
    Conv2D conv2d(@AsValue("nnlab.Tensor") double[][][][] kernel, double[] bias, int strides, Padding padding,
                  Activation activation);

    /** {@code new MaxPooling2D(poolSize, strides)}. */
    @New("nnlab.MaxPooling2D")
    MaxPooling2D maxPooling2d(int poolSize, int strides);

    /** {@code new Flatten()}. */
    @New("nnlab.Flatten")
    Flatten flatten();

    /** {@code new Dropout(rate)}. */
    @New("nnlab.Dropout")
    Dropout dropout(double rate);

    /** {@code new Sequential(layers...)}. */
    @New("nnlab.Sequential")
    Sequential sequential(Layer[] layers);

    /** {@code new EarlyStopping(monitor, minDelta, patience, restoreBestWeights)}. */
    @New("nnlab.EarlyStopping")
    EarlyStopping earlyStopping(String monitor, double minDelta, int patience, boolean restoreBestWeights);

    /** {@code new Sgd(learningRate, momentum, nesterov)}. */
    @New("nnlab.Sgd")
    Optimizer sgd(double learningRate, double momentum, boolean nesterov);

    /** {@code new Adam(learningRate, beta1, beta2, epsilon)}. */
    @New("nnlab.Adam")
    Optimizer adam(double learningRate, double beta1, double beta2, double epsilon);
}
