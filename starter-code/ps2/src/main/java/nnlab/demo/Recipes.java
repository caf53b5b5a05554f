package nnlab.demo;

import nnlab.Activation;
import nnlab.Adam;
import nnlab.Dataset;
import nnlab.Dense;
import nnlab.Loss;
import nnlab.Sequential;

/**
 * The training recipes of handout Part 5, in one place: the handout quotes these numbers and the reference's tests
 * hold them to their accuracy targets.
 */
public final class Recipes {

    /** Seed of the train/test split of both recipes. */
    public static final long SPLIT_SEED = 42;
    /** Fraction of samples held out for testing. */
    public static final double TEST_FRACTION = 0.2;
    /** Seed of the mini-batch shuffle in {@code fit}. */
    public static final long FIT_SEED = 7;
    /** Mini-batch size of both recipes. */
    public static final int BATCH_SIZE = 32;

    /** Epochs of the breast-cancer recipe. */
    public static final int BREAST_CANCER_EPOCHS = 30;
    /** Adam's learning rate in the breast-cancer recipe. */
    public static final double BREAST_CANCER_LEARNING_RATE = 0.001;
    /** Epochs of the digits recipe. */
    public static final int DIGITS_EPOCHS = 30;
    /** Adam's learning rate in the digits recipe. */
    public static final double DIGITS_LEARNING_RATE = 0.001;

    private Recipes() {
    }

    /** Standardised 80/20 split of the breast-cancer data. */
    public static Dataset.Split breastCancerData() {
        return Dataset.breastCancer().split(TEST_FRACTION, SPLIT_SEED).standardized();
    }

    /** 30-16-1 network: ReLU hidden layer, sigmoid output, binary cross-entropy, Adam. */
    public static Sequential breastCancerModel() {
        Sequential model = new Sequential(
                new Dense(30, 16, Activation.RELU, 1),
                new Dense(16, 1, Activation.SIGMOID, 2));
        model.compile(new Adam(BREAST_CANCER_LEARNING_RATE), Loss.BINARY_CROSSENTROPY);
        return model;
    }

    /** Standardised 80/20 split of the digits data. */
    public static Dataset.Split digitsData() {
        return Dataset.digits().split(TEST_FRACTION, SPLIT_SEED).standardized();
    }

    /** 64-32-10 network: ReLU hidden layer, softmax output, categorical cross-entropy, Adam. */
    public static Sequential digitsModel() {
        Sequential model = new Sequential(
                new Dense(64, 32, Activation.RELU, 1),
                new Dense(32, 10, Activation.SOFTMAX, 2));
        model.compile(new Adam(DIGITS_LEARNING_RATE), Loss.CATEGORICAL_CROSSENTROPY);
        return model;
    }
}
