package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nnlab.grader.authoring.MutantCatalogue;
import nnlab.grader.run.Grader;

/**
 * Grading is a function of the submission and the seed: repeated runs give the same results.json apart from timings.
 * Two runs in the build; {@code -Dnnlab.determinism.runs=10} for the note's ten.
 */
@Tag("slow")
class DeterminismTests {

    private static final int RUNS = Integer.getInteger("nnlab.determinism.runs", 2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSubmissionWithMistakesGradesIdenticallyEveryRunWithAFixedSeed(@TempDir Path tmp) throws IOException {
        MutantCatalogue.Mutant slide = Mutants.catalogue().stream().filter(m -> m.id().equals("dense-dx-without-weights"))
                .findFirst().orElseThrow();
        Path submission = Mutants.apply(slide, tmp.resolve("submission"));
        Grader.Options options = Grader.Options.defaults().withSeed(Grading.SEED);
        JsonNode first = null;
        for (int run = 0; run < RUNS; run++) {
            Path out = Files.createDirectories(tmp.resolve("run" + run));
            Grading.grade(submission, options, out);
            JsonNode json = withoutTimings(JSON.readTree(out.resolve("results.json").toFile()));
            if (first == null) {
                first = json;
            } else {
                assertEquals(first, json, "run " + (run + 1) + " differs from run 1");
            }
        }
    }

    /**
     * Drops what measures the machine rather than the submission: execution_time, extra_data.timings_ms, extra_data.load
     * (load average, processor time used) and each test's duration_ms.
     */
    static JsonNode withoutTimings(JsonNode results) {
        ObjectNode root = (ObjectNode) results;
        root.remove("execution_time");
        ((ObjectNode) root.get("extra_data")).remove(List.of("timings_ms", "load"));
        for (JsonNode test : root.get("tests")) {
            JsonNode extra = test.get("extra_data");
            if (extra instanceof ObjectNode o) {
                o.remove("duration_ms");
            }
        }
        return root;
    }
}
