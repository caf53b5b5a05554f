package nnlab.ps2.grading;

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
    private static final String CONV = "src/main/java/nnlab/Conv2D.java";
    private static final String DENSE = "src/main/java/nnlab/Dense.java";
    private static final double NO_GAIN = 1e-9;
    private static final String FIT_START = "        checkCompiled();\n"
            + "        Objects.requireNonNull(x, \"x must not be null\");\n"
            + "        Objects.requireNonNull(y, \"y must not be null\");\n"
            + "        Objects.requireNonNull(callbacks";
    /** A fit that trains nothing: the honest stub every Part 4 attack is built on. */
    private static final String STUB_FIT = """
                    if (epochs >= 0) {
                        return new History(new double[epochs], new double[validationSplit > 0 ? epochs : 0]);
                    }
            """;

    @TempDir
    Path shared;
    private ResultsDocument honestStub;

    /** The honest stub's Part 4, graded once for the class: what each Part 4 attack must not beat, test by test. */
    private ResultsDocument honestStub() throws IOException {
        if (honestStub == null) {
            honestStub = grade(stubFit(Trees.copy(Grading.correct(), shared.resolve("honest"))), "4.",
                    shared.resolve("honest-out"));
        }
        return honestStub;
    }

    /** Makes {@code submission}'s fit the stub that trains nothing. */
    private static Path stubFit(Path submission) throws IOException {
        edit(submission.resolve(SEQUENTIAL), FIT_START, STUB_FIT + FIT_START);
        return submission;
    }

    /** A stub fit that trains nothing; its accuracy, honest or lying, must not pay (Part 4). */
    @Nested
    class LyingAccuracy {
        private static final String ACCURACY_START = "    private static double accuracyOf(Matrix p, Matrix y) {\n";

        @Test
        void aStubFitEarnsWhatTheHonestStubEarnsWhateverItsAccuracySays(@TempDir Path tmp) throws IOException {
            Map<String, String> accuracies = new LinkedHashMap<>();
            accuracies.put("returns 1.0", ACCURACY_START + "        if (p != null) {\n            return 1.0;\n        }\n");
            accuracies.put("counts the labels against themselves", ACCURACY_START + "        p = y;\n");
            Map<String, ResultsDocument> graded = new LinkedHashMap<>();
            graded.put("honest", honestStub());
            for (Map.Entry<String, String> accuracy : accuracies.entrySet()) {
                String name = accuracy.getKey().replace(' ', '-');
                Path submission = stubFit(Trees.copy(Grading.correct(), tmp.resolve(name)));
                edit(submission.resolve(SEQUENTIAL), ACCURACY_START, accuracy.getValue());
                graded.put(accuracy.getKey(), grade(submission, "4.", tmp.resolve(name + "-out")));
            }
            for (String test : List.of("4.1.1", "4.2.1")) {
                assertEquals(0, GradedResults.test(graded.get("honest"), test).score(), NO_GAIN,
                        () -> "the honest stub earns nothing on " + test);
                graded.forEach((name, results) -> assertEquals(0, GradedResults.test(results, test).score(), NO_GAIN,
                        () -> "a stub fit whose accuracy " + name + " earns points on " + test + ":\n"
                                + GradedResults.test(results, test).details()));
            }
        }
    }

    /**
     * A stub fit whose forward pass answers from the data set the submission ships (issue 21): the held-out rows and
     * their labels are in its own Dataset, found by the exact row or by the nearest one — in Sequential.predict for
     * §4.1's MLP, and for §4.2's CNN (graded layer by layer) in the last Dense, from the images Conv2D last saw. The
     * grader counts accuracy from the network the fit trained, so the lookup must earn what the honest stub earns.
     */
    @Nested
    class LookupPredict {
        private static final String PREDICT = "    public Matrix predict(Matrix x) {\n";
        private static final String CONV_FORWARD =
                "    public Tensor forward(Tensor input, boolean training, Random random) {\n";
        private static final String DENSE_FORWARD = "    public Matrix forward(Matrix x) {\n";

        @Test
        void aStubFitWhoseForwardLooksTheInputsUpEarnsWhatTheHonestStubEarns(@TempDir Path tmp) throws IOException {
            Map<String, ResultsDocument> graded = new LinkedHashMap<>();
            graded.put("honest", honestStub());
            for (String lookup : List.of("exact", "nearest")) {
                Path submission = stubFit(Trees.copy(Grading.correct(), tmp.resolve(lookup)));
                edit(submission.resolve(SEQUENTIAL), PREDICT, PREDICT + """
                                Matrix looked = Lookup.labels(x.toArray());
                                if (looked != null) {
                                    return looked;
                                }
                        """);
                edit(submission.resolve(CONV), CONV_FORWARD, CONV_FORWARD
                        + "        Lookup.remember(input.values(), input.dim(0));\n");
                // Dense is provided in ps2 (the grader fills it in from the starter): the attack submits its own.
                Files.copy(Grading.STARTER.resolve(DENSE), submission.resolve(DENSE));
                edit(submission.resolve(DENSE), DENSE_FORWARD, DENSE_FORWARD + """
                                Matrix looked = bias.length == 10 ? Lookup.rememberedLabels(x.rows()) : null;
                                if (looked != null) {
                                    return looked;
                                }
                        """);
                Files.writeString(submission.resolve("src/main/java/nnlab/Lookup.java"),
                        LookupAttack.source(lookup.equals("nearest")));
                graded.put(lookup, grade(submission, "4.", tmp.resolve(lookup + "-out")));
            }
            for (String test : List.of("4.1.1", "4.2.1")) {
                assertEquals(0, GradedResults.test(graded.get("honest"), test).score(), NO_GAIN,
                        () -> "the honest stub earns nothing on " + test);
                for (String lookup : List.of("exact", "nearest")) {
                    TestResult result = GradedResults.test(graded.get(lookup), test);
                    assertEquals(0, result.score(), NO_GAIN,
                            () -> "a stub fit whose forward looks the " + lookup + " row up earns points on " + test
                                    + ":\n" + result.details());
                    assertTrue(result.details().contains("predictions do not follow its own trained parameters"),
                            () -> "the " + lookup + " lookup on " + test + " is told that its forward pass ignores the"
                                    + " trained parameters:\n" + result.details());
                }
            }
        }
    }

    /**
     * A wrong gradient with a loss (or forward) that is right at θ and linear around it with the student's own slope:
     * everywhere within 1e-4 of the last gradient point, or only where one coordinate moved by exactly the check's
     * step. Neither 2.3.2 nor 3.2.2 may pay more than for the honest wrong gradient.
     */
    @Nested
    class LinearizedLoss {
        private static final String NEAR = "far <= 1e-4";
        private static final String AT_STEPS = "moved == 1 && Math.abs(far - 1e-5) < 1e-12";

        @Test
        void aRegularizedLossLinearAroundTheGradientPointEarnsNoMoreThanTheWrongGradient(@TempDir Path tmp)
                throws IOException {
            ResultsDocument honest = grade(attack(tmp, "honest", null), "2.", tmp.resolve("honest-out"));
            assertTrue(GradedResults.test(honest, "2.3.2").score() < GradedResults.test(honest, "2.3.2").maxScore(),
                    () -> "the honest 1.5× gradient must fail 2.3.2:\n" + GradedResults.test(honest, "2.3.2").details());
            for (String trigger : List.of(NEAR, AT_STEPS)) {
                String name = "attack-" + trigger.length();
                ResultsDocument attacked = grade(attack(tmp, name, trigger), "2.", tmp.resolve(name + "-out"));
                double gained = GradedResults.test(attacked, "2.3.2").score()
                        - GradedResults.test(honest, "2.3.2").score();
                assertTrue(gained <= NO_GAIN, () -> "linear where " + trigger + " gains " + gained + " on 2.3.2:\n"
                        + GradedResults.test(attacked, "2.3.2").details());
                assertTrue(attacked.score() <= honest.score() + NO_GAIN, () -> "linear where " + trigger
                        + " scores " + attacked.score() + " on Part 2, above the honest " + honest.score());
            }
        }

        @Test
        void aConvForwardLinearAroundTheBackwardPointEarnsNoMoreThanTheWrongGradient(@TempDir Path tmp)
                throws IOException {
            ResultsDocument honest = grade(convAttack(tmp, "conv-honest", "false"), "3.", tmp.resolve("conv-honest-out"));
            assertTrue(GradedResults.test(honest, "3.2.2").score() < GradedResults.test(honest, "3.2.2").maxScore(),
                    () -> "the honest doubled kernel gradient must fail 3.2.2:\n"
                            + GradedResults.test(honest, "3.2.2").details());
            for (String trigger : List.of(NEAR, AT_STEPS)) {
                String name = "conv-attack-" + trigger.length();
                ResultsDocument attacked = grade(convAttack(tmp, name, trigger), "3.", tmp.resolve(name + "-out"));
                double gained = GradedResults.test(attacked, "3.2.2").score()
                        - GradedResults.test(honest, "3.2.2").score();
                assertTrue(gained <= NO_GAIN, () -> "linear where " + trigger + " gains " + gained + " on 3.2.2:\n"
                        + GradedResults.test(attacked, "3.2.2").details());
                assertTrue(attacked.score() <= honest.score() + NO_GAIN, () -> "linear where " + trigger
                        + " scores " + attacked.score() + " on Part 3, above the honest " + honest.score());
            }
        }

        /**
         * The correct sample with a doubled Conv2D kernel gradient; its forward lies where {@code trigger} holds: a
         * wrapper around the sample's own forward and backward that remembers the last backward point.
         */
        private Path convAttack(Path tmp, String name, String trigger) throws IOException {
            Path submission = Trees.copy(Grading.correct(), tmp.resolve(name));
            Path file = submission.resolve(CONV);
            String forward = "    @Override\n    public Tensor forward(Tensor input, boolean training, Random random) {\n";
            String backward = "    @Override\n    public Tensor backward(Tensor gradOutput) {\n";
            // The sample's own backward first: the wrapper below declares a public backward of its own.
            edit(file, backward, "    private Tensor honestBackward(Tensor gradOutput) {\n");
            edit(file, forward, """
                        @Override
                        public Tensor forward(Tensor input, boolean training, Random random) {
                            Tensor honest = honestForward(input, training, random);
                            double[] out = honest.values();
                            double[] theta = parameters();
                            double[] x = input.values();
                            seenX = x;
                            seenOut = out;
                            if (memoOut == null || theta.length != memoTheta.length || x.length != memoX.length
                                    || out.length != memoOut.length) {
                                return honest;
                            }
                            double s = 0;
                            double far = 0;
                            int moved = 0;
                            for (int i = 0; i < theta.length + x.length; i++) {
                                double d = i < theta.length ? theta[i] - memoTheta[i] : x[i - theta.length]
                                        - memoX[i - theta.length];
                                s += (i < theta.length ? memoDtheta[i] : memoDx[i - theta.length]) * d;
                                far = Math.max(far, Math.abs(d));
                                moved += d != 0 ? 1 : 0;
                            }
                            if (!(%s)) {
                                return honest;
                            }
                            double gg = 0;
                            for (double v : memoG) {
                                gg += v * v;
                            }
                            double[] lie = memoOut.clone();
                            for (int i = 0; i < lie.length; i++) {
                                lie[i] += memoG[i] * s / gg;
                            }
                            return Tensor.of(honest.shape(), lie);
                        }

                        @Override
                        public Tensor backward(Tensor gradOutput) {
                            Tensor dx = honestBackward(gradOutput);
                            for (int i = 0; i < kernelGradient.length; i++) {
                                kernelGradient[i] *= 2;
                            }
                            memoTheta = parameters();
                            memoDtheta = parameterGradient();
                            memoX = seenX;
                            memoOut = seenOut;
                            memoG = gradOutput.values();
                            memoDx = dx.values();
                            return dx;
                        }

                        private double[] seenX;
                        private double[] seenOut;
                        private double[] memoTheta;
                        private double[] memoDtheta;
                        private double[] memoX;
                        private double[] memoOut;
                        private double[] memoG;
                        private double[] memoDx;

                        private Tensor honestForward(Tensor input, boolean training, Random random) {
                    """.formatted(trigger));
            return submission;
        }

        /** The correct sample with a 1.5× Sequential.gradient; with a trigger, its loss lies there. */
        private Path attack(Path tmp, String name, String trigger) throws IOException {
            Path submission = Trees.copy(Grading.correct(), tmp.resolve(name));
            Path file = submission.resolve(SEQUENTIAL);
            String gradientEnd = "            offset += data.length;\n        }\n        return flat;\n";
            edit(file, gradientEnd, gradientEnd.replace("        return flat;\n", """
                            for (int i = 0; i < flat.length; i++) {
                                flat[i] *= 1.5;
                            }
                            memoTheta = null;
                            memoLoss = loss(x, y, false, null);
                            memoTheta = parameters();
                            memoGradient = flat.clone();
                            return flat;
                    """));
            String lossEnd = "            value += layer.penalty();\n        }\n        return value;\n    }\n";
            edit(file, lossEnd, (trigger == null ? lossEnd : lossEnd.replace("        return value;\n", """
                            if (memoTheta == null) {
                                return value;
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
                            return theta.length == memoTheta.length && %s ? linear : value;
                    """.formatted(trigger))) + """

                        private double[] memoTheta;
                        private double[] memoGradient;
                        private double memoLoss;
                    """);
            return submission;
        }
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
