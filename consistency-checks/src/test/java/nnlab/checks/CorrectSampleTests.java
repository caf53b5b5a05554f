package nnlab.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bundled correct sample is the reference's student-written files, verbatim: the README's main job grades it and
 * the mutant catalogue patches it, so it must not drift from the oracle.
 */
@DisplayName("assignments/ps1/samples/correct")
class CorrectSampleTests {

    @Test
    void everySampleFileIsTheReferencesFile() throws IOException {
        Path sample = Repository.root().resolve("assignments/ps1/samples/correct/src/main/java/nnlab");
        Path reference = Repository.root().resolve("reference-solution/src/main/java/nnlab");
        List<Path> files;
        try (Stream<Path> listing = Files.list(sample)) {
            files = listing.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat("the correct sample holds no Java file", files, not(empty()));
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            Path twin = reference.resolve(file.getFileName());
            if (!Files.exists(twin) || Files.mismatch(file, twin) != -1) {
                problems.add(file.getFileName() + " differs from reference-solution's: copy the reference's file over it");
            }
        }
        assertThat("Correct sample out of step:\n  " + String.join("\n  ", problems) + "\n", problems, empty());
    }
}
