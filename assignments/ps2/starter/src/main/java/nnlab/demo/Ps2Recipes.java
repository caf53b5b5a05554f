package nnlab.demo;

import nnlab.Activation;
import nnlab.Adam;
import nnlab.Conv2D;
import nnlab.Dataset;
import nnlab.Dense;
import nnlab.Dropout;
import nnlab.Flatten;
import nnlab.Layer;
import nnlab.Loss;
import nnlab.MaxPooling2D;
import nnlab.Matrix;
import nnlab.Padding;
import nnlab.Regularizer;
import nnlab.Sequential;
import nnlab.Tensor;

/**
 * Problem set 2's training recipes on the 8×8 digits, in one place: the demo prints them and the assignment's
 * accuracy targets are set from them. Data: {@link Recipes#digitsData()} (the same standardised 80/20 split as problem
 * set 1), images reshaped to (n, 8, 8, 1).
 */
public final class Ps2Recipes {

    /** Epochs of the CNN recipe. */
    public static final int CNN_EPOCHS = 15;
    /** Adam's learning rate in the CNN recipe. */
    public static final double CNN_LEARNING_RATE = 0.002;

    /**
     * Training samples of the overfitting study: few enough that a wide MLP memorises them within its epochs, so its
     * validation loss turns up while its training loss keeps falling.
     */
    public static final int OVERFIT_SAMPLES = 300;
    /** Epochs of the overfitting study. */
    public static final int OVERFIT_EPOCHS = 60;
    /** Fraction of the study's samples that {@code fit} keeps for validation (the last ones). */
    public static final double OVERFIT_VALIDATION_SPLIT = 0.25;
    /** Width of the study's two hidden layers. */
    public static final int OVERFIT_WIDTH = 128;
    /** Adam's learning rate in the overfitting study. */
    public static final double OVERFIT_LEARNING_RATE = 0.003;
    /** Dropout rate after each hidden layer in the study's dropout variant. */
    public static final double DROPOUT_RATE = 0.5;
    /** L2 coefficient on every kernel in the study's L2 variant. */
    public static final double L2_LAMBDA = 0.003;
    /** EarlyStopping's patience in the study's early-stopping variant. */
    public static final int PATIENCE = 5;

    private Ps2Recipes() {
    }

    /** Returns the rows of a digits matrix as (n, 8, 8, 1) images. */
    public static Tensor images(Matrix rows) {
        return Tensor.fromMatrix(rows).reshape(rows.rows(), 8, 8, 1);
    }

    /**
     * Conv2D(8 filters, 3×3, same, ReLU) → MaxPooling2D(2) → Conv2D(16, 3×3, same, ReLU) → MaxPooling2D(2) → Flatten →
     * Dense(10, softmax); categorical cross-entropy, Adam.
     */
    public static Sequential cnnModel() {
        Sequential model = new Sequential(
                new Conv2D(1, 8, 3, 1, Padding.SAME, Activation.RELU, 1),
                new MaxPooling2D(2),
                new Conv2D(8, 16, 3, 1, Padding.SAME, Activation.RELU, 2),
                new MaxPooling2D(2),
                new Flatten(),
                new Dense(2 * 2 * 16, 10, Activation.SOFTMAX, 3));
        model.compile(new Adam(CNN_LEARNING_RATE), Loss.CATEGORICAL_CROSSENTROPY);
        return model;
    }

    /** The overfitting study's data: the first {@link #OVERFIT_SAMPLES} training rows of the digits split. */
    public static Dataset overfitData() {
        Dataset train = Recipes.digitsData().train();
        int[] first = java.util.stream.IntStream.range(0, OVERFIT_SAMPLES).toArray();
        return new Dataset(train.x().selectRows(first), train.y().selectRows(first));
    }

    /** The study's variants: the same 64-128-128-10 ReLU MLP with nothing, dropout, or an L2 penalty added. */
    public enum Variant {
        /** No cure. */
        PLAIN,
        /** Dropout({@link Ps2Recipes#DROPOUT_RATE}) after each hidden layer. */
        DROPOUT,
        /** L2({@link Ps2Recipes#L2_LAMBDA}) on every kernel. */
        L2
    }

    /** Returns the study's MLP for {@code variant}, compiled with Adam and categorical cross-entropy. */
    public static Sequential overfitModel(Variant variant) {
        Regularizer l2 = variant == Variant.L2 ? Regularizer.l2(L2_LAMBDA) : null;
        Layer first = new Dense(64, OVERFIT_WIDTH, Activation.RELU, 1, l2);
        Layer second = new Dense(OVERFIT_WIDTH, OVERFIT_WIDTH, Activation.RELU, 2, l2);
        Layer output = new Dense(OVERFIT_WIDTH, 10, Activation.SOFTMAX, 3, l2);
        Sequential model = variant == Variant.DROPOUT
                ? new Sequential(first, new Dropout(DROPOUT_RATE), second, new Dropout(DROPOUT_RATE), output)
                : new Sequential(first, second, output);
        model.compile(new Adam(OVERFIT_LEARNING_RATE), Loss.CATEGORICAL_CROSSENTROPY);
        return model;
    }
}
