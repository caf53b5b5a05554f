package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;
import nnlab.grader.run.Grader;
import nnlab.testsupport.GradedResults;
import nnlab.testsupport.LookupAttack;
import nnlab.testsupport.Trees;

/**
 * Hostile submissions that report numbers about themselves (issue 21): the grader never takes such a number for a
 * verdict, so each attack earns no more than the honest submission it is built on, test by test.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfReportAttackTests {

    private static final String SEQUENTIAL = "src/main/java/nnlab/Sequential.java";
    private static final String DENSE = "src/main/java/nnlab/Dense.java";
    private static final double NO_GAIN = 1e-9;
    private static final String FIT_START = "        Random random = new Random(seed);\n";
    /** A fit that trains nothing: the honest stub every Part 5 attack is built on. */
    private static final String STUB_FIT = "        if (epochs >= 0) {\n            return new double[epochs];\n        }\n";

    @TempDir
    Path shared;
    private ResultsDocument honestStub;

    /** The honest stub's Part 5, graded once for the class: what each Part 5 attack must not beat, test by test. */
    private ResultsDocument honestStub() throws IOException {
        if (honestStub == null) {
            honestStub = grade(stubFit(Trees.copy(Grading.CORRECT, shared.resolve("honest"))), "5.",
                    shared.resolve("honest-out"));
        }
        return honestStub;
    }

    /** Makes {@code submission}'s fit the stub that trains nothing. */
    private static Path stubFit(Path submission) throws IOException {
        edit(submission.resolve(SEQUENTIAL), FIT_START, STUB_FIT + FIT_START);
        return submission;
    }

    /** A stub fit that trains nothing; its accuracy, honest or lying, must not pay (ps1 Part 5). */
    @Nested
    class LyingAccuracy {
        private static final String ACCURACY_START = "        Matrix p = predict(x);\n        if (p.rows() != y.rows()";

        @Test
        void aStubFitEarnsWhatTheHonestStubEarnsWhateverItsAccuracySays(@TempDir Path tmp) throws IOException {
            Map<String, String> accuracies = new LinkedHashMap<>();
            accuracies.put("returns 1.0", "        if (x != null) {\n            return 1.0;\n        }\n" + ACCURACY_START);
            accuracies.put("counts the labels against themselves", ACCURACY_START.replace("predict(x)", "y"));
            Map<String, ResultsDocument> graded = new LinkedHashMap<>();
            graded.put("honest", honestStub());
            for (Map.Entry<String, String> accuracy : accuracies.entrySet()) {
                String name = accuracy.getKey().replace(' ', '-');
                Path submission = stubFit(Trees.copy(Grading.CORRECT, tmp.resolve(name)));
                edit(submission.resolve(SEQUENTIAL), ACCURACY_START, accuracy.getValue());
                graded.put(accuracy.getKey(), grade(submission, "5.", tmp.resolve(name + "-out")));
            }
            for (String test : List.of("5.1.1", "5.2.1")) {
                assertEquals(0, GradedResults.test(graded.get("honest"), test).score(), NO_GAIN,
                        () -> "the honest stub earns nothing on " + test);
                graded.forEach((name, results) -> assertEquals(0, GradedResults.test(results, test).score(), NO_GAIN,
                        () -> "a stub fit whose accuracy " + name + " earns points on " + test + ":\n"
                                + GradedResults.test(results, test).details()));
            }
        }
    }

    /**
     * A stub fit whose predict answers from the data set the submission ships (issue 21): the held-out rows and their
     * labels are in its own Dataset, found by the exact row or by the nearest one. The grader counts accuracy from the
     * network the fit trained, so the lookup must earn what the honest stub earns, and be told why.
     */
    @Nested
    class LookupPredict {
        private static final String PREDICT = "    public Matrix predict(Matrix x) {\n";

        @Test
        void aStubFitWhosePredictLooksTheInputsUpEarnsWhatTheHonestStubEarns(@TempDir Path tmp) throws IOException {
            Map<String, ResultsDocument> graded = new LinkedHashMap<>();
            graded.put("honest", honestStub());
            for (String lookup : List.of("exact", "nearest")) {
                Path submission = stubFit(Trees.copy(Grading.CORRECT, tmp.resolve(lookup)));
                edit(submission.resolve(SEQUENTIAL), PREDICT, PREDICT + """
                                Matrix looked = Lookup.labels(x.toArray());
                                if (looked != null) {
                                    return looked;
                                }
                        """);
                Files.writeString(submission.resolve("src/main/java/nnlab/Lookup.java"),
                        LookupAttack.source(lookup.equals("nearest")));
                graded.put(lookup, grade(submission, "5.", tmp.resolve(lookup + "-out")));
            }
            for (String test : List.of("5.1.1", "5.2.1")) {
                assertEquals(0, GradedResults.test(graded.get("honest"), test).score(), NO_GAIN,
                        () -> "the honest stub earns nothing on " + test);
                for (String lookup : List.of("exact", "nearest")) {
                    TestResult result = GradedResults.test(graded.get(lookup), test);
                    assertEquals(0, result.score(), NO_GAIN,
                            () -> "a stub fit whose predict looks the " + lookup + " row up earns points on " + test
                                    + ":\n" + result.details());
                    assertTrue(result.details().contains("predict does not follow its own trained parameters"),
                            () -> "the " + lookup + " lookup on " + test + " is told that predict ignores the trained"
                                    + " parameters:\n" + result.details());
                }
            }
        }
    }

    /**
     * A wrong gradient with a loss (or forward) that is right at θ and linear around it with the student's own slope:
     * everywhere within 1e-4 of the last gradient point, or only where one coordinate moved by exactly the check's
     * step. The differences then reproduce the wrong slope; no self-consistency check may pay more than for the
     * honest wrong gradient.
     */
    @Nested
    class LinearizedLoss {
        private static final String NEAR = "far <= 1e-4";
        private static final String AT_STEPS = "moved == 1 && Math.abs(far - 1e-5) < 1e-12";

        @Test
        void aSequentialLossLinearAroundTheGradientPointEarnsNoMoreThanTheWrongGradient(@TempDir Path tmp)
                throws IOException {
            ResultsDocument honest = grade(sequentialAttack(tmp, "honest", null), "3.", tmp.resolve("honest-out"));
            assertTrue(GradedResults.test(honest, "3.4.2").score() < GradedResults.test(honest, "3.4.2").maxScore(),
                    () -> "the honest 1.5× gradient must fail 3.4.2:\n" + GradedResults.test(honest, "3.4.2").details());
            for (String trigger : List.of(NEAR, AT_STEPS)) {
                ResultsDocument attacked = grade(sequentialAttack(tmp, "attack-" + trigger.length(), trigger), "3.",
                        tmp.resolve("attack-" + trigger.length() + "-out"));
                assertNoGain(honest, attacked, "3.4.2", trigger);
            }
        }

        @Test
        void aDenseForwardLinearAroundTheBackwardPointEarnsNoMoreThanTheWrongGradient(@TempDir Path tmp)
                throws IOException {
            ResultsDocument honest = grade(denseAttack(tmp, "honest", null), "3.", tmp.resolve("honest-out"));
            assertTrue(GradedResults.test(honest, "3.2.2").score() < GradedResults.test(honest, "3.2.2").maxScore(),
                    () -> "the honest doubled weight gradient must fail 3.2.2:\n"
                            + GradedResults.test(honest, "3.2.2").details());
            assertTrue(GradedResults.test(honest, "3.2.2").details().contains("What differs: Dense.backward"),
                    () -> "a failed 3.2.2 says what differs:\n" + GradedResults.test(honest, "3.2.2").details());
            for (String trigger : List.of(NEAR, AT_STEPS)) {
                ResultsDocument attacked = grade(denseAttack(tmp, "attack-" + trigger.length(), trigger), "3.",
                        tmp.resolve("attack-" + trigger.length() + "-out"));
                assertNoGain(honest, attacked, "3.2.2", trigger);
            }
        }

        private void assertNoGain(ResultsDocument honest, ResultsDocument attacked, String test, String trigger) {
            double gained = GradedResults.test(attacked, test).score() - GradedResults.test(honest, test).score();
            assertTrue(gained <= NO_GAIN, () -> "linear where " + trigger + " gains " + gained + " on " + test + ":\n"
                    + GradedResults.test(attacked, test).details());
            assertTrue(attacked.score() <= honest.score() + NO_GAIN, () -> "linear where " + trigger + " scores "
                    + attacked.score() + " on Part 3, above the honest " + honest.score());
        }

        /** The correct sample with a 1.5× Sequential.gradient; with a trigger, its loss lies there. */
        private Path sequentialAttack(Path tmp, String name, String trigger) throws IOException {
            Path submission = Trees.copy(Grading.CORRECT, tmp.resolve(name));
            Path file = submission.resolve(SEQUENTIAL);
            String gradientEnd = "            offset = append(flat, offset, layer.weightGradient(), layer.biasGradient());\n"
                    + "        }\n        return flat;\n";
            edit(file, gradientEnd, gradientEnd.replace("        return flat;\n", """
                            for (int i = 0; i < flat.length; i++) {
                                flat[i] *= 1.5;
                            }
                            memoTheta = parameters();
                            memoGradient = flat.clone();
                            memoLoss = loss.value(y, predict(x));
                            return flat;
                    """));
            String lossBody = "        return loss.value(y, predict(x));\n    }\n";
            edit(file, lossBody, (trigger == null ? lossBody : """
                            double honest = loss.value(y, predict(x));
                            if (memoTheta == null) {
                                return honest;
                            }
                            double[] theta = parameters();
                            double linear = memoLoss;
                            double far = 0;
                            int moved = 0;
                            for (int i = 0; i < theta.length; i++) {
                                double d = theta[i] - memoTheta[i];
                                linear += memoGradient[i] * d;
                                far = Math.max(far, Math.abs(d));
                                moved += d != 0 ? 1 : 0;
                            }
                            return theta.length == memoTheta.length && %s ? linear : honest;
                        }
                    """.formatted(trigger)) + """

                        private double[] memoTheta;
                        private double[] memoGradient;
                        private double memoLoss;
                    """);
            return submission;
        }

        /** The correct sample with a doubled Dense weight gradient; with a trigger, its forward lies there. */
        private Path denseAttack(Path tmp, String name, String trigger) throws IOException {
            Path submission = Trees.copy(Grading.CORRECT, tmp.resolve(name));
            Path file = submission.resolve(DENSE);
            String gradients = "        weightGradient = lastInput.transposeMultiply(dz);\n"
                    + "        biasGradient = dz.columnSums();\n";
            edit(file, gradients, """
                            weightGradient = lastInput.transposeMultiply(dz).scale(2);
                            biasGradient = dz.columnSums();
                            memoW = weights.toArray();
                            memoB = bias.clone();
                            memoX = lastInput.toArray();
                            memoG = gradOutput.toArray();
                            memoDw = weightGradient.toArray();
                            memoDb = biasGradient.clone();
                            memoOut = activation.forward(lastZ).toArray();
                    """);
            String forwardEnd = "        return activation.forward(lastZ);\n    }\n";
            edit(file, forwardEnd, trigger == null ? forwardEnd + MEMO : """
                            Matrix honest = activation.forward(lastZ);
                            if (memoW == null || !java.util.Arrays.deepEquals(memoX, x.toArray())) {
                                return honest;
                            }
                            double[][] w = weights.toArray();
                            if (w.length != memoW.length || w[0].length != memoW[0].length) {
                                return honest;
                            }
                            double s = 0;
                            double far = 0;
                            int moved = 0;
                            for (int i = 0; i < w.length; i++) {
                                for (int j = 0; j < w[i].length; j++) {
                                    double d = w[i][j] - memoW[i][j];
                                    s += memoDw[i][j] * d;
                                    far = Math.max(far, Math.abs(d));
                                    moved += d != 0 ? 1 : 0;
                                }
                            }
                            for (int j = 0; j < bias.length; j++) {
                                double d = bias[j] - memoB[j];
                                s += memoDb[j] * d;
                                far = Math.max(far, Math.abs(d));
                                moved += d != 0 ? 1 : 0;
                            }
                            if (!(%s)) {
                                return honest;
                            }
                            // Moves Σ out·g by exactly s: the weighted sum a check differentiates is linear, slope ours.
                            double gg = 0;
                            for (double[] row : memoG) {
                                for (double v : row) {
                                    gg += v * v;
                                }
                            }
                            double[][] out = new double[memoOut.length][];
                            for (int r = 0; r < out.length; r++) {
                                out[r] = memoOut[r].clone();
                                for (int c = 0; c < out[r].length; c++) {
                                    out[r][c] += memoG[r][c] * s / gg;
                                }
                            }
                            return Matrix.of(out);
                        }
                    """.formatted(trigger) + MEMO);
            return submission;
        }

        private static final String MEMO = """

                    private static double[][] memoW;
                    private static double[] memoB;
                    private static double[][] memoX;
                    private static double[][] memoG;
                    private static double[][] memoDw;
                    private static double[] memoDb;
                    private static double[][] memoOut;
                """;
    }

    private static ResultsDocument grade(Path submission, String tests, Path out) throws IOException {
        return Grading.grade(submission, Grader.Options.defaults().withSeed(Grading.SEED).onlyTests(tests),
                Files.createDirectory(out));
    }

    private static void edit(Path file, String anchor, String replacement) throws IOException {
        String text = Files.readString(file);
        assertEquals(1, text.split(java.util.regex.Pattern.quote(anchor), -1).length - 1,
                () -> file + " no longer contains exactly one " + anchor);
        Files.writeString(file, text.replace(anchor, replacement));
    }
}
