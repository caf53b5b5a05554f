package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import nnlab.grader.authoring.Samples;
import nnlab.grader.report.Results;
import nnlab.grader.run.Grader;

/** Test support: the repository's folders, grading with a fixed seed, and schema validation of every result. */
final class Grading {

    static final long SEED = 20260219L;
    static final Path REPOSITORY = Path.of(System.getProperty("nnlab.repository", "../../..")).toAbsolutePath().normalize();
    static final Path CORRECT = sample(Samples.CORRECT);
    static final Path LOOPS = sample("loops");
    static final Path BUGGY = sample("buggy");
    static final Path STARTER = REPOSITORY.resolve("starter-code");
    static final Grader GRADER = new Grader(new Ps1Assignment());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = loadSchema();

    private Grading() {
    }

    /** Writes the sample submission {@code name} (the reference's student files, patched) afresh under target/. */
    private static Path sample(String name) {
        try {
            return Samples.writeFresh(REPOSITORY, "ps1", name, Path.of("target", "samples").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Grades {@code submission}, writes the results into {@code out}, validates them and returns them. */
    static Results grade(Path submission, Grader.Options options, Path out) {
        Results results = GRADER.grade(submission, options);
        Path file = out.resolve("results.json");
        try {
            results.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertValid(file);
        return results;
    }

    /** Fails unless {@code file} is valid against the results schema. */
    static void assertValid(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            Set<ValidationMessage> errors = SCHEMA.validate(node);
            assertTrue(errors.isEmpty(), () -> file + " violates the results schema: " + errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns each test's score by number. */
    static Map<String, Double> scores(Results results) {
        return results.tests().stream().collect(Collectors.toMap(Results.Test::number, Results.Test::score));
    }

    /** Returns the test numbered {@code number}. */
    static Results.Test test(Results results, String number) {
        return results.tests().stream().filter(t -> t.number().equals(number)).findFirst()
                .orElseThrow(() -> new AssertionError("no test " + number));
    }

    /** Asserts that every test whose number starts with {@code prefix} earned full marks. */
    static void assertFull(Results results, String prefix) {
        for (Results.Test t : results.tests()) {
            if (t.number().startsWith(prefix)) {
                assertEquals(t.maxScore(), t.score(), 1e-9, () -> "test " + t.number() + " lost points: " + t.output());
            }
        }
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = Grader.class.getResourceAsStream("/nnlab/grader/report/results.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
