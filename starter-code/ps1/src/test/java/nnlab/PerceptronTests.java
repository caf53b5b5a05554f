package nnlab;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Part 1: the lecture's perceptron, w = (1, −1), b = −0.5, on the OR truth table. */
@DisplayName("Part 1 — the perceptron")
class PerceptronTests {

    /** The lecture's table prints four decimals. */
    private static final double TABLE_TOLERANCE = 5e-5;
    /** For values a few floating-point operations compute exactly up to rounding. */
    private static final double ARITHMETIC_TOLERANCE = 1e-12;
    /** For constants written out to ten decimals. */
    private static final double TEN_DIGIT_TOLERANCE = 1e-9;
    /** For values that must not move at all. */
    private static final double UNCHANGED = 0;
    /** The handout's worked example prints six decimals. */
    private static final double SIX_DECIMALS = 5e-7;

    private static final double[][] OR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[] OR_Y = {0, 1, 1, 1};
    private static final double[] TABLE_H = {-0.5, -1.5, 0.5, -0.5};
    private static final double[] TABLE_P = {0.3775, 0.1824, 0.6225, 0.3775};
    private static final int[] TABLE_Y_HAT = {0, 0, 1, 0};

    private static Perceptron lecturePerceptron() {
        return new Perceptron(new double[] {1, -1}, -0.5);
    }

    private static String input(double[] x) {
        return "x=" + Expect.show(x);
    }

    @Nested
    @DisplayName("reproduces the lecture's table (§1.1–1.2)")
    class LectureTable {

        @Test
        void weightedSumIsWDotXPlusB() {
            Perceptron perceptron = lecturePerceptron();
            for (int row = 0; row < OR_X.length; row++) {
                Expect.near("Perceptron.weightedSum for " + input(OR_X[row]), "h = 1·X₁ − 1·X₂ − 0.5", TABLE_H[row],
                        "handout §1.1, h = w·x + b", ARITHMETIC_TOLERANCE, perceptron.weightedSum(OR_X[row]));
            }
        }

        @Test
        void probabilityIsSigmoidOfWeightedSumToFourDecimals() {
            Perceptron perceptron = lecturePerceptron();
            for (int row = 0; row < OR_X.length; row++) {
                Expect.near("Perceptron.probability for " + input(OR_X[row]), "p = σ(" + TABLE_H[row] + ")",
                        TABLE_P[row], "handout §1.1, p = 1/(1+e^-h)", TABLE_TOLERANCE,
                        perceptron.probability(OR_X[row]));
            }
        }

        @Test
        void predictionThresholdsAtOneHalfWithTheSlideTypoFixed() {
            Perceptron perceptron = lecturePerceptron();
            for (int row = 0; row < OR_X.length; row++) {
                String pointer = row == 2
                        ? "handout §1.2; the slides print ŷ = 0 in this row, a typo: σ(0.5) = 0.6225 ≥ 0.5"
                        : "handout §1.2, ŷ = 1 if p ≥ 0.5 else 0";
                Expect.equal("Perceptron.predict for " + input(OR_X[row]), "ŷ for p = " + TABLE_P[row],
                        TABLE_Y_HAT[row], pointer, perceptron.predict(OR_X[row]));
            }
        }

        @Test
        void predictionIsOneAtExactlyOneHalf() {
            // b = 0.5 and x = (0, 1): h = −1 + 0.5 + 0.5 = 0 exactly, so p = σ(0) = 0.5.
            Perceptron perceptron = new Perceptron(new double[] {1, -1}, 1);
            double[] x = {0, 1};
            Expect.equal("Perceptron.predict for w=(1, −1), b=1, " + input(x), "ŷ for p = σ(0) = 0.5 exactly", 1,
                    "handout §1.2, ŷ = 1 if p ≥ 0.5 — not p > 0.5", perceptron.predict(x));
        }

        @Test
        void probabilityStaysFiniteForHugeWeightedSums() {
            Perceptron perceptron = new Perceptron(new double[] {1}, 0);
            String pointer = "handout §1.1: e^-h overflows for h ≪ 0 and e^h for h ≫ 0; use the form that keeps the "
                    + "exponent ≤ 0";
            Expect.near("Perceptron.probability for x=(-1000)", "p = σ(-1000)", 0.0, pointer, ARITHMETIC_TOLERANCE,
                    perceptron.probability(new double[] {-1000}));
            Expect.near("Perceptron.probability for x=(1000)", "p = σ(1000)", 1.0, pointer, ARITHMETIC_TOLERANCE,
                    perceptron.probability(new double[] {1000}));
        }
    }

    @Nested
    @DisplayName("error and gradient (§1.3–1.4)")
    class ErrorAndGradient {

        @Test
        void squaredErrorIsTheSquaredDifference() {
            Expect.near("Perceptron.squaredError(1, 0.1824)", "(1 − 0.1824)²", 0.66846976,
                    "handout §1.3, l = (y − p)²", ARITHMETIC_TOLERANCE, Perceptron.squaredError(1, 0.1824));
            Expect.near("Perceptron.squaredError(0, 0.3775)", "(0 − 0.3775)²", 0.14250625,
                    "handout §1.3, l = (y − p)²", ARITHMETIC_TOLERANCE, Perceptron.squaredError(0, 0.3775));
        }

        @Test
        void gradientFollowsTheChainRuleAndChangesNothing() {
            Perceptron perceptron = lecturePerceptron();
            // x = (1, 0), y = 1: h = 0.5, p = σ(0.5) = 0.6224593312, 2(p − y)·p(1 − p) = −0.1774469173.
            double factor = -0.1774469173;
            String pointer = "handout §1.4, ∂l/∂w₁ = 2(p − y)·p(1 − p)·X₁, ∂l/∂b = 2(p − y)·p(1 − p)";
            Expect.near("Perceptron.gradient for x=(1, 0), y=1", "[2(p−y)p(1−p)·1, 2(p−y)p(1−p)·0, 2(p−y)p(1−p)]",
                    new double[] {factor, 0, factor}, pointer, TEN_DIGIT_TOLERANCE, perceptron.gradient(new double[] {1, 0}, 1));
            Expect.near("Perceptron.weights after gradient()", "unchanged w", new double[] {1, -1},
                    "handout §1.4: gradient only computes, update changes", UNCHANGED, perceptron.weights());
            Expect.near("Perceptron.bias after gradient()", "unchanged b", -0.5,
                    "handout §1.4: gradient only computes, update changes", UNCHANGED, perceptron.bias());
        }
    }

    @Nested
    @DisplayName("update and training (§1.5)")
    class Training {

        @Test
        void updateStepsAgainstTheGradient() {
            Perceptron perceptron = lecturePerceptron();
            perceptron.update(new double[] {0.1, -0.2, 0.3}, 0.5);
            String pointer = "handout §1.5, θ ← θ − η·g with η = 0.5, g = (0.1, −0.2, 0.3)";
            Expect.near("Perceptron.weights after update", "w = (1 − 0.05, −1 + 0.1)", new double[] {0.95, -0.9},
                    pointer, ARITHMETIC_TOLERANCE, perceptron.weights());
            Expect.near("Perceptron.bias after update", "b = −0.5 − 0.15", -0.65, pointer, ARITHMETIC_TOLERANCE,
                    perceptron.bias());
        }

        @Test
        void oneEpochMatchesTheHandoutsWorkedExample() {
            Perceptron perceptron = lecturePerceptron();
            double[] history = perceptron.train(OR_X, OR_Y, 1.0, 1);
            String pointer = "handout §1.5 worked example: one update per row, rows in order, then the mean squared"
                    + " error over all rows";
            Expect.near("Perceptron.train(OR, η=1, 1 epoch)", "the mean squared error after the epoch",
                    new double[] {0.196880}, pointer, SIX_DECIMALS, history);
            Expect.near("Perceptron.weights after one epoch", "w after four updates", new double[] {1.405870, -0.540967},
                    pointer, SIX_DECIMALS, perceptron.weights());
            Expect.near("Perceptron.bias after one epoch", "b after four updates", -0.048047, pointer, SIX_DECIMALS,
                    perceptron.bias());
        }

        @Test
        void learnsOrFromTheLectureStart() {
            Perceptron perceptron = lecturePerceptron();
            int epochs = 200;
            double[] history = perceptron.train(OR_X, OR_Y, 1.0, epochs);
            Expect.equal("Perceptron.train(OR, η=1, 200 epochs).length", "one mean squared error per epoch", epochs,
                    "handout §1.5", history.length);
            Expect.that("Perceptron.train(OR, η=1, 200 epochs)", "the last epoch's error below the first's",
                    "handout §1.5, one update per row, rows in order", history[epochs - 1] < history[0],
                    Expect.show(history[0]) + " → " + Expect.show(history[epochs - 1]));
            for (int row = 0; row < OR_X.length; row++) {
                Expect.equal("Perceptron.predict after training, for " + input(OR_X[row]), "the OR label",
                        (long) OR_Y[row], "handout §1.5: a trained perceptron separates OR", perceptron.predict(OR_X[row]));
            }
        }
    }
}
