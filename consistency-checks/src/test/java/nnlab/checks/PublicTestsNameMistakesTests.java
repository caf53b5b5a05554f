package nnlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * The public tests say what a typical mistake is where the numbers show it, as the grader does (issue 22): the
 * reference with one mistake patched in, run under ps1's public tests.
 */
@Tag("slow")
class PublicTestsNameMistakesTests {

    /** The graded catalogue's transposed weight gradient (dense-weight-gradient-transposed), on the reference. */
    private static final String RIGHT = "weightGradient = lastInput.transposeMultiply(dz);";
    private static final String TRANSPOSED = "weightGradient = dz.transposeMultiply(lastInput);";

    @Test
    void denseBackwardSaysThatAWeightGradientIsTheTranspose() throws IOException {
        Path source = Repository.root().resolve("reference-solution/src/main/java/nnlab/Dense.java");
        String text = Files.readString(source);
        assertTrue(text.contains(RIGHT), () -> source + " no longer contains " + RIGHT + ": update this check");
        Path mutantSources = Repository.scratch("transposed-dense-sources");
        Files.createDirectories(mutantSources.resolve("nnlab"));
        Files.writeString(mutantSources.resolve("nnlab/Dense.java"), text.replace(RIGHT, TRANSPOSED));
        Path reference = Compilation.referenceClasses();
        List<Path> classPath = new ArrayList<>(List.of(reference));
        classPath.addAll(Compilation.librariesWithoutReference());
        Path mutant = Compilation.compile("transposed-dense", mutantSources, classPath);
        Path tests = Compilation.compile("public-tests-on-transposed-dense", Repository.starterTestSources(), classPath);

        List<PublicTestRun.Outcome> backward = PublicTestRun.run(tests, List.of(mutant, reference)).stream()
                .filter(o -> o.name().contains("backwardReturnsInputGradientAndStoresParameterGradients")).toList();

        assertEquals(1, backward.size(), () -> "DenseTests' backward test not found: " + backward);
        assertEquals(Status.FAILED, backward.get(0).status());
        String message = backward.get(0).failure().map(Throwable::getMessage).orElse("");
        assertTrue(message.contains("yours is the transpose of the expected matrix"), message);
    }
}
