package nnlab.ps1.grading;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;
import nnlab.testsupport.Trees;

/**
 * Stubs earn nothing (issue 11, item 4): the starter with every method a student writes made to return something
 * computed from nothing (zeros, ones, NaN, or its input unchanged; updates that do nothing) scores exactly what the
 * untouched starter scores, 0. Tests that compare the student with the student (3.2.2, 3.4.2) would otherwise pay for
 * stubs that agree with themselves, and cases whose expected value is all zeros would pay for a zero stub.
 */
@Tag("slow")
class StubSubmissionTests {

    /** What the untouched starter scores: every graded method throws "Not implemented yet". */
    private static final double STARTER_SCORE = 0;

    private static final String STUBS = """
            package nnlab;

            final class Stubs {
                static final String KIND = "%s";

                static Matrix like(int rows, int cols, Matrix input) {
                    if (KIND.equals("input")) {
                        return input;
                    }
                    double[][] m = new double[rows][cols];
                    for (double[] row : m) {
                        java.util.Arrays.fill(row, value());
                    }
                    return Matrix.of(m);
                }

                static double[] like(int n, double[] input) {
                    if (KIND.equals("input")) {
                        return input.clone();
                    }
                    double[] v = new double[n];
                    java.util.Arrays.fill(v, value());
                    return v;
                }

                static double value() {
                    switch (KIND) {
                        case "ones": return 1;
                        case "nan": return Double.NaN;
                        default: return 0;
                    }
                }
            }
            """;

    /** Each stubbed method, every method a student writes: the starter's "Not implemented yet" and its stub. */
    private static final Map<String, Map<String, String>> BODIES = Map.of(
            "src/main/java/nnlab/Perceptron.java", Map.of(
                    "Perceptron.weightedSum — see handout §1.1", "return Stubs.KIND.equals(\"input\") ? x[0] : Stubs.value();",
                    "Perceptron.probability — see handout §1.1", "return Stubs.KIND.equals(\"input\") ? x[0] : Stubs.value();",
                    "Perceptron.predict — see handout §1.2", "return Stubs.KIND.equals(\"ones\") ? 1 : 0;",
                    "Perceptron.squaredError — see handout §1.3", "return Stubs.KIND.equals(\"input\") ? p : Stubs.value();",
                    "Perceptron.gradient — see handout §1.4", "return Stubs.like(x.length + 1, java.util.Arrays.copyOf(x,"
                            + " x.length + 1));",
                    "Perceptron.update — see handout §1.5", "return;",
                    "Perceptron.train — see handout §1.5", "return Stubs.like(epochs, new double[epochs]);"),
            "src/main/java/nnlab/Activation.java", Map.of(
                    "Activation.forward — see handout §2.1", "return Stubs.like(z.rows(), z.cols(), z);",
                    "Activation.backward — see handout §2.2",
                    "return Stubs.like(gradOutput.rows(), gradOutput.cols(), gradOutput);"),
            "src/main/java/nnlab/Dense.java", Map.of(
                    "Dense.forward — see handout §3.1",
                    "lastInput = x; return Stubs.like(x.rows(), units, x);",
                    "Dense.backward — see handout §3.2",
                    "weightGradient = Stubs.like(inputs, units, weights); biasGradient = Stubs.like(units, bias);"
                            + " return Stubs.like(gradOutput.rows(), inputs, gradOutput);"),
            "src/main/java/nnlab/Loss.java", Map.of(
                    "Loss.value — see handout §2.4",
                    "return Stubs.KIND.equals(\"input\") ? yPred.get(0, 0) : Stubs.value();",
                    "Loss.gradient — see handout §2.5",
                    "return Stubs.like(yPred.rows(), yPred.cols(), yPred);"),
            "src/main/java/nnlab/Sequential.java", Map.of(
                    "Sequential.predict — see handout §3.3",
                    "return Stubs.like(x.rows(), layers.get(layers.size() - 1).bias().length, x);",
                    "Sequential.gradient — see handout §3.4",
                    "return Stubs.like(parameters().length, parameters());",
                    "Sequential.fit — see handout §4.6", "return Stubs.like(epochs, new double[epochs]);"),
            "src/main/java/nnlab/Sgd.java", Map.of("Sgd.update — see handout §4.1", "return;"),
            "src/main/java/nnlab/RmsProp.java", Map.of("RmsProp.update — see handout §4.2", "return;"),
            "src/main/java/nnlab/Adagrad.java", Map.of("Adagrad.update — see handout §4.3", "return;"),
            "src/main/java/nnlab/Adadelta.java", Map.of("Adadelta.update — see handout §4.4", "return;"),
            "src/main/java/nnlab/Adam.java", Map.of("Adam.update — see handout §4.5", "return;"));

    @ParameterizedTest(name = "stubs returning {0}")
    @ValueSource(strings = {"zeros", "ones", "nan", "input"})
    void stubsScoreWhatTheStarterScores(String kind, @TempDir Path tmp) throws IOException {
        Path submission = Trees.copy(Grading.STARTER.resolve("src/main"), tmp.resolve("submission/src/main"))
                .getParent().getParent();
        Files.writeString(submission.resolve("src/main/java/nnlab/Stubs.java"), STUBS.formatted(kind));
        for (Map.Entry<String, Map<String, String>> file : BODIES.entrySet()) {
            Path path = submission.resolve(file.getKey());
            String text = Files.readString(path);
            for (Map.Entry<String, String> body : file.getValue().entrySet()) {
                String line = "throw new UnsupportedOperationException(\"Not implemented yet: " + body.getKey() + "\");";
                assertTrue(text.contains(line), () -> "the starter no longer contains " + line);
                text = text.replace(line, body.getValue());
            }
            Files.writeString(path, text);
        }
        // In process: the stubs are ours (trusted), and what they score, not the sandbox, is under test.
        ResultsDocument results = Grading.grade(submission, Grader.Options.defaults().withSeed(Grading.SEED).unsandboxed(),
                Files.createDirectory(tmp.resolve("out")));
        assertTrue(results.extraData().compilation().compiled(), results::output);
        assertTrue(results.extraData().compilation().replacedWithStarter().isEmpty(), results::output);
        assertEquals(STARTER_SCORE, results.score(), 1e-9, () -> results.tests().stream().filter(t -> t.score() > 0)
                .map(t -> t.number() + " " + t.score() + ": " + t.details()).reduce("", (a, b) -> a + "\n" + b));
    }
}
