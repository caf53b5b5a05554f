package nnlab.grader.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nnlab.grader.Visibility;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;
import nnlab.grader.report.TestResult;

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
    public static ObjectNode of(ResultsDocument results) {
        ObjectNode r = ResultsDoc.JSON.createObjectNode();
        double max = results.maxScore();
        double score = results.score();
        r.put("version", 1);
        r.put("status", results.isError() ? "error" : score >= max ? "pass" : "fail");
        r.put("max_score", max);
        ArrayNode tests = r.putArray("tests");
        for (TestResult t : results.tests()) {
            boolean hidden = t.disclosure().outcome() == Visibility.HIDDEN;
            ObjectNode e = tests.addObject();
            e.put("name", hidden ? "Hidden test " + t.number() : t.name());
            e.put("status", t.passed() ? "pass" : "fail");
            e.put("score", t.score());
            e.put("message", hidden ? "" : t.output());
            e.put("test_code", "");
            e.put("filename", "");
            e.put("line_no", 0);
            e.put("execution_time", "0s");
        }
        RunData.Late late = results.extraData().late();
        if (late != null && late.penalized()) {
            ObjectNode e = tests.addObject();
            e.put("name", "Late penalty");
            e.put("status", "fail");
            e.put("score", -late.penaltyPoints());
            e.put("message", late.line() == null ? "" : late.line().trim());
            e.put("test_code", "");
            e.put("filename", "");
            e.put("line_no", 0);
            e.put("execution_time", "0s");
        }
        return r;
    }

    /** Returns the base64 text of the result, as the {@code result} step output carries it. */
    public static String encode(ResultsDocument results) throws IOException {
        return Base64.getEncoder().encodeToString(ResultsDoc.JSON.writeValueAsBytes(of(results)));
    }

    /** Appends {@code result=<base64>} to a GitHub Actions output file ({@code $GITHUB_OUTPUT}). */
    public static void appendOutput(ResultsDocument results, Path githubOutput) throws IOException {
        Files.writeString(githubOutput, "result=" + encode(results) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
