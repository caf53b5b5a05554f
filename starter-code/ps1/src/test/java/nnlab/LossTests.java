package nnlab;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Part 2: loss values with Keras's reductions and their gradients. */
@DisplayName("Part 2 — losses")
class LossTests {

    /** For constants written out to ten decimals. */
    private static final double TEN_DIGIT_TOLERANCE = 1e-9;

    private static Matrix one(double value) {
        return Matrix.of(new double[][] {{value}});
    }

    @Nested
    @DisplayName("values (§2.4)")
    class Values {

        @Test
        void binaryCrossEntropyReproducesTheLectureTable() {
            double[][] cases = {{0, 0.1}, {0, 0.9}, {1, 0.1}, {1, 0.9}};
            double[] expected = {0.1053605157, 2.3025850930, 2.3025850930, 0.1053605157};
            for (int i = 0; i < cases.length; i++) {
                double y = cases[i][0];
                double p = cases[i][1];
                Expect.near("BINARY_CROSSENTROPY.value for (y, p) = (" + (int) y + ", " + p + ")",
                        "−y·ln p − (1 − y)·ln(1 − p)", expected[i],
                        "handout §2.4; the lecture's table rounds these to 0.1 and 2.3", TEN_DIGIT_TOLERANCE,
                        Loss.BINARY_CROSSENTROPY.value(one(y), one(p)));
            }
        }

        @Test
        void binaryCrossEntropyAveragesOverEveryElement() {
            Matrix y = Matrix.of(new double[][] {{0, 0}, {1, 1}});
            Matrix p = Matrix.of(new double[][] {{0.1, 0.9}, {0.1, 0.9}});
            Expect.near("BINARY_CROSSENTROPY.value for the four lecture cases in one 2×2 batch",
                    "the mean of the four element losses", 1.2039728043,
                    "handout §2.4, BCE averages over every element like Keras", TEN_DIGIT_TOLERANCE,
                    Loss.BINARY_CROSSENTROPY.value(y, p));
        }

        @Test
        void crossEntropyClipsPredictionsAwayFromZero() {
            Expect.near("BINARY_CROSSENTROPY.value for (y, p) = (1, 0)", "−ln(1e-7), p clipped to ε = 1e-7",
                    16.1180956510, "handout §2.4, predictions are clipped to [1e-7, 1 − 1e-7]", TEN_DIGIT_TOLERANCE,
                    Loss.BINARY_CROSSENTROPY.value(one(1), one(0)));
            Expect.near("BINARY_CROSSENTROPY.gradient for (y, p) = (1, 0)", "0 where p was clipped",
                    new double[][] {{0}}, "handout §2.5", TEN_DIGIT_TOLERANCE,
                    Loss.BINARY_CROSSENTROPY.gradient(one(1), one(0)));
        }
    }

    @Nested
    @DisplayName("gradients (§2.5)")
    class Gradients {

        @Test
        void meanSquaredErrorValueAndGradient() {
            Matrix y = Matrix.of(new double[][] {{1, 0}, {0, 1}});
            Matrix p = Matrix.of(new double[][] {{0.5, 0.2}, {0.1, 0.6}});
            Expect.near("MSE.value", "(0.25 + 0.04 + 0.01 + 0.16) / 4", 0.115, "handout §2.4, mean over all elements",
                    TEN_DIGIT_TOLERANCE, Loss.MSE.value(y, p));
            Expect.near("MSE.gradient", "2(p − y) / 4 per element", new double[][] {{-0.25, 0.1}, {0.05, -0.2}},
                    "handout §2.5, the divisor of the mean stays in the gradient", TEN_DIGIT_TOLERANCE,
                    Loss.MSE.gradient(y, p));
        }

        @Test
        void categoricalCrossEntropySumsClassesAndAveragesRows() {
            Matrix y = Matrix.of(new double[][] {{0, 1, 0}, {1, 0, 0}});
            Matrix p = Matrix.of(new double[][] {{0.2, 0.7, 0.1}, {0.5, 0.25, 0.25}});
            Expect.near("CATEGORICAL_CROSSENTROPY.value", "(−ln 0.7 − ln 0.5) / 2 rows", 0.5249110622,
                    "handout §2.4, sum over classes, mean over rows", TEN_DIGIT_TOLERANCE,
                    Loss.CATEGORICAL_CROSSENTROPY.value(y, p));
            Expect.near("CATEGORICAL_CROSSENTROPY.gradient", "−y / p / 2 rows",
                    new double[][] {{0, -0.7142857143, 0}, {-1, 0, 0}}, "handout §2.5", TEN_DIGIT_TOLERANCE,
                    Loss.CATEGORICAL_CROSSENTROPY.gradient(y, p));
        }
    }
}
