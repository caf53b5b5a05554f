package nnlab.ps2.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import nnlab.testsupport.Trees;

/** Test support: the repository's folders, grading with a fixed seed, and schema validation of every result. */
final class Grading {

    static final long SEED = 20260326L;
    static final Path REPOSITORY = Path.of(System.getProperty("nnlab.repository", "../../..")).toAbsolutePath().normalize();
    static final Path STARTER = REPOSITORY.resolve("assignments/ps2/starter");
    static final Grader GRADER = new Grader(new Ps2Assignment());
    private static Path correct;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = loadSchema();

    private Grading() {
    }

    /**
     * Returns the correct sample, written once per test JVM by the authoring tool from the reference's markers (the
     * reference's student files with every ps2 task solved), into a temporary folder deleted at exit.
     */
    static synchronized Path correct() {
        if (correct == null) {
            try {
                Path folder = Files.createTempDirectory("nnlab-ps2-correct");
                correct = Samples.write(REPOSITORY, "ps2", Samples.CORRECT, folder);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Trees.delete(folder)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return correct;
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
