package nnlab.grader.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.grader.score.Tolerance;

/** The grader's own accuracy: counted from predictions, and unusable predictions said so in words. */
class AccuracyTests {

    @Nested
    class Counting {
        @Test
        void oneColumnThresholdsAtOneHalfInclusive() {
            double[][] labels = {{1}, {0}, {1}, {0}};
            assertEquals(0.75, Accuracy.of(new double[][] {{0.5}, {0.4999}, {0.2}, {0.1}}, labels));
        }

        @Test
        void severalColumnsTakeTheFirstLargest() {
            double[][] labels = {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}};
            // Row 2 ties between columns 0 and 2: the first, 0, is the class, so it is wrong.
            assertEquals(2.0 / 3, Accuracy.of(new double[][] {{0.1, 0.8, 0.1}, {0.5, 0.3, 0.2}, {0.4, 0.2, 0.4}},
                    labels));
        }
    }

    @Nested
    class UnusablePredictions {
        private final double[][] labels = {{0, 1}, {1, 0}};

        @Test
        void nullOrAnotherShapeIsNamedWithTheExpectedShape() {
            assertTrue(Accuracy.problem(null, labels).contains("null instead of a 2 × 2 matrix"));
            assertTrue(Accuracy.problem(new double[][] {{0, 1}}, labels).contains("1 rows for 2 inputs"));
            assertTrue(Accuracy.problem(new double[][] {{0, 1}, {1}}, labels).contains("1 columns in row 1"));
        }

        @Test
        void aValueThatIsNotFiniteIsNamedWhereItIs() {
            String nan = Accuracy.problem(new double[][] {{0, 1}, {Double.NaN, 0}}, labels);
            assertTrue(nan.contains("NaN at [1][0]"), nan);
            assertTrue(Accuracy.problem(new double[][] {{0, Double.POSITIVE_INFINITY}, {1, 0}}, labels)
                    .contains("Infinity at [0][1]"));
            assertThrows(IllegalArgumentException.class, () -> Accuracy.of(new double[][] {{0, 1}, {Double.NaN, 0}},
                    labels));
        }

        @Test
        void usablePredictionsHaveNoProblem() {
            assertNull(Accuracy.problem(new double[][] {{0.3, 0.7}, {0.9, 0.1}}, labels));
        }
    }

    @Nested
    class DisagreeingRows {
        @Test
        void countsEachRowWithAnEntryBeyondTheToleranceOnce() {
            double[][] network = {{0.2, 0.8}, {0.6, 0.4}, {0.5, 0.5}};
            double[][] own = {{0.2, 0.8 + 1e-12}, {0.4, 0.6}, {0.5, 0.9}};
            assertEquals(2, Accuracy.disagreeingRows(network, own, Tolerance.DEFAULT));
            assertEquals(0, Accuracy.disagreeingRows(network, network, Tolerance.DEFAULT));
        }
    }
}
