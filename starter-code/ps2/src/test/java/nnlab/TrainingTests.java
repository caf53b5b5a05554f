package nnlab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import nnlab.demo.Ps2Recipes;
import nnlab.demo.Recipes;

/** Part 4: the handout's two recipes ({@link Ps2Recipes}), trained with your classes, reach the reference's accuracy. */
@DisplayName("Part 4 — training on the digits")
class TrainingTests {

    /** The reference's held-out accuracy with each recipe, less the grader's margin of 0.02. */
    private static final double REGULARIZED_MLP_TARGET = 0.961 - 0.02;
    private static final double CNN_TARGET = 0.978 - 0.02;

    @Test
    void theRegularizedMlpWithEarlyStoppingGeneralizes() {
        Dataset.Split data = Recipes.digitsData();
        Dataset small = Ps2Recipes.smallTrainingData();
        Sequential model = Ps2Recipes.regularizedMlp();
        model.fit(small.x(), small.y(), Ps2Recipes.MLP_EPOCHS, Recipes.BATCH_SIZE, Recipes.FIT_SEED,
                Ps2Recipes.VALIDATION_SPLIT, Ps2Recipes.earlyStopping());
        double accuracy = model.accuracy(data.test().x(), data.test().y());
        assertTrue(accuracy >= REGULARIZED_MLP_TARGET, "held-out accuracy " + accuracy + " is below "
                + REGULARIZED_MLP_TARGET + ": check fit (§1.1), EarlyStopping (§1.2) and Parts 2's layers (handout §4.1)");
    }

    @Test
    void theSmallCnnLearnsTheDigits() {
        Dataset.Split data = Recipes.digitsData();
        Sequential model = Ps2Recipes.cnnModel();
        model.fit(Ps2Recipes.images(data.train().x()), data.train().y(), Ps2Recipes.CNN_EPOCHS, Recipes.BATCH_SIZE,
                Recipes.FIT_SEED, Ps2Recipes.VALIDATION_SPLIT);
        double accuracy = model.accuracy(Ps2Recipes.images(data.test().x()), data.test().y());
        assertTrue(accuracy >= CNN_TARGET, "held-out accuracy " + accuracy + " is below " + CNN_TARGET
                + ": check Conv2D and MaxPooling2D (Part 3) and fit (§1.1) (handout §4.2)");
    }
}
