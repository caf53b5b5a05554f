package nnlab;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Part 1: the lecture's perceptron, its squared error, gradient, update and training. */
class ReferencePerceptronTests {

    /** The lecture prints p to four decimals, so a correct p lies within half a unit of the fourth decimal. */
    private static final double TABLE_ROUNDING = 0.5e-4;

    /** Expected values below were computed from the formulas in double precision; only the last bits may differ. */
    private static final double ROUNDING = 1e-12;

    private static final double[][] OR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[] OR_Y = {0, 1, 1, 1};
    private static final double[] XOR_Y = {0, 1, 1, 0};

    /** The lecture's starting point: w₁ = 1, w₂ = −1, b = −0.5. */
    private static Perceptron lecturePerceptron() {
        return new Perceptron(new double[] {1, -1}, -0.5);
    }

    private static double sigmoid(double h) {
        return 1 / (1 + Math.exp(-h));
    }

    /** l = (y − σ(w·x + b))², written out here so the numerical gradient does not go through the code under test. */
    private static double squaredErrorAt(double[] theta, double[] x, double y) {
        double h = theta[theta.length - 1];
        for (int i = 0; i < x.length; i++) {
            h += theta[i] * x[i];
        }
        double d = y - sigmoid(h);
        return d * d;
    }

    @Nested
    class TheLectureTableOnOr {

        @Test
        void weightedSumsAreTheTablesH() {
            // h = 1·X₁ − 1·X₂ − 0.5: (0,0) → −0.5, (0,1) → −1.5, (1,0) → 0.5, (1,1) → −0.5; exact in binary.
            double[] expected = {-0.5, -1.5, 0.5, -0.5};
            Perceptron p = lecturePerceptron();
            for (int r = 0; r < OR_X.length; r++) {
                assertEquals(expected[r], p.weightedSum(OR_X[r]), "row " + r);
            }
        }

        @Test
        void probabilitiesMatchTheTableToFourDecimals() {
            double[] table = {0.3775, 0.1824, 0.6225, 0.3775};
            Perceptron p = lecturePerceptron();
            for (int r = 0; r < OR_X.length; r++) {
                assertThat("row " + r, p.probability(OR_X[r]), closeTo(table[r], TABLE_ROUNDING));
            }
        }

        @Test
        void probabilitiesAreTheSigmoidOfH() {
            // σ(−0.5) = 1/(1 + e^0.5) = 1/2.6487212707 = 0.3775406688; σ(−1.5) = 1/(1 + e^1.5) = 1/5.4816890703 =
            // 0.1824255238; σ(0.5) = 1 − σ(−0.5) = 0.6224593312.
            double[] expected = {0.3775406687981454, 0.18242552380635635, 0.6224593312018546, 0.3775406687981454};
            Perceptron p = lecturePerceptron();
            for (int r = 0; r < OR_X.length; r++) {
                assertThat("row " + r, p.probability(OR_X[r]), closeTo(expected[r], ROUNDING));
            }
        }

        @Test
        void thirdRowIsPredictedOneNotTheSlidesZero() {
            // The slide prints p = 0.38, ŷ = 0 for (1, 0); in fact h = 0.5, p = σ(0.5) = 0.6225 ≥ 0.5, so ŷ = 1.
            Perceptron p = lecturePerceptron();
            assertThat(p.probability(OR_X[2]), greaterThan(0.5));
            assertEquals(1, p.predict(OR_X[2]));
        }

        @Test
        void predictionsAreZeroZeroOneZero() {
            int[] expected = {0, 0, 1, 0};
            Perceptron p = lecturePerceptron();
            for (int r = 0; r < OR_X.length; r++) {
                assertEquals(expected[r], p.predict(OR_X[r]), "row " + r);
            }
        }

        @Test
        void probabilityOfExactlyOneHalfPredictsOne() {
            // w = (1, −1), b = 0 at (1, 1): h = 0, p = 0.5, and ŷ = 1 because the threshold is p ≥ 0.5.
            Perceptron p = new Perceptron(new double[] {1, -1}, 0);
            assertEquals(0.5, p.probability(new double[] {1, 1}));
            assertEquals(1, p.predict(new double[] {1, 1}));
        }
    }

    @Nested
    class SquaredError {

        @Test
        void isTheSquareOfTheDifference() {
            // (1 − 0.25)² = 0.5625 and (0 − 0.25)² = 0.0625, exact in binary.
            assertEquals(0.5625, Perceptron.squaredError(1, 0.25));
            assertEquals(0.0625, Perceptron.squaredError(0, 0.25));
            assertEquals(0.0, Perceptron.squaredError(1, 1));
        }

        @Test
        void onTheLectureRows() {
            // (0 − 0.37754)² = 0.14254; (1 − 0.18243)² = 0.81757² = 0.66843; (1 − 0.62246)² = 0.37754² = 0.14254;
            // (1 − 0.37754)² = 0.62246² = 0.38746.
            double[] expected = {0.1425369565965509, 0.6684280241233108, 0.1425369565965509, 0.3874556190002601};
            Perceptron p = lecturePerceptron();
            for (int r = 0; r < OR_X.length; r++) {
                assertThat("row " + r, Perceptron.squaredError(OR_Y[r], p.probability(OR_X[r])),
                        closeTo(expected[r], ROUNDING));
            }
        }
    }

    @Nested
    class GradientByTheChainRule {

        @ParameterizedTest(name = "row {0}")
        @CsvSource({
            // row, ∂l/∂h = 2(p − y)·p(1 − p)
            // (0,0,y=0): 2·(0.37754 − 0)·0.37754·0.62246 = 0.17745
            "0, 0.1774469173492737",
            // (0,1,y=1): 2·(0.18243 − 1)·0.18243·0.81757 = −0.24388
            "1, -0.24387666485508555",
            // (1,0,y=1): 2·(0.62246 − 1)·0.62246·0.37754 = −0.17745
            "2, -0.17744691734927373",
            // (1,1,y=1): 2·(0.37754 − 1)·0.37754·0.62246 = −0.29256
            "3, -0.29256050705391523",
        })
        void onEachLectureRowIsTwoTimesPMinusYTimesPOneMinusPTimesInput(int row, double dlDh) {
            // ∂l/∂wᵢ = ∂l/∂h·Xᵢ and ∂l/∂b = ∂l/∂h.
            double[] x = OR_X[row];
            double[] expected = {dlDh * x[0], dlDh * x[1], dlDh};
            double[] g = lecturePerceptron().gradient(x, OR_Y[row]);
            assertEquals(3, g.length);
            for (int i = 0; i < 3; i++) {
                assertThat("entry " + i, g[i], closeTo(expected[i], ROUNDING));
            }
        }

        @ParameterizedTest(name = "row {0}")
        @ValueSource(ints = {0, 1, 2, 3})
        void onEachLectureRowAgreesWithCentredDifferences(int row) {
            double[] theta = {1, -1, -0.5};
            double[] numerical = FiniteDifferences.gradient(t -> squaredErrorAt(t, OR_X[row], OR_Y[row]), theta);
            FiniteDifferences.assertAgree("row " + row, lecturePerceptron().gradient(OR_X[row], OR_Y[row]), numerical);
        }

        @Test
        void atRandomPointsAgreesWithCentredDifferences() {
            Random random = new Random(11);
            for (int trial = 0; trial < 20; trial++) {
                double[] theta = new double[4];
                double[] x = new double[3];
                for (int i = 0; i < 4; i++) {
                    theta[i] = 4 * random.nextDouble() - 2;
                }
                for (int i = 0; i < 3; i++) {
                    x[i] = 4 * random.nextDouble() - 2;
                }
                double y = random.nextBoolean() ? 1 : 0;
                Perceptron p = new Perceptron(new double[] {theta[0], theta[1], theta[2]}, theta[3]);
                FiniteDifferences.assertAgree("trial " + trial, p.gradient(x, y),
                        FiniteDifferences.gradient(t -> squaredErrorAt(t, x, y), theta));
            }
        }

        @Test
        void changesNoParameter() {
            Perceptron p = lecturePerceptron();
            p.gradient(OR_X[3], 1);
            assertArrayEquals(new double[] {1, -1}, p.weights());
            assertEquals(-0.5, p.bias());
        }
    }

    @Nested
    class UpdateStepsAgainstTheGradient {

        @Test
        void byLearningRateTimesGradient() {
            // θ = (1, −1, −0.5), g = (0.2, −0.4, 1), η = 0.5: θ − η·g = (0.9, −0.8, −1).
            Perceptron p = lecturePerceptron();
            p.update(new double[] {0.2, -0.4, 1}, 0.5);
            assertArrayEquals(new double[] {0.9, -0.8}, p.weights(), ROUNDING);
            assertThat(p.bias(), closeTo(-1, ROUNDING));
        }

        @Test
        void withTheLectureGradientOfTheLastRow() {
            // g = (−0.29256, −0.29256, −0.29256), η = 1: w = (1.29256, −0.70744), b = −0.20744; h at (1,1) rises
            // from −0.5 to 1.29256 − 0.70744 − 0.20744 = 0.37768.
            Perceptron p = lecturePerceptron();
            p.update(p.gradient(OR_X[3], 1), 1);
            assertArrayEquals(new double[] {1.2925605070539152, -0.7074394929460848}, p.weights(), ROUNDING);
            assertThat(p.bias(), closeTo(-0.20743949294608477, ROUNDING));
            assertThat(p.weightedSum(OR_X[3]), closeTo(0.37768152116174566, ROUNDING));
        }

        @Test
        void rejectsAGradientOfTheWrongLength() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lecturePerceptron().update(new double[] {1, 1}, 0.1));
            assertThat(e.getMessage(), containsString("one per weight, then one for the bias"));
        }

        @Test
        void ownsCopiesOfItsWeights() {
            double[] w = {1, -1};
            Perceptron p = new Perceptron(w, 0);
            w[0] = 99;
            p.weights()[1] = 99;
            assertArrayEquals(new double[] {1, -1}, p.weights());
        }
    }

    @Nested
    class Training {

        @Test
        void historyIsTheMeanSquaredErrorAfterEachEpochOfInOrderUpdates() {
            // A twin written from the formulas: rows in order, one step per row, then the mean of (y − p)².
            double eta = 0.7;
            double[] theta = {1, -1, -0.5};
            double[] expected = new double[3];
            for (int epoch = 0; epoch < 3; epoch++) {
                for (int r = 0; r < 4; r++) {
                    double p = sigmoid(theta[0] * OR_X[r][0] + theta[1] * OR_X[r][1] + theta[2]);
                    double dh = 2 * (p - OR_Y[r]) * p * (1 - p);
                    theta[0] -= eta * dh * OR_X[r][0];
                    theta[1] -= eta * dh * OR_X[r][1];
                    theta[2] -= eta * dh;
                }
                for (int r = 0; r < 4; r++) {
                    expected[epoch] += squaredErrorAt(theta, OR_X[r], OR_Y[r]) / 4;
                }
            }
            Perceptron p = lecturePerceptron();
            assertArrayEquals(expected, p.train(OR_X, OR_Y, eta, 3), ROUNDING);
            assertArrayEquals(new double[] {theta[0], theta[1]}, p.weights(), ROUNDING);
            assertThat(p.bias(), closeTo(theta[2], ROUNDING));
        }

        @Test
        void learnsOrFromTheLectureStart() {
            // η = 1, 200 epochs: the demo's setting; OR is linearly separable, so every row ends on the right side.
            Perceptron p = lecturePerceptron();
            double[] history = p.train(OR_X, OR_Y, 1.0, 200);
            assertEquals(200, history.length);
            assertThat(history[199], lessThan(history[0]));
            for (int r = 0; r < 4; r++) {
                assertEquals((int) OR_Y[r], p.predict(OR_X[r]), "row " + r);
            }
        }

        @ParameterizedTest(name = "η = {0}")
        @ValueSource(doubles = {0.1, 1.0, 5.0})
        void cannotLearnXor(double eta) {
            // No line separates {(0,1), (1,0)} from {(0,0), (1,1)}: whatever the weights, some row stays wrong.
            Random random = new Random(3);
            for (int start = 0; start < 5; start++) {
                Perceptron p = new Perceptron(new double[] {random.nextGaussian(), random.nextGaussian()},
                        random.nextGaussian());
                p.train(OR_X, XOR_Y, eta, 500);
                int correct = 0;
                for (int r = 0; r < 4; r++) {
                    correct += p.predict(OR_X[r]) == XOR_Y[r] ? 1 : 0;
                }
                assertThat("start " + start, correct, lessThan(4));
            }
        }

        @Test
        void zeroEpochsReturnsAnEmptyHistoryAndChangesNothing() {
            Perceptron p = lecturePerceptron();
            assertEquals(0, p.train(OR_X, OR_Y, 1, 0).length);
            assertArrayEquals(new double[] {1, -1}, p.weights());
        }

        @Test
        void rejectsOneLabelTooFew() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lecturePerceptron().train(OR_X, new double[] {0, 1, 1}, 1, 1));
            assertThat(e.getMessage(), containsString("one label per row"));
        }
    }

    @Nested
    class Preconditions {

        @Test
        void needsAtLeastOneWeight() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Perceptron(new double[0], 0));
            assertThat(e.getMessage(), containsString("at least one weight"));
        }

        @Test
        void needsOneInputPerWeight() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lecturePerceptron().weightedSum(new double[] {1, 2, 3}));
            assertThat(e.getMessage(), containsString("one input value per weight"));
        }

        @Test
        void probabilityIsFiniteForHugeWeightedSums() {
            // At h = −1e3, e⁻ʰ overflows to ∞ (and e^h/(e^h + 1) at h = 1e3 gives ∞/∞); σ must still be 0 or 1, not NaN.
            Perceptron p = new Perceptron(new double[] {1e3}, 0);
            assertEquals(1.0, p.probability(new double[] {1}));
            assertEquals(0.0, p.probability(new double[] {-1}));
        }
    }
}
