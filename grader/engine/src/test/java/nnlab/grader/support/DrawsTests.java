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
}
