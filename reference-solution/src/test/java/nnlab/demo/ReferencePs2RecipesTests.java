package nnlab.demo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import nnlab.Dataset;
import nnlab.History;
import nnlab.Sequential;

/**
 * Problem set 2's Part 4 recipes reach the held-out accuracy the handout quotes (less the grader's margin), the cured
 * MLP stops early, and a dropout fit is reproducible from its seed.
 */
class ReferencePs2RecipesTests {

    /** The grader's margin below the reference's held-out accuracy. */
    private static final double ACCURACY_SLACK = 0.02;
    /** §4.2 quotes the CNN's held-out accuracy. */
    private static final double CNN_QUOTED_ACCURACY = 0.978;
    /** §4.1 quotes the cured MLP's held-out accuracy. */
    private static final double REGULARIZED_MLP_QUOTED_ACCURACY = 0.961;

    @Test
    void theCnnReachesTheQuotedHeldOutAccuracy() {
        Dataset.Split data = Recipes.digitsData();
        Sequential cnn = Ps2Recipes.cnnModel();
        History history = cnn.fit(Ps2Recipes.images(data.train().x()), data.train().y(), Ps2Recipes.CNN_EPOCHS,
                Recipes.BATCH_SIZE, Recipes.FIT_SEED, Ps2Recipes.VALIDATION_SPLIT);
        assertEquals(Ps2Recipes.CNN_EPOCHS, history.epochs());
        assertThat(cnn.accuracy(Ps2Recipes.images(data.test().x()), data.test().y()),
                greaterThanOrEqualTo(CNN_QUOTED_ACCURACY - ACCURACY_SLACK));
    }

    @Test
    void theRegularizedMlpStopsEarlyAndReachesTheQuotedHeldOutAccuracy() {
        Dataset.Split data = Recipes.digitsData();
        Dataset small = Ps2Recipes.smallTrainingData();
        Sequential model = Ps2Recipes.regularizedMlp();
        History history = model.fit(small.x(), small.y(), Ps2Recipes.MLP_EPOCHS, Recipes.BATCH_SIZE, Recipes.FIT_SEED,
                Ps2Recipes.VALIDATION_SPLIT, Ps2Recipes.earlyStopping());
        assertThat(history.epochs(), lessThan(Ps2Recipes.MLP_EPOCHS));
        assertThat(model.accuracy(data.test().x(), data.test().y()),
                greaterThanOrEqualTo(REGULARIZED_MLP_QUOTED_ACCURACY - ACCURACY_SLACK));
    }

    @Test
    void aDropoutFitIsReproducibleFromItsSeed() {
        Dataset small = Ps2Recipes.smallTrainingData();
        Sequential first = Ps2Recipes.regularizedMlp();
        Sequential second = Ps2Recipes.regularizedMlp();
        History a = first.fit(small.x(), small.y(), 2, Recipes.BATCH_SIZE, Recipes.FIT_SEED,
                Ps2Recipes.VALIDATION_SPLIT);
        History b = second.fit(small.x(), small.y(), 2, Recipes.BATCH_SIZE, Recipes.FIT_SEED,
                Ps2Recipes.VALIDATION_SPLIT);
        assertEquals(a, b);
        assertArrayEquals(first.parameters(), second.parameters(), 0.0);
    }
}
