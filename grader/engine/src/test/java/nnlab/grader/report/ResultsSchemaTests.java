package nnlab.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import nnlab.grader.Disclosure;
import nnlab.grader.Score;
import nnlab.grader.TestStatus;
import nnlab.grader.Visibility;

/** results.schema.json and the typed model describe the same document. */
class ResultsSchemaTests {

    private static final String SCHEMA = "/nnlab/grader/report/results.schema.json";

    private static JsonNode schemaTree() throws IOException {
        try (InputStream in = ResultsSchemaTests.class.getResourceAsStream(SCHEMA)) {
            return ResultsDocument.JSON.readTree(in);
        }
    }

    private static Set<ValidationMessage> validate(JsonNode document) throws IOException {
        try (InputStream in = ResultsSchemaTests.class.getResourceAsStream(SCHEMA)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            return schema.validate(document);
        }
    }

    /** A document with every field the engine and the course tooling write filled in. */
    static ResultsDocument everything() {
        RunData run = new RunData.Builder().run(7, "1.0", "JDK 17", "ps1").timing("compile", 12).timing("total", 34)
                .schedule("2027-02-14T23:59:00-05:00", "2027-02-17T23:59:00-05:00")
                .assignment(List.of(new RunData.Part("p1", "Perceptron", 10, List.of("1.1", "1.2"))),
                        new RunData.Cases("2027a", "0123456789abcdef"))
                .isolation(new RunData.Isolation("bubblewrap", List.of("timeout", "bubblewrap"), List.of()))
                .compilation(new RunData.Compilation(List.of("A.java:1: error"), List.of("A.java"), List.of(),
                        List.of(), true))
                .submissionJvmStarts(3)
                .load(new RunData.Load(2, 0.5, 12.0, 11.5, 80.0, 4200L, 1800L, 2500L, 900L,
                        List.of(new RunData.Retry("5.2.1", "a call waited 250 s", true))))
                .refused("no sources").graderError("boom").build();
        Disclosure teaching = Disclosure.teaching(Visibility.HIDDEN);
        String details = "1 of 2 cases passed.\n- case 2: 0.25";
        String diagnosis = "1 of 2 cases passed.";
        String shown = teaching.outcomeText(TestStatus.FAILED, details, diagnosis);
        TestResult failed = new TestResult("1.1 Predictions", "1.1", 2, 4, TestStatus.FAILED, shown, "visible",
                TestData.of(5L, new TestData.Probes(2, 1, false, List.of("probe 1: off"), List.of()), teaching,
                        List.of(new Score.Mistake("HALVED", "halved.")), diagnosis, details, shown,
                        Map.of(TestData.LOSS_HISTORY, new double[] {1, 0.5})));
        TestResult passed = new TestResult("1.2 Visible", "1.2", 1, 1, TestStatus.PASSED, "Passed.", "visible",
                TestData.of(null, null, Disclosure.VISIBLE, List.of(), "", "Passed.", "Passed.", Map.of()));
        ResultsDocument document = new ResultsDocument(3, 0, "", ResultsDocument.SHOWN, ResultsDocument.NOT_SHOWN, run,
                List.of(failed, passed), List.of());
        RunData.Late late = new RunData.Late("2027-02-15T10:00:00Z", "2027-02-15T04:59:00Z", "America/New_York", 1, 0,
                0, 1, 10, 0.5, 3, "no submission accepted", "Submitted late.\n");
        RunData.Batch batch = new RunData.Batch("s01", SubmissionStatus.GRADED, "why", 0, List.of("killed"), 1.5,
                new RunData.Student("Ada", "a1", "sis", "login", "A"), null);
        return document.withExtraData(document.extraData().withLate(late).withBatch(batch))
                .withLeaderboard(List.of(new ResultsDocument.LeaderboardEntry("Mean accuracy", 0.9,
                        ResultsDocument.LeaderboardEntry.HIGHER_FIRST)));
    }

    @Nested
    class Documents {
        @Test
        void aDocumentWithEveryFieldIsValid() throws IOException {
            Set<ValidationMessage> errors = validate(everything().toTree());
            assertTrue(errors.isEmpty(), errors::toString);
        }

        @Test
        void theSchemaRejectsAFieldTheModelDoesNotWrite() throws IOException {
            ObjectNode tree = (ObjectNode) everything().toTree();
            ((ObjectNode) tree.path("tests").get(0)).put("points", 1);
            assertFalse(validate(tree).isEmpty(), "tests allow no field beyond Gradescope's");
        }

        @Test
        void aWrittenDocumentReadsBackAsItWasWritten() {
            ResultsDocument document = everything();
            assertEquals(document, ResultsDocument.of(document.toTree()));
        }

        @Test
        void theTopLevelFieldsKeepGradescopesOrder() {
            List<String> names = new ArrayList<>();
            everything().toTree().fieldNames().forEachRemaining(names::add);
            assertEquals(List.of("score", "execution_time", "output", "visibility", "stdout_visibility", "extra_data",
                    "tests", "leaderboard"), names);
        }

        @Test
        void theMaximumIsTheRoundedSumOfTheTests() {
            assertEquals(5.0, everything().maxScore());
            assertEquals(3.33, ResultsDocument.round(10.0 / 3));
        }
    }

    @Nested
    class Names {
        @Test
        void testStatusesAreWrittenWithGradescopesNames() {
            JsonNode tests = everything().toTree().path("tests");
            assertEquals("failed", tests.get(0).path("status").asText());
            assertEquals("passed", tests.get(1).path("status").asText());
            assertEquals(List.of("passed", "failed"),
                    java.util.Arrays.stream(TestStatus.values()).map(TestStatus::json).toList());
        }

        @Test
        void submissionStatusesAreWrittenWithTheBatchsNames() {
            assertEquals(List.of("graded", "not_gradable", "grader_error", "no_submission"),
                    java.util.Arrays.stream(SubmissionStatus.values()).map(SubmissionStatus::json).toList());
            assertEquals("graded", everything().toTree().path("extra_data").path("batch").path("status").asText());
        }

        @Test
        void theOutcomesVisibilityIsTheEntrysVisibilityField() {
            JsonNode entry = everything().toTree().path("tests").get(0);
            assertEquals("visible", entry.path("visibility").asText());
            assertFalse(entry.has("outcome_visibility") || entry.has("outcomeVisibility"), entry::toString);
            assertEquals("hidden", entry.path("extra_data").path("disclosure").path("details").asText());
        }

        @Test
        void aStatusNoGraderWritesIsNotAResultsFile(@TempDir Path tmp) throws IOException {
            ObjectNode tree = (ObjectNode) everything().toTree();
            ((ObjectNode) tree.path("tests").get(0)).put("status", "refused");
            Path file = tmp.resolve("results.json");
            Files.write(file, ResultsDocument.JSON.writeValueAsBytes(tree));
            IOException e = assertThrows(IOException.class, () -> ResultsDocument.read(file));
            assertTrue(e.getMessage().contains("unknown test status 'refused'"), e.getMessage());
        }
    }

    @Nested
    class Coverage {
        @Test
        void everyFieldOfTheModelIsInTheSchema() throws IOException {
            List<String> missing = new ArrayList<>();
            covered(ResultsDocument.class, schemaTree(), "", missing);
            assertEquals(List.of(), missing, "fields of the model that results.schema.json does not describe");
        }

        @Test
        void everyPropertyOfTheSchemaIsInTheModel() throws IOException {
            List<String> extra = new ArrayList<>();
            described(ResultsDocument.class, schemaTree(), "", extra);
            assertEquals(List.of(), extra, "properties of results.schema.json that the model does not know");
        }
    }

    /** Collects, under {@code path}, each field of {@code type} that {@code schema} does not describe. */
    private static void covered(Class<?> type, JsonNode schema, String path, List<String> missing) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getAccessor().isAnnotationPresent(JsonAnyGetter.class)) {
                continue;
            }
            String name = jsonName(c);
            JsonNode property = schema.path("properties").path(name);
            if (property.isMissingNode()) {
                missing.add(path + name);
                continue;
            }
            Class<?> nested = modelType(c.getGenericType());
            if (nested != null) {
                covered(nested, property.has("items") ? property.path("items") : property, path + name + ".", missing);
            }
        }
    }

    /** Collects, under {@code path}, each property of {@code schema} that {@code type} has no field for. */
    private static void described(Class<?> type, JsonNode schema, String path, List<String> extra) {
        Map<String, RecordComponent> byName = new java.util.HashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            byName.put(jsonName(c), c);
        }
        schema.path("properties").fieldNames().forEachRemaining(name -> {
            RecordComponent c = byName.get(name);
            if (c == null) {
                extra.add(path + name);
                return;
            }
            Class<?> nested = modelType(c.getGenericType());
            JsonNode property = schema.path("properties").path(name);
            if (nested != null) {
                described(nested, property.has("items") ? property.path("items") : property, path + name + ".", extra);
            }
        });
    }

    private static String jsonName(RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        if (p == null) {
            p = c.getAnnotation(JsonProperty.class);
        }
        return p != null && !p.value().isEmpty() ? p.value() : c.getName();
    }

    /** Returns the record a field holds (itself or as list items), or null for a plain value. */
    private static Class<?> modelType(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            type = p.getActualTypeArguments()[0];
        }
        return type instanceof Class<?> c && c.isRecord() ? c : null;
    }
}
