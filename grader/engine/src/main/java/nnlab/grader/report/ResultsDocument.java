package nnlab.grader.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import nnlab.grader.Reader;

/**
 * A Gradescope {@code results.json} as the grader writes it and every reader reads it: the one typed model of the
 * document (Jackson-bound), and the one place that sums the maximum score and rounds points. Only the engine builds
 * one (its grader's builder is private to it); every other program reads one with {@link #read} once and passes the
 * document on: the file is the interface between processes only. Field names, and their
 * order where Gradescope and GitHub Classroom read them, are those of {@code results.schema.json}; a test holds the
 * two together.
 *
 * @param score            the total points earned, after any late penalty
 * @param executionTime    seconds the grading took
 * @param output           the top-level text (score line, notes, late days)
 * @param visibility       Gradescope's visibility of the whole result: always {@value #SHOWN}
 * @param stdoutVisibility Gradescope's visibility of the autograder's own output: always {@value #NOT_SHOWN}
 * @param extraData        what Gradescope keeps without showing it: seed, versions, isolation, parts, …
 * @param tests            the tests, in report order
 * @param leaderboard      Gradescope's leaderboard quantities; empty unless the course enables the leaderboard
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResultsDocument(
        @JsonInclude(JsonInclude.Include.ALWAYS) double score,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("execution_time") double executionTime,
        @JsonInclude(JsonInclude.Include.ALWAYS) String output,
        String visibility,
        @JsonProperty("stdout_visibility") String stdoutVisibility,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("extra_data") RunData extraData,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<TestResult> tests,
        List<LeaderboardEntry> leaderboard) {

    /** Gradescope's visibility of the whole result: shown to the student. */
    public static final String SHOWN = "visible";
    /** Gradescope's visibility of the autograder's own standard output: never shown to the student. */
    public static final String NOT_SHOWN = "hidden";
    /** Points are reported to hundredths. */
    private static final double HUNDREDTHS = 100;
    /** The one field a results document cannot do without. */
    private static final String TESTS = "tests";

    /** Reads and writes the model; pretty-printed, unknown top-level fields ignored on reading. */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One leaderboard quantity, as Gradescope reads it.
     *
     * @param name  what is ranked
     * @param value the submission's value
     * @param order "desc" ranks the higher value first, "asc" the lower
     */
    public record LeaderboardEntry(String name, double value, String order) {
        /** Gradescope's order that ranks the higher value first. */
        public static final String HIGHER_FIRST = "desc";
        /** Gradescope's order that ranks the lower value first. */
        public static final String LOWER_FIRST = "asc";

        /** Returns whether a higher value ranks first. */
        public boolean higherFirst() {
            return !LOWER_FIRST.equals(order);
        }
    }

    /** Fills what a document written without it lacks: no text, no data, no tests. */
    public ResultsDocument {
        output = output == null ? "" : output;
        visibility = visibility == null ? SHOWN : visibility;
        stdoutVisibility = stdoutVisibility == null ? NOT_SHOWN : stdoutVisibility;
        extraData = extraData == null ? RunData.NONE : extraData;
        tests = tests == null ? List.of() : List.copyOf(tests);
        leaderboard = leaderboard == null ? List.of() : List.copyOf(leaderboard);
    }

    /** Returns a document with no test, e.g. for a grader process that left none. */
    public static ResultsDocument of(double executionTime, String output, RunData extraData) {
        return new ResultsDocument(0, round(executionTime), output, SHOWN, NOT_SHOWN, extraData, List.of(), List.of());
    }

    /** Returns the total of the tests' maximum scores, rounded as reported. */
    public double maxScore() {
        return round(tests.stream().mapToDouble(TestResult::maxScore).sum());
    }

    /** Returns whether the grader could not grade the submission: it refused it or failed itself. */
    @JsonIgnore
    public boolean isError() {
        return extraData.graderError() != null || extraData.refused() != null;
    }

    /**
     * Returns the student reader at {@code now}: after-due-date tests show from the moment recorded as when they may
     * show (the due date plus the allowed late days), or from the due date when only that is recorded. Results with
     * neither, or with one that cannot be read, count as before, which shows less.
     */
    public Reader studentAt(Instant now) {
        Instant release = RunData.instant(extraData.afterDueDateRelease());
        return Reader.student(release != null && !now.isBefore(release));
    }

    /**
     * Returns the plain terminal summary, for staff: one line per test (number, status, points, title) and the total;
     * what a report module's summary replaces.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (TestResult t : tests) {
            sb.append(String.format(Locale.ROOT, "%-6s %-7s %6.2f / %-6.2f %s%n", t.number(), t.status().json(),
                    t.score(), t.maxScore(), t.title()));
        }
        sb.append(String.format(Locale.ROOT, "Total: %.2f / %.2f%n", score, maxScore()));
        return sb.toString();
    }

    /** Returns this document with the total score {@code points}. */
    public ResultsDocument withScore(double points) {
        return new ResultsDocument(points, executionTime, output, visibility, stdoutVisibility, extraData, tests,
                leaderboard);
    }

    /** Returns this document with the top-level text {@code text}. */
    public ResultsDocument withOutput(String text) {
        return new ResultsDocument(score, executionTime, text, visibility, stdoutVisibility, extraData, tests,
                leaderboard);
    }

    /** Returns this document with the extra data {@code data}. */
    public ResultsDocument withExtraData(RunData data) {
        return new ResultsDocument(score, executionTime, output, visibility, stdoutVisibility, data, tests,
                leaderboard);
    }

    /** Returns this document with the leaderboard {@code entries}. */
    public ResultsDocument withLeaderboard(List<LeaderboardEntry> entries) {
        return new ResultsDocument(score, executionTime, output, visibility, stdoutVisibility, extraData, tests,
                entries);
    }

    /** Rounds points to hundredths, as reported: the one rounding of points every reader and writer uses. */
    public static double round(double points) {
        return Math.round(points * HUNDREDTHS) / HUNDREDTHS;
    }

    /**
     * Reads a results file; a missing file, or one that is not a JSON object with a {@code tests} array, fails with an
     * {@link IOException} that says which file and what is wrong with it.
     */
    public static ResultsDocument read(Path file) throws IOException {
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject() || !tree.path(TESTS).isArray()) {
            throw new IOException(file + " is not a grader results file: it needs a \"" + TESTS + "\" array");
        }
        try {
            return JSON.treeToValue(tree, ResultsDocument.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not a grader results file: " + e.getOriginalMessage(), e);
        }
    }

    /** Returns a parsed document as the model; fails with an IllegalArgumentException that says what is wrong. */
    public static ResultsDocument of(JsonNode tree) {
        try {
            return JSON.treeToValue(tree, ResultsDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a grader results document: " + e.getOriginalMessage(), e);
        }
    }

    /** Returns the document as JSON text, as written. */
    public byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the results model could not be written as JSON", e);
        }
    }

    /** Returns the document as a JSON tree, as written. */
    public JsonNode toTree() {
        return JSON.valueToTree(this);
    }

    /** Writes the document to {@code file} atomically: readers see the old file or the complete new one. */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, toBytes());
    }
}
