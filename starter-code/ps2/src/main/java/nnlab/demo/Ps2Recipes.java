package nnlab.demo;

import java.util.Arrays;

import nnlab.Activation;
import nnlab.Adam;
import nnlab.Conv2D;
import nnlab.Dataset;
import nnlab.Dense;
import nnlab.Dropout;
import nnlab.EarlyStopping;
import nnlab.Flatten;
import nnlab.Loss;
import nnlab.MaxPooling2D;
import nnlab.Matrix;
import nnlab.Padding;
import nnlab.Regularizer;
import nnlab.Sequential;
import nnlab.Tensor;

/**
 * The training recipes of problem set 2's handout Part 4, in one place: the handout quotes these numbers, the grader
 * trains with them and the public and reference tests hold them to their accuracy targets. Data: {@link
 * Recipes#digitsData()} (problem set 1's standardised 80/20 split), batch {@link Recipes#BATCH_SIZE}, fit seed {@link
 * Recipes#FIT_SEED}.
 */
public final class Ps2Recipes {

    /** Side of the square digit images. */
    public static final int IMAGE_SIDE = 8;
    /** Number of digit classes. */
    public static final int CLASSES = 10;
    /** Fraction of the training rows that {@code fit} keeps for validation (the last ones), in both recipes. */
    public static final double VALIDATION_SPLIT = 0.2;

    /** §4.1: the first training rows of the digits; few enough that the MLP overfits them. */
    public static final int SMALL_TRAINING_ROWS = 400;
    /** §4.1: width of the MLP's hidden layer. */
    public static final int MLP_HIDDEN = 64;
    /** §4.1: at most this many epochs. */
    public static final int MLP_EPOCHS = 40;
    /** §4.1: Adam's learning rate; fast enough that the uncured MLP overfits within a few epochs. */
    public static final double MLP_LEARNING_RATE = 0.01;
    /** §4.1: L2 coefficient on both kernels of the cured MLP. */
    public static final double L2_LAMBDA = 0.001;
    /** §4.1: Dropout rate between the cured MLP's layers. */
    public static final double DROPOUT_RATE = 0.3;
    /** §4.1: EarlyStopping's patience on val_loss (min delta 0, best weights restored). */
    public static final int PATIENCE = 5;

    /** §4.2: the convolution's filters. */
    public static final int CNN_FILTERS = 8;
    /** §4.2: epochs. */
    public static final int CNN_EPOCHS = 15;
    /** §4.2: Adam's learning rate. */
    public static final double CNN_LEARNING_RATE = 0.003;

    private Ps2Recipes() {
    }

    /** Returns the rows of a digits matrix as (n, 8, 8, 1) images. */
    public static Tensor images(Matrix rows) {
        return Tensor.fromMatrix(rows).reshape(rows.rows(), IMAGE_SIDE, IMAGE_SIDE, 1);
    }

    /** §4.1's data: the first {@link #SMALL_TRAINING_ROWS} training rows of the digits split. */
    public static Dataset smallTrainingData() {
        Dataset train = Recipes.digitsData().train();
        return new Dataset(Matrix.of(Arrays.copyOf(train.x().toArray(), SMALL_TRAINING_ROWS)),
                Matrix.of(Arrays.copyOf(train.y().toArray(), SMALL_TRAINING_ROWS)));
    }

    /** §4.1 without a cure: 64-64-10, ReLU and softmax, categorical cross-entropy, Adam. */
    public static Sequential plainMlp() {
        Sequential model = new Sequential(
                new Dense(IMAGE_SIDE * IMAGE_SIDE, MLP_HIDDEN, Activation.RELU, 1),
                new Dense(MLP_HIDDEN, CLASSES, Activation.SOFTMAX, 2));
        model.compile(new Adam(MLP_LEARNING_RATE), Loss.CATEGORICAL_CROSSENTROPY);
        return model;
    }

    /** §4.1's cure: the same MLP with an L2 penalty on both kernels and Dropout between the layers. */
    public static Sequential regularizedMlp() {
        Sequential model = new Sequential(
                new Dense(IMAGE_SIDE * IMAGE_SIDE, MLP_HIDDEN, Activation.RELU, 1, Regularizer.l2(L2_LAMBDA)),
                new Dropout(DROPOUT_RATE),
                new Dense(MLP_HIDDEN, CLASSES, Activation.SOFTMAX, 2, Regularizer.l2(L2_LAMBDA)));
        model.compile(new Adam(MLP_LEARNING_RATE), Loss.CATEGORICAL_CROSSENTROPY);
        return model;
    }

    /** §4.1's early stopping: on val_loss, min delta 0, patience {@link #PATIENCE}, best weights restored. */
    public static EarlyStopping earlyStopping() {
        return new EarlyStopping("val_loss", 0, PATIENCE, true);
    }

    /** §4.2: Conv2D(8 filters, 3×3, SAME, ReLU) → MaxPooling2D(2) → Flatten → Dense(10, softmax); Adam. */
    public static Sequential cnnModel() {
        int pooled = IMAGE_SIDE / 2;
        Sequential model = new Sequential(
                new Conv2D(1, CNN_FILTERS, 3, 1, Padding.SAME, Activation.RELU, 1),
                new MaxPooling2D(2),
                new Flatten(),
                new Dense(pooled * pooled * CNN_FILTERS, CLASSES, Activation.SOFTMAX, 2));
        model.compile(new Adam(CNN_LEARNING_RATE), Loss.CATEGORICAL_CROSSENTROPY);
        return model;
    }
}
