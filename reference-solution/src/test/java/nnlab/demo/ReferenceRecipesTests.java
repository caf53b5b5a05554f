package nnlab.demo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.Dataset;
import nnlab.Sequential;

/** Part 5: the handout's recipes reach their held-out accuracy targets, reproducibly. */
class ReferenceRecipesTests {

    /** §5.1's target on the 114 held-out breast-cancer samples. */
    private static final double BREAST_CANCER_TARGET = 0.95;

    /** §5.2's target on the 359 held-out digits. */
    private static final double DIGITS_TARGET = 0.90;

    private static double[] train(Dataset.Split data, Sequential model, int epochs) {
        return model.fit(data.train().x(), data.train().y(), epochs, Recipes.BATCH_SIZE, Recipes.FIT_SEED);
    }

    @Nested
    class BreastCancer {

        @Test
        void reachesTheHeldOutAccuracyTarget() {
            Dataset.Split data = Recipes.breastCancerData();
            assertEquals(455, data.train().size());
            assertEquals(114, data.test().size());
            Sequential model = Recipes.breastCancerModel();
            double[] history = train(data, model, Recipes.BREAST_CANCER_EPOCHS);
            assertThat(history[history.length - 1], lessThan(history[0]));
            assertThat(model.accuracy(data.test().x(), data.test().y()), greaterThanOrEqualTo(BREAST_CANCER_TARGET));
        }

        @Test
        void isReproducible() {
            Sequential first = Recipes.breastCancerModel();
            Sequential second = Recipes.breastCancerModel();
            train(Recipes.breastCancerData(), first, 2);
            train(Recipes.breastCancerData(), second, 2);
            assertArrayEquals(first.parameters(), second.parameters());
        }
    }

    @Nested
    class Digits {

        @Test
        void reachesTheHeldOutAccuracyTarget() {
            Dataset.Split data = Recipes.digitsData();
            assertEquals(1438, data.train().size());
            assertEquals(359, data.test().size());
            Sequential model = Recipes.digitsModel();
            double[] history = train(data, model, Recipes.DIGITS_EPOCHS);
            assertThat(history[history.length - 1], lessThan(history[0]));
            assertThat(model.accuracy(data.test().x(), data.test().y()), greaterThanOrEqualTo(DIGITS_TARGET));
        }
    }
}
