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
    class Tensors {
        /** A 2 × 3 × 3 × 2 batch of images whose entries all differ from each other. */
        private final double[][][][] images = tensor(2, 3, 3, 2);

        @Test
        void positionsAreGivenAsBatchRowColumnChannelAndTheAxisIsNamed() {
            double[][][][] a = copy(images);
            a[1][2][0][1] += 1;
            a[1][0][1][1] += 1;
            assertEquals("2 of 36 entries differ, only in batch item 1, only in channel 1: at (b, i, j, c) = (1, 0, 1,"
                    + " 1), (1, 2, 0, 1)", Differences.describe(images, a, TOL));
            double[][][][] column = copy(images);
            for (int i = 0; i < 3; i++) {
                column[0][i][2][0] = 0;
            }
            assertEquals("3 of 36 entries differ, only in batch item 0, only in column 2 of the image (an edge: check the"
                    + " padding), only in channel 0: at (b, i, j, c) = (0, 0, 2, 0), (0, 1, 2, 0), (0, 2, 2, 0); yours are"
                    + " all 0",
                    Differences.describe(images, column, TOL));
        }

        @Test
        void aChannelsFirstLayoutIsRecognised() {
            double[][][][] a = copy(images);
            double[] flat = new double[36];
            int k = 0;
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            flat[k++] = images[b][i][j][c];
                        }
                    }
                }
            }
            k = 0;
            for (double[][][] image : a) {
                for (double[][] row : image) {
                    for (double[] pixel : row) {
                        for (int c = 0; c < pixel.length; c++) {
                            pixel[c] = flat[k++];
                        }
                    }
                }
            }
            assertTrue(Differences.describe(images, a, TOL).startsWith("your values are the expected ones in"
                    + " channels-first order"), Differences.describe(images, a, TOL));
        }

        @Test
        void swappedHeightAndWidthARotationAndAShiftAreRecognised() {
            double[][][][] swapped = copy(images);
            double[][][][] rotated = copy(images);
            double[][][][] shifted = copy(images);
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        for (int c = 0; c < 2; c++) {
                            swapped[b][i][j][c] = images[b][j][i][c];
                            rotated[b][i][j][c] = images[b][2 - i][2 - j][c];
                            shifted[b][i][j][c] = i == 0 ? 0 : images[b][i - 1][j][c];
                        }
                    }
                }
            }
            assertTrue(Differences.describe(images, swapped, TOL).startsWith("height and width are swapped"));
            assertTrue(Differences.describe(images, rotated, TOL).startsWith("each image is rotated by 180°"));
            assertTrue(Differences.describe(images, shifted, TOL).startsWith("the image is shifted by one row: yours at"
                    + " (b, i, j, c) is the expected (b, i − 1, j, c)"), Differences.describe(images, shifted, TOL));
        }

        @Test
        void aWrongOutputSizePointsAtTheStrideAndThePadding() {
            assertEquals("a 2×2×2×2 tensor instead of 2×3×3×2: the height or width differs (axes 1 and 2) — check the"
                    + " stride and the padding in the output size", Differences.describe(images, tensor(2, 2, 2, 2), TOL));
            assertTrue(Differences.describe(images, tensor(2, 2, 3, 3), TOL).contains("channels-first shape"));
        }

        @Test
        void aFactorIsStillNamedAndAcceptedTensorsHaveNoDescription() {
            double[][][][] doubled = copy(images);
            for (double[][][] image : doubled) {
                for (double[][] row : image) {
                    for (double[] pixel : row) {
                        for (int c = 0; c < pixel.length; c++) {
                            pixel[c] *= 2;
                        }
                    }
                }
            }
            assertEquals("every entry differs; off by a factor 2.000", Differences.describe(images, doubled, TOL));
            assertEquals("", Differences.describe(images, copy(images), TOL));
        }

        @Test
        void scoreSaysWhereTheFirstDifferingEntryIsAsATensorPosition() {
            Score score = new Score(false, 1, 1);
            double[][][][] a = copy(images);
            a[0][1][2][1] = 0;
            score.check("case 1", () -> score.close("Conv2D.forward", "", images, a, TOL));
            assertTrue(score.feedback().contains("(entry (b, i, j, c) = (0, 1, 2, 1)"), score.feedback());
            assertTrue(score.feedback().contains("What differs: Conv2D.forward: 1 of 36 entries differ"), score.feedback());
        }
    }

    @Nested
    class ParameterVectors {
        private final java.util.List<GradientCheck.Block> layout = java.util.List.of(
                new GradientCheck.Block("layer 1's kernel W1", 0, 2, 3), new GradientCheck.Block("layer 1's bias b1", 6, 1, 3),
                new GradientCheck.Block("layer 2's kernel W2", 9, 3, 1), new GradientCheck.Block("layer 2's bias b2", 12, 1, 1));
        private final double[] expected = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};

        @Test
        void differencesAreNamedByLayerParameterRowAndColumn() {
            double[] a = expected.clone();
            a[4] = 0;
            a[12] = 0;
            assertEquals("2 of 13 entries differ, in layer 1's kernel W1 (1 of 6), layer 2's bias b2; the first at layer"
                    + " 1's kernel W1 row 1, column 1; yours are all 0", Differences.describe(expected, a, TOL, layout));
        }

        @Test
        void aLayoutThatDoesNotCoverTheVectorFallsBackToIndices() {
            double[] a = expected.clone();
            a[4] = 0;
            assertEquals(Differences.describe(expected, a, TOL), Differences.describe(expected, a, TOL,
                    layout.subList(0, 2)));
        }

        @Test
        void scoreReportsTheLayoutInWhatDiffers() {
            Score score = new Score(true, 1, 1);
            double[] a = expected.clone();
            a[7] = -1;
            score.check("case 1", () -> score.close("Sequential.gradient", "", expected, a, TOL, layout));
            assertTrue(score.diagnosis().contains("What differs: Sequential.gradient: 1 of 13 entries differ, in layer 1's"
                    + " bias b1 (1 of 3); the first at layer 1's bias b1 entry 1"), score.diagnosis());
        }
    }

    private static double[][][][] tensor(int b, int h, int w, int c) {
        double[][][][] t = new double[b][h][w][c];
        int k = 1;
        for (double[][][] image : t) {
            for (double[][] row : image) {
                for (double[] pixel : row) {
                    for (int i = 0; i < pixel.length; i++) {
                        pixel[i] = k++ * 0.5;
                    }
                }
            }
        }
        return t;
    }

    private static double[][][][] copy(double[][][][] t) {
        double[][][][] out = new double[t.length][][][];
        for (int b = 0; b < t.length; b++) {
            out[b] = new double[t[b].length][][];
            for (int i = 0; i < t[b].length; i++) {
                out[b][i] = new double[t[b][i].length][];
                for (int j = 0; j < t[b][i].length; j++) {
                    out[b][i][j] = t[b][i][j].clone();
                }
            }
        }
        return out;
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
