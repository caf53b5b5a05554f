package nnlab;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import nnlab.demo.Recipes;

/** Part 5: the handout's two recipes, trained with your classes, reach their held-out accuracy targets. */
@DisplayName("Part 5 — training on real data")
class TrainingTests {

    /** Handout §5.1's target for the breast-cancer recipe. */
    private static final double BREAST_CANCER_TARGET = 0.95;
    /** Handout §5.2's target for the digits recipe. */
    private static final double DIGITS_TARGET = 0.90;

    @Test
    void breastCancerRecipeReachesItsTarget() {
        Dataset.Split data = Recipes.breastCancerData();
        Sequential model = Recipes.breastCancerModel();
        model.fit(data.train().x(), data.train().y(), Recipes.BREAST_CANCER_EPOCHS, Recipes.BATCH_SIZE,
                Recipes.FIT_SEED);
        double accuracy = model.accuracy(data.test().x(), data.test().y());
        Expect.that("held-out accuracy of the breast-cancer recipe", "at least " + BREAST_CANCER_TARGET,
                "handout §5.1; if it falls short, run the public tests of Parts 2–4 first", accuracy
                        >= BREAST_CANCER_TARGET, Expect.show(accuracy));
    }

    @Test
    void digitsRecipeReachesItsTarget() {
        Dataset.Split data = Recipes.digitsData();
        Sequential model = Recipes.digitsModel();
        model.fit(data.train().x(), data.train().y(), Recipes.DIGITS_EPOCHS, Recipes.BATCH_SIZE, Recipes.FIT_SEED);
        double accuracy = model.accuracy(data.test().x(), data.test().y());
        Expect.that("held-out accuracy of the digits recipe", "at least " + DIGITS_TARGET,
                "handout §5.2; if it falls short, run the public tests of Parts 2–4 first", accuracy >= DIGITS_TARGET,
                Expect.show(accuracy));
    }
}
