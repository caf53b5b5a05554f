package nnlab;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** §2.4–2.5: loss values with Keras's reductions, their gradients, and clipping in the cross-entropies. */
class ReferenceLossTests {

    /** Expected values below were computed from the formulas in double precision; only the last bits may differ. */
    private static final double ROUNDING = 1e-12;

    /** The lecture rounds the cross-entropy table to one decimal. */
    private static final double TABLE_ROUNDING = 0.05;

    /** −ln(1 − (1 − 1e-7)): the subtraction is exact to ~1e-9 relative in double, so ln moves by ~1e-9. */
    private static final double CLIP_ROUNDING = 1e-8;

    /** −ln(1e-7): the loss of a prediction clipped to the far end of the range. */
    private static final double CLIPPED_LOSS = 16.11809565095832;

    private static Matrix m(double[][] values) {
        return Matrix.of(values);
    }

    private static Matrix scalar(double value) {
        return Matrix.of(new double[][] {{value}});
    }

    @Nested
    class ValuesByHand {

        @Test
        void mseAveragesOverEveryElement() {
            // ((1 − 0.5)² + (0 − 0.5)² + (0 − 0.25)² + (1 − 1)²) / 4 = (0.25 + 0.25 + 0.0625 + 0) / 4 = 0.140625.
            assertEquals(0.140625, Loss.MSE.value(m(new double[][] {{1, 0}, {0, 1}}),
                    m(new double[][] {{0.5, 0.5}, {0.25, 1}})));
        }

        @ParameterizedTest(name = "y = {0}, p = {1} → {2}")
        @CsvSource({"0, 0.1, 0.1", "0, 0.9, 2.3", "1, 0.1, 2.3", "1, 0.9, 0.1"})
        void binaryCrossEntropyMatchesTheLectureTable(double y, double p, double rounded) {
            assertThat(Loss.BINARY_CROSSENTROPY.value(scalar(y), scalar(p)), closeTo(rounded, TABLE_ROUNDING));
        }

        @Test
        void binaryCrossEntropyIsTheNaturalLog() {
            // −ln 0.9 = 0.1053605 and −ln 0.1 = 2.3025851.
            assertThat(Loss.BINARY_CROSSENTROPY.value(scalar(0), scalar(0.1)), closeTo(0.10536051565782628, ROUNDING));
            assertThat(Loss.BINARY_CROSSENTROPY.value(scalar(1), scalar(0.1)), closeTo(2.302585092994046, ROUNDING));
        }

        @Test
        void binaryCrossEntropyAveragesOverEveryElement() {
            // The four lecture pairs in one 2×2 batch: (0.1053605 + 2.3025851 + 2.3025851 + 0.1053605) / 4 = 1.2039728.
            assertThat(Loss.BINARY_CROSSENTROPY.value(m(new double[][] {{0, 0}, {1, 1}}),
                    m(new double[][] {{0.1, 0.9}, {0.1, 0.9}})), closeTo(1.2039728043259357, ROUNDING));
        }

        @Test
        void categoricalCrossEntropySumsOverClassesAndAveragesOverRows() {
            // (−ln 0.7 − ln 0.5) / 2 rows = (0.3566749 + 0.6931472) / 2 = 0.5249111; averaging over all six
            // elements would give a third of that.
            assertThat(Loss.CATEGORICAL_CROSSENTROPY.value(m(new double[][] {{0, 1, 0}, {1, 0, 0}}),
                    m(new double[][] {{0.2, 0.7, 0.1}, {0.5, 0.25, 0.25}})), closeTo(0.5249110622493389, ROUNDING));
        }

        @ParameterizedTest
        @EnumSource(Loss.class)
        void rejectsMatricesOfDifferentShapes(Loss loss) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.value(Matrix.zeros(2, 3), Matrix.zeros(3, 2)));
            assertThat(e.getMessage(), containsString("2×3"));
            assertThat(e.getMessage(), containsString("3×2"));
            assertThrows(IllegalArgumentException.class, () -> loss.gradient(Matrix.zeros(2, 3), Matrix.zeros(2, 2)));
        }
    }

    @Nested
    class GradientsByHand {

        @Test
        void mseIsTwoTimesPMinusYOverTheElementCount() {
            // 2(p − y)/4: 2·(−0.5)/4 = −0.25, 2·0.5/4 = 0.25, 2·0.25/4 = 0.125, 0.
            Matrix g = Loss.MSE.gradient(m(new double[][] {{1, 0}, {0, 1}}), m(new double[][] {{0.5, 0.5}, {0.25, 1}}));
            assertArrayEquals(new double[] {-0.25, 0.25}, g.row(0), ROUNDING);
            assertArrayEquals(new double[] {0.125, 0}, g.row(1), ROUNDING);
        }

        @Test
        void binaryCrossEntropyOverTheElementCount() {
            // (−y/p + (1 − y)/(1 − p))/4: (0, 0.1) → (1/0.9)/4 = 0.2777…, (0, 0.9) → (1/0.1)/4 = 2.5,
            // (1, 0.1) → (−1/0.1)/4 = −2.5, (1, 0.9) → (−1/0.9)/4 = −0.2777….
            Matrix g = Loss.BINARY_CROSSENTROPY.gradient(m(new double[][] {{0, 0}, {1, 1}}),
                    m(new double[][] {{0.1, 0.9}, {0.1, 0.9}}));
            assertArrayEquals(new double[] {1 / 0.9 / 4, 2.5}, g.row(0), ROUNDING);
            assertArrayEquals(new double[] {-2.5, -1 / 0.9 / 4}, g.row(1), ROUNDING);
        }

        @Test
        void categoricalCrossEntropyOverTheRowCount() {
            // −y/p / 2 rows: −1/(0.7·2) = −0.7142857 and −1/(0.5·2) = −1; 0 wherever y = 0.
            Matrix g = Loss.CATEGORICAL_CROSSENTROPY.gradient(m(new double[][] {{0, 1, 0}, {1, 0, 0}}),
                    m(new double[][] {{0.2, 0.7, 0.1}, {0.5, 0.25, 0.25}}));
            assertArrayEquals(new double[] {0, -1 / 1.4, 0}, g.row(0), ROUNDING);
            assertArrayEquals(new double[] {-1, 0, 0}, g.row(1), ROUNDING);
        }
    }

    @Nested
    class GradientsAgreeWithCentredDifferences {

        private static final int ROWS = 4;
        private static final int COLS = 3;

        private void check(Loss loss, Matrix yTrue, Matrix yPred) {
            double[] analytic = FiniteDifferences.flatten(loss.gradient(yTrue, yPred));
            double[] numerical = FiniteDifferences.gradient(
                    flat -> loss.value(yTrue, FiniteDifferences.unflatten(flat, ROWS, COLS)),
                    FiniteDifferences.flatten(yPred));
            FiniteDifferences.assertAgree(loss.name(), analytic, numerical);
        }

        private Matrix oneHot(Random random) {
            double[][] y = new double[ROWS][COLS];
            for (double[] row : y) {
                row[random.nextInt(COLS)] = 1;
            }
            return Matrix.of(y);
        }

        @Test
        void mse() {
            Random random = new Random(31);
            check(Loss.MSE, FiniteDifferences.uniform(random, ROWS, COLS, -2, 2),
                    FiniteDifferences.uniform(random, ROWS, COLS, -2, 2));
        }

        @Test
        void binaryCrossEntropyWithHardLabels() {
            // Predictions in [0.05, 0.95] stay far from the clip bounds, where the loss is smooth.
            Random random = new Random(32);
            check(Loss.BINARY_CROSSENTROPY, oneHot(random), FiniteDifferences.uniform(random, ROWS, COLS, 0.05, 0.95));
        }

        @Test
        void binaryCrossEntropyWithSoftLabels() {
            Random random = new Random(33);
            check(Loss.BINARY_CROSSENTROPY, FiniteDifferences.uniform(random, ROWS, COLS, 0, 1),
                    FiniteDifferences.uniform(random, ROWS, COLS, 0.05, 0.95));
        }

        @Test
        void categoricalCrossEntropy() {
            Random random = new Random(34);
            check(Loss.CATEGORICAL_CROSSENTROPY, oneHot(random),
                    Activation.SOFTMAX.forward(FiniteDifferences.uniform(random, ROWS, COLS, -2, 2)));
        }
    }

    @Nested
    class CrossEntropiesClip {

        @Test
        void binaryCrossEntropyOfAConfidentMistakeIsFinite() {
            // p = 0 is clipped to 1e-7: −ln(1e-7) = 16.1180957 instead of ∞; likewise p = 1 against y = 0.
            assertThat(Loss.BINARY_CROSSENTROPY.value(scalar(1), scalar(0)), closeTo(CLIPPED_LOSS, ROUNDING));
            assertThat(Loss.BINARY_CROSSENTROPY.value(scalar(0), scalar(1)), closeTo(CLIPPED_LOSS, CLIP_ROUNDING));
        }

        @Test
        void binaryCrossEntropyOfAConfidentHitIsAlmostZero() {
            // −ln(1 − 1e-7) = 1.0000000494736474e-7, not exactly 0.
            assertThat(Loss.BINARY_CROSSENTROPY.value(scalar(0), scalar(0)), closeTo(1.0000000494736474e-7, ROUNDING));
        }

        @Test
        void categoricalCrossEntropyOfAZeroProbabilityIsFinite() {
            // Row 1: p = 0 clips to 1e-7, −ln(1e-7) = 16.1180957; row 2: p = 1 clips to 1 − 1e-7, −ln(1 − 1e-7) =
            // 1.0000000e-7; the mean over 2 rows is 8.0590479.
            assertThat(Loss.CATEGORICAL_CROSSENTROPY.value(m(new double[][] {{1, 0}, {0, 1}}),
                    m(new double[][] {{0, 1}, {0, 1}})), closeTo((CLIPPED_LOSS + 1.0000000494736474e-7) / 2, ROUNDING));
        }

        @ParameterizedTest(name = "p = {0}")
        @CsvSource({"0", "1", "-0.5", "1.5", "1e-9", "0.999999999"})
        void gradientIsZeroWhereClipped(double p) {
            assertEquals(0.0, Loss.BINARY_CROSSENTROPY.gradient(scalar(1), scalar(p)).get(0, 0));
            assertEquals(0.0, Loss.BINARY_CROSSENTROPY.gradient(scalar(0), scalar(p)).get(0, 0));
            assertEquals(0.0, Loss.CATEGORICAL_CROSSENTROPY.gradient(scalar(1), scalar(p)).get(0, 0));
        }

        @Test
        void gradientIsUnclippedJustInsideTheRange() {
            // p = 1e-6 > 1e-7: −y/p = −1e6 for both cross-entropies (one element, one row).
            assertThat(Loss.BINARY_CROSSENTROPY.gradient(scalar(1), scalar(1e-6)).get(0, 0), closeTo(-1e6, ROUNDING * 1e6));
            assertThat(Loss.CATEGORICAL_CROSSENTROPY.gradient(scalar(1), scalar(1e-6)).get(0, 0),
                    closeTo(-1e6, ROUNDING * 1e6));
        }

        @Test
        void mseDoesNotClip() {
            // (0 − 2)² = 4 and 2·(2 − 0) = 4.
            assertEquals(4.0, Loss.MSE.value(scalar(0), scalar(2)));
            assertEquals(4.0, Loss.MSE.gradient(scalar(0), scalar(2)).get(0, 0));
        }
    }
}
