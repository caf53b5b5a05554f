package nnlab.testsupport;

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

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;
import nnlab.grader.run.Grader;

/** Grading in a plug-in's tests, any assignment: results written and held to the schema, then looked up by test. */
public final class GradedResults {

    /** Scores that differ by less than this are equal. */
    private static final double SCORE_TOLERANCE = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = loadSchema();

    private GradedResults() {
    }

    /** Grades {@code submission} with {@code grader}, writes the results into {@code out}, validates and returns them. */
    public static ResultsDocument grade(Grader grader, Path submission, Grader.Options options, Path out) {
        ResultsDocument results = grader.grade(submission, options);
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
    public static void assertValid(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            Set<ValidationMessage> errors = SCHEMA.validate(node);
            assertTrue(errors.isEmpty(), () -> file + " violates the results schema: " + errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns each test's score by number. */
    public static Map<String, Double> scores(ResultsDocument results) {
        return results.tests().stream().collect(Collectors.toMap(TestResult::number, TestResult::score));
    }

    /** Returns the test numbered {@code number}. */
    public static TestResult test(ResultsDocument results, String number) {
        return results.tests().stream().filter(t -> t.number().equals(number)).findFirst()
                .orElseThrow(() -> new AssertionError("no test " + number));
    }

    /** Asserts that every test whose number starts with {@code prefix} earned full marks. */
    public static void assertFull(ResultsDocument results, String prefix) {
        for (TestResult t : results.tests()) {
            if (t.number().startsWith(prefix)) {
                assertEquals(t.maxScore(), t.score(), SCORE_TOLERANCE,
                        () -> "test " + t.number() + " lost points: " + t.details());
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
