package nnlab.grader.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GitHub Classroom's autograding result for one graded submission: the JSON a grader step publishes as its
 * {@code result} output, base64-encoded, which Classroom's grading reporter reads from {@code <RUNNER>_RESULTS}:
 * {@code {"version": 1, "status": "pass"|"fail"|"error", "max_score": N, "tests": [{"name", "status", "score",
 * "message", "test_code", "filename", "line_no", "execution_time"}]}}. Hidden tests keep their points but not their
 * name or feedback; a late penalty is one more entry with a negative score so the points add up.
 */
public final class ClassroomResult {

    private ClassroomResult() {
    }

    /** Returns the result document for Gradescope {@code results}. */
    public static ObjectNode of(JsonNode results) {
        ObjectNode r = ResultsDoc.JSON.createObjectNode();
        double max = ResultsDoc.maxScore(results);
        double score = results.path("score").asDouble();
        JsonNode extra = results.path("extra_data");
        r.put("version", 1);
        r.put("status", extra.has("grader_error") || extra.has("refused") ? "error" : score >= max ? "pass" : "fail");
        r.put("max_score", max);
        ArrayNode tests = r.putArray("tests");
        for (JsonNode t : results.path("tests")) {
            boolean hidden = "hidden".equals(t.path("visibility").asText());
            ObjectNode e = tests.addObject();
            e.put("name", hidden ? "Hidden test " + t.path("number").asText() : t.path("name").asText());
            e.put("status", "passed".equals(t.path("status").asText()) ? "pass" : "fail");
            e.put("score", t.path("score").asDouble());
            e.put("message", hidden ? "" : t.path("output").asText());
            e.put("test_code", "");
            e.put("filename", "");
            e.put("line_no", 0);
            e.put("execution_time", "0s");
        }
        JsonNode late = extra.path("late");
        if (late.path("penalty_points").asDouble() > 0) {
            ObjectNode e = tests.addObject();
            e.put("name", "Late penalty");
            e.put("status", "fail");
            e.put("score", -late.path("penalty_points").asDouble());
            e.put("message", late.path("line").asText().trim());
            e.put("test_code", "");
            e.put("filename", "");
            e.put("line_no", 0);
            e.put("execution_time", "0s");
        }
        return r;
    }

    /** Returns the base64 text of the result, as the {@code result} step output carries it. */
    public static String encode(JsonNode results) throws IOException {
        return Base64.getEncoder().encodeToString(ResultsDoc.JSON.writeValueAsBytes(of(results)));
    }

    /** Appends {@code result=<base64>} to a GitHub Actions output file ({@code $GITHUB_OUTPUT}). */
    public static void appendOutput(JsonNode results, Path githubOutput) throws IOException {
        Files.writeString(githubOutput, "result=" + encode(results) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
