package nnlab.grader.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Targets drawn for a model's loss: the kind of values each loss takes, from the test's own generator. */
class DrawsTests {

    private static final long SEED = 7;

    @Test
    void categoricalCrossEntropyGetsOneHotRows() {
        double[][] y = Draws.targets(new Random(SEED), "CATEGORICAL_CROSSENTROPY", 20, 3);
        assertEquals(20, y.length);
        for (double[] row : y) {
            assertEquals(3, row.length);
            assertEquals(1, Arrays.stream(row).sum());
            assertTrue(Arrays.stream(row).allMatch(v -> v == 0 || v == 1), Arrays.toString(row));
        }
    }

    @Test
    void binaryCrossEntropyGetsZeroOneLabelsOfBothKinds() {
        double[][] y = Draws.targets(new Random(SEED), "BINARY_CROSSENTROPY", 20, 2);
        double[] all = Arrays.stream(y).flatMapToDouble(Arrays::stream).toArray();
        assertEquals(40, all.length);
        assertTrue(Arrays.stream(all).allMatch(v -> v == 0 || v == 1));
        assertTrue(Arrays.stream(all).anyMatch(v -> v == 0) && Arrays.stream(all).anyMatch(v -> v == 1));
    }

    @Test
    void aRegressionLossGetsTheUniformMatrixOfMatrix() {
        double[][] y = Draws.targets(new Random(SEED), "MSE", 4, 3);
        assertArrayEquals(Draws.matrix(new Random(SEED), 4, 3, 1), y, "the same draws as matrix(r, rows, outputs, 1)");
    }

    @Test
    void aBatchDrawsTheSeedThenTheRowCountThenXThenY() {
        Random expected = new Random(SEED);
        long seed = expected.nextLong();
        int rows = 2 + expected.nextInt(4);
        double[][] x = Draws.matrix(expected, rows, 3, Draws.BATCH_INPUT_SCALE);
        double[][] y = Draws.targets(expected, "CATEGORICAL_CROSSENTROPY", rows, 2);
        Random r = new Random(SEED);
        Draws.Batch batch = Draws.batch(r, 2, 5, 3, "CATEGORICAL_CROSSENTROPY", 2);
        assertEquals(seed, batch.seed());
        assertArrayEquals(x, batch.x());
        assertArrayEquals(y, batch.y());
        assertEquals(expected.nextLong(), r.nextLong(), "the same number of draws");
    }

    @Test
    void aBatchOfFixedSizeDrawsNoRowCount() {
        Random expected = new Random(SEED);
        long seed = expected.nextLong();
        double[][] x = Draws.matrix(expected, 3, 4, Draws.BATCH_INPUT_SCALE);
        Draws.Batch batch = Draws.batch(new Random(SEED), 3, 3, 4, "MSE", 1);
        assertEquals(seed, batch.seed());
        assertArrayEquals(x, batch.x());
        assertEquals(3, batch.y().length);
    }
}
