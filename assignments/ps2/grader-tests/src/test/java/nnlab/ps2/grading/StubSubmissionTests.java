package nnlab.ps2.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;
import nnlab.testsupport.Trees;

/**
 * Stubs earn nothing, as in problem set 1: the ps2 starter with every method a student writes made to return something
 * computed from nothing (zeros, ones, NaN, or its input unchanged; callbacks that do nothing or always stop) scores
 * exactly what the untouched starter scores, 0.
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

                static Tensor tensor(Tensor input) {
                    return KIND.equals("input") ? input : Tensor.of(input.shape(), like(input.size(), input.values()));
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
            "src/main/java/nnlab/Sequential.java", Map.of(
                    "Sequential.gradient — see handout §2.3", "return Stubs.like(parameterCount(), parameters());",
                    "Sequential.fit — see handout §1.1", "return new History(Stubs.like(epochs, new double[epochs]),"
                            + " validationSplit > 0 ? Stubs.like(epochs, new double[epochs]) : new double[0]);"),
            "src/main/java/nnlab/EarlyStopping.java", Map.of(
                    "EarlyStopping.onTrainBegin — see handout §1.2", "return;",
                    "EarlyStopping.onEpochEnd — see handout §1.2", "return Stubs.KIND.equals(\"ones\");",
                    "EarlyStopping.onTrainEnd — see handout §1.2", "return;"),
            "src/main/java/nnlab/Regularizer.java", Map.of(
                    "Regularizer.penalty — see handout §2.1",
                    "return Stubs.KIND.equals(\"input\") ? w.get(0, 0) : Stubs.value();",
                    "Regularizer.gradient — see handout §2.1", "return Stubs.like(w.rows(), w.cols(), w);"),
            "src/main/java/nnlab/Dropout.java", Map.of(
                    "Dropout.forward — see handout §2.2", "return Stubs.tensor(input);",
                    "Dropout.backward — see handout §2.2", "return Stubs.tensor(gradOutput);"),
            "src/main/java/nnlab/Conv2D.java", Map.of(
                    "Conv2D.forward — see handout §3.1", "return Stubs.tensor(input);",
                    "Conv2D.backward — see handout §3.2", "kernelGradient = Stubs.like(kernel.length, kernel);"
                            + " biasGradient = Stubs.like(bias.length, bias); return Stubs.tensor(gradOutput);"),
            "src/main/java/nnlab/MaxPooling2D.java", Map.of(
                    "MaxPooling2D.forward — see handout §3.3", "return Stubs.tensor(input);",
                    "MaxPooling2D.backward — see handout §3.3", "return Stubs.tensor(gradOutput);"));

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
        ResultsDocument results = Grading.grade(submission, Grader.Options.defaults().withSeed(Grading.SEED).unsandboxed(),
                Files.createDirectory(tmp.resolve("out")));
        assertTrue(results.extraData().compilation().compiled(), results::output);
        assertTrue(results.extraData().compilation().replacedWithStarter().isEmpty(), results::output);
        assertEquals(STARTER_SCORE, results.score(), 1e-9, () -> results.tests().stream().filter(t -> t.score() > 0)
                .map(t -> t.number() + " " + t.score() + ": " + t.details()).reduce("", (a, b) -> a + "\n" + b));
    }
}
