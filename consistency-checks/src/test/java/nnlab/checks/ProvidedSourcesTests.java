package nnlab.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Provided sources that have no student part and no backend are the same file in the starter and the reference, so
 * a fix to one cannot silently miss the other.
 */
@DisplayName("Provided sources shared by starter and reference")
class ProvidedSourcesTests {

    /** Paths under src/main/java that both projects hold verbatim (Matrix differs: the reference uses nnlab.backend). */
    private static final List<String> SHARED = List.of(
            "nnlab/Dataset.java",
            "nnlab/Optimizer.java",
            "nnlab/OptimizerChecks.java",
            "nnlab/demo/Recipes.java",
            "nnlab/demo/TrainingDemo.java");

    @Test
    void sharedProvidedFilesAreByteIdentical() throws IOException {
        Path reference = Repository.root().resolve("reference-solution/src/main/java");
        Path starter = Repository.starterMainSources();
        List<String> problems = new ArrayList<>();
        for (String file : SHARED) {
            Path ours = reference.resolve(file);
            Path theirs = starter.resolve(file);
            if (!Files.exists(ours) || !Files.exists(theirs)) {
                problems.add(file + " is missing from " + (Files.exists(ours) ? "starter-code" : "reference-solution"));
            } else if (Files.mismatch(ours, theirs) != -1) {
                problems.add(file + " differs: edit it in reference-solution and copy it to starter-code (or back)");
            }
        }
        assertThat("Provided files out of step:\n  " + String.join("\n  ", problems) + "\n", problems, empty());
    }
}
