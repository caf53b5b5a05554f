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
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.report.Results;
import nnlab.grader.run.Grader;
import nnlab.testsupport.GradedResults;
import nnlab.testsupport.Trees;

/**
 * Hostile submissions that report numbers about themselves (issue 21): the grader never takes such a number for a
 * verdict, so each attack earns no more than the honest submission it is built on, test by test.
 */
@Tag("slow")
class SelfReportAttackTests {

    private static final String SEQUENTIAL = "src/main/java/nnlab/Sequential.java";
    private static final double NO_GAIN = 1e-9;

    /** A stub fit that trains nothing; its accuracy, honest or lying, must not pay (Part 4). */
    @Nested
    class LyingAccuracy {
        private static final String FIT_START = "        checkCompiled();\n"
                + "        Objects.requireNonNull(x, \"x must not be null\");\n"
                + "        Objects.requireNonNull(y, \"y must not be null\");\n"
                + "        Objects.requireNonNull(callbacks";
        private static final String ACCURACY_START = "    private static double accuracyOf(Matrix p, Matrix y) {\n";

        @Test
        void aStubFitEarnsWhatTheHonestStubEarnsWhateverItsAccuracySays(@TempDir Path tmp) throws IOException {
            Map<String, String> accuracies = new LinkedHashMap<>();
            accuracies.put("honest", ACCURACY_START);
            accuracies.put("returns 1.0", ACCURACY_START + "        if (p != null) {\n            return 1.0;\n        }\n");
            accuracies.put("counts the labels against themselves", ACCURACY_START + "        p = y;\n");
            Map<String, Results> graded = new LinkedHashMap<>();
            for (Map.Entry<String, String> accuracy : accuracies.entrySet()) {
                String name = accuracy.getKey().replace(' ', '-');
                Path submission = Trees.copy(Grading.correct(), tmp.resolve(name));
                edit(submission.resolve(SEQUENTIAL), FIT_START, "        if (epochs >= 0) {\n"
                        + "            return new History(new double[epochs], new double[validationSplit > 0 ? epochs : 0]);\n"
                        + "        }\n" + FIT_START);
                edit(submission.resolve(SEQUENTIAL), ACCURACY_START, accuracy.getValue());
                graded.put(accuracy.getKey(), grade(submission, "4.", tmp.resolve(name + "-out")));
            }
            for (String test : List.of("4.1.1", "4.2.1")) {
                assertEquals(0, GradedResults.test(graded.get("honest"), test).score(), NO_GAIN,
                        () -> "the honest stub earns nothing on " + test);
                graded.forEach((name, results) -> assertEquals(0, GradedResults.test(results, test).score(), NO_GAIN,
                        () -> "a stub fit whose accuracy " + name + " earns points on " + test + ":\n"
                                + GradedResults.test(results, test).output()));
            }
        }
    }

    /**
     * A 1.5× regularized gradient with a loss that is right at θ and linear around it with the student's own slope:
     * everywhere within 1e-4 of the last gradient point, or only where one coordinate moved by exactly the check's
     * step. Test 2.3.2 may pay no more than for the honest wrong gradient.
     */
    @Nested
    class LinearizedLoss {
        private static final String NEAR = "far <= 1e-4";
        private static final String AT_STEPS = "moved == 1 && Math.abs(far - 1e-5) < 1e-12";

        @Test
        void aRegularizedLossLinearAroundTheGradientPointEarnsNoMoreThanTheWrongGradient(@TempDir Path tmp)
                throws IOException {
            Results honest = grade(attack(tmp, "honest", null), "2.", tmp.resolve("honest-out"));
            assertTrue(GradedResults.test(honest, "2.3.2").score() < GradedResults.test(honest, "2.3.2").maxScore(),
                    () -> "the honest 1.5× gradient must fail 2.3.2:\n" + GradedResults.test(honest, "2.3.2").output());
            for (String trigger : List.of(NEAR, AT_STEPS)) {
                String name = "attack-" + trigger.length();
                Results attacked = grade(attack(tmp, name, trigger), "2.", tmp.resolve(name + "-out"));
                double gained = GradedResults.test(attacked, "2.3.2").score()
                        - GradedResults.test(honest, "2.3.2").score();
                assertTrue(gained <= NO_GAIN, () -> "linear where " + trigger + " gains " + gained + " on 2.3.2:\n"
                        + GradedResults.test(attacked, "2.3.2").output());
                assertTrue(attacked.score() <= honest.score() + NO_GAIN, () -> "linear where " + trigger
                        + " scores " + attacked.score() + " on Part 2, above the honest " + honest.score());
            }
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

    private static Results grade(Path submission, String tests, Path out) throws IOException {
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
