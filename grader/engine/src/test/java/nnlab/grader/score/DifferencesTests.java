package nnlab.grader.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.grader.Score;

class DifferencesTests {

    private static final Tolerance TOL = Tolerance.DEFAULT;
    private static final double[][] EXPECTED = {{1.25, -2.5, 3.75}, {0.625, 4.125, -1.5}};

    @Nested
    class Patterns {
        @Test
        void aConstantFactorIsNamedWithTheFactor() {
            assertEquals("every entry differs; off by a factor 2.000", Differences.describe(EXPECTED, scale(2), TOL));
            assertEquals("every entry differs; off by a factor 0.500", Differences.describe(EXPECTED, scale(0.5), TOL));
        }

        @Test
        void aFlippedSignIsNamed() {
            assertEquals("every entry differs; the sign is flipped", Differences.describe(EXPECTED, scale(-1), TOL));
        }

        @Test
        void oneWrongColumnIsNamedByItsIndex() {
            double[][] a = scale(1);
            a[0][2] = 7;
            a[1][2] = 9;
            assertTrue(Differences.describe(EXPECTED, a, TOL).startsWith("the entries in column 2 differ"));
        }

        @Test
        void oneWrongRowIsNamedByItsIndex() {
            double[][] a = scale(1);
            a[1] = new double[] {0, 0, 0};
            assertEquals("row 1 differ, the others match; yours are all 0", Differences.describe(EXPECTED, a, TOL));
        }

        @Test
        void aTransposeIsRecognisedByShapeAndBySquareValues() {
            double[][] sq = {{1, 2}, {3, 4}};
            assertEquals("the transpose of the expected matrix", Differences.describe(sq, new double[][] {{1, 3}, {2, 4}},
                    TOL));
            assertEquals("a 3×2 matrix instead of 2×3 — the transpose's shape",
                    Differences.describe(EXPECTED, new double[3][2], TOL));
        }

        @Test
        void nonFiniteEntriesAreLocated() {
            double[][] a = scale(1);
            a[1][0] = Double.NaN;
            assertEquals("NaN at [1][0]", Differences.describe(EXPECTED, a, TOL));
        }

        @Test
        void aSequenceSaysWhereItFirstDiverges() {
            double[] e = {0.9, 0.7, 0.5, 0.4};
            assertEquals("2 of 4 entries differ, the first at index 2", Differences.describe(e,
                    new double[] {0.9, 0.7, 0.55, 0.41}, TOL));
        }

        @Test
        void acceptedResultsHaveNoDescription() {
            assertEquals("", Differences.describe(EXPECTED, scale(1), TOL));
        }
    }

    @Nested
    class InAHiddenTest {
        @Test
        void theDescriptionRevealsNoValueAndReachesTheDiagnosis() {
            Score score = new Score(true, 1, 1);
            score.check("case 1", () -> score.close("Dense.forward", "x = secret", EXPECTED, scale(2), TOL));
            String diagnosis = score.diagnosis();
            assertTrue(diagnosis.contains("What differs: Dense.forward: every entry differs; off by a factor 2.000"),
                    diagnosis);
            for (double[] row : EXPECTED) {
                for (double v : row) {
                    assertFalse(diagnosis.contains(Score.format(v)), () -> diagnosis + " shows " + v);
                    assertFalse(diagnosis.contains(Score.format(2 * v)), () -> diagnosis + " shows " + 2 * v);
                }
            }
            assertFalse(diagnosis.contains("secret"), diagnosis);
        }

        @Test
        void aNamedMistakeReplacesWhatDiffers() {
            Score score = new Score(true, 1, 1);
            score.check("case 1", () -> score.close("Dense.forward", "", EXPECTED, scale(2), TOL));
            score.mistake("DOUBLED", "the factor 2 is counted twice.");
            assertEquals("0 of 1 cases passed.\nLikely mistake: the factor 2 is counted twice.", score.diagnosis());
            assertEquals(1, score.mistakes().size());
        }
    }

    private static double[][] scale(double f) {
        double[][] out = new double[EXPECTED.length][];
        for (int r = 0; r < out.length; r++) {
            out[r] = EXPECTED[r].clone();
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] *= f;
            }
        }
        return out;
    }
}
