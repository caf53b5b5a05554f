package nnlab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import nnlab.demo.Recipes;

/** Part 4: the handout's two recipes, trained with your classes, reach the reference's held-out accuracy. */
@DisplayName("Part 4 — training on the digits")
class TrainingTests {

    /** The reference's held-out accuracy with each recipe, less the grader's margin of 0.02. */
    private static final double REGULARIZED_MLP_TARGET = 0.961 - 0.02;
    private static final double CNN_TARGET = 0.978 - 0.02;

    @Test
    void theRegularizedMlpWithEarlyStoppingGeneralizes() {
        Dataset.Split data = Recipes.digitsData();
        Matrix x = Matrix.of(Arrays.copyOf(data.train().x().toArray(), 400));
        Matrix y = Matrix.of(Arrays.copyOf(data.train().y().toArray(), 400));
        Sequential model = new Sequential(new Dense(64, 64, Activation.RELU, 1, Regularizer.l2(0.001)), new Dropout(0.3),
                new Dense(64, 10, Activation.SOFTMAX, 2, Regularizer.l2(0.001)));
        model.compile(new Adam(0.01), Loss.CATEGORICAL_CROSSENTROPY);
        model.fit(x, y, 40, 32, 7, 0.2, new EarlyStopping("val_loss", 0, 5, true));
        double accuracy = model.accuracy(data.test().x(), data.test().y());
        assertTrue(accuracy >= REGULARIZED_MLP_TARGET, "held-out accuracy " + accuracy + " is below "
                + REGULARIZED_MLP_TARGET + ": check fit (§1.1), EarlyStopping (§1.2) and Parts 2's layers (handout §4.1)");
    }

    @Test
    void theSmallCnnLearnsTheDigits() {
        Dataset.Split data = Recipes.digitsData();
        Tensor x = Tensor.fromMatrix(data.train().x()).reshape(data.train().size(), 8, 8, 1);
        Tensor xTest = Tensor.fromMatrix(data.test().x()).reshape(data.test().size(), 8, 8, 1);
        Sequential model = new Sequential(new Conv2D(1, 8, 3, 1, Padding.SAME, Activation.RELU, 1), new MaxPooling2D(2),
                new Flatten(), new Dense(128, 10, Activation.SOFTMAX, 2));
        model.compile(new Adam(0.003), Loss.CATEGORICAL_CROSSENTROPY);
        model.fit(x, data.train().y(), 15, 32, 7, 0.2);
        double accuracy = model.accuracy(xTest, data.test().y());
        assertTrue(accuracy >= CNN_TARGET, "held-out accuracy " + accuracy + " is below " + CNN_TARGET
                + ": check Conv2D and MaxPooling2D (Part 3) and fit (§1.1) (handout §4.2)");
    }
}
