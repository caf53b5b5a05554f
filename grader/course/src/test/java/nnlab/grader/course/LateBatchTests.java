package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.cli.ExitCode;
import nnlab.grader.report.SubmissionStatus;
import nnlab.grader.report.html.BatchFolder;
import nnlab.grader.cli.CommandLines;

/**
 * A batch as a TA runs it over a week: graded first without submission times, then resumed with a timestamps file
 * that misses a submission (refused, then allowed with a warning), then with every time — the late policy reaches the
 * stored results without regrading. A roster with a student who submitted nothing and a submission nobody owns.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LateBatchTests {

    private static final int RUN_LIMIT_SECONDS = 600;
    private static final double EXACT = 1e-9;
    private static final String NO_TIMES = "No --timestamps: no late policy applied";

    @TempDir
    static Path dir;

    private Path out;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private byte[] resultBeforeTimes;

    /** What one run of the course command printed and returned. */
    record Run(int exit, String out, String err) {
    }

    private Run course(String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("grade-all", "--assignment", "ps1", "--submissions",
                dir.resolve("subs").toString(), "--out", out.toString(), "--seed", Long.toString(Course.SEED),
                "--roster", dir.resolve("roster.csv").toString()));
        args.addAll(List.of(extra));
        Process p = new ProcessBuilder(Course.course(args.toArray(String[]::new)))
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
                .start();
        assertTrue(p.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS), name + " hung");
        Run r = new Run(p.exitValue(), Files.readString(dir.resolve(name + ".out")),
                Files.readString(dir.resolve(name + ".err")));
        runs.put(name, r);
        return r;
    }

    @BeforeAll
    void gradeWithoutTimesThenResumeWithThem() throws Exception {
        out = dir.resolve("out");
        SubmissionBatch.generate(Course.repository(), dir.resolve("subs"),
                List.of(SubmissionBatch.Kind.CORRECT_FOLDER, SubmissionBatch.Kind.NOT_A_ZIP));
        Files.writeString(dir.resolve("roster.csv"), "Student,ID,SIS User ID,SIS Login ID,Section\n"
                + "\"Lovelace, Ada\",1001,A1,s01,Morning\nZed Nobody,1099,Z9,zed,Evening\n");
        // s01 is 3 days late: past ps1's 2 allowed days, a zero.
        Files.writeString(dir.resolve("partial.csv"), "submission,submitted_at\ns01,2027-02-22 23:00\n");
        Files.writeString(dir.resolve("times.csv"), "submission,submitted_at\ns01,2027-02-22 23:00\n"
                + "s02,2027-02-19 12:00\n");
        course("untimed");
        resultBeforeTimes = Files.readAllBytes(new BatchFolder(out).result("s01"));
        course("gap", "--timestamps", dir.resolve("partial.csv").toString());
        course("gap-allowed", "--timestamps", dir.resolve("partial.csv").toString(), "--allow-missing-times");
        course("timed", "--timestamps", dir.resolve("times.csv").toString());
    }

    private JsonNode result(String name) throws IOException {
        return ResultsDoc.read(new BatchFolder(out).result(name));
    }

    private Map<String, Map<String, String>> gradebook() throws IOException {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (Map<String, String> row : Csv.read(out.resolve("gradebook.csv"))) {
            rows.put(row.get("submission").isEmpty() ? row.get("id") : row.get("submission"), row);
        }
        return rows;
    }

    @Nested
    class Times {
        @Test
        void aBatchWithoutTimesSaysOnceThatNoLatePolicyApplied() {
            Run r = runs.get("untimed");
            assertEquals(0, r.exit(), r::toString);
            assertEquals(1, r.err().split(NO_TIMES, -1).length - 1, r::err);
            assertFalse(runs.get("timed").err().contains(NO_TIMES));
        }

        @Test
        void aTimestampsFileWithAGapIsAUsageErrorThatChangesNothing() throws IOException {
            Run r = runs.get("gap");
            assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
            assertEquals(1, r.err().lines().count(), r::err);
            assertTrue(r.err().contains("1 submission(s) have no time") && r.err().contains("s02"), r::err);
            assertTrue(r.err().contains("--allow-missing-times"), r::err);
        }

        @Test
        void allowingTheGapWarnsAndNamesTheSubmission() {
            Run r = runs.get("gap-allowed");
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.err().contains("Warning: 1 submission(s) have no time") && r.err().contains("s02"), r::err);
        }
    }

    @Nested
    class ResumedWithTimes {
        @Test
        void theLatePolicyReachesTheStoredResultWithoutRegrading() throws IOException {
            assertTrue(runs.get("timed").err().contains("Grading 0 submission(s)"), runs.get("timed")::err);
            assertTrue(runs.get("timed").err().contains("the late policy was applied to their stored results"));
            JsonNode before = ResultsDoc.JSON.readTree(resultBeforeTimes);
            assertEquals(100, before.get("score").asDouble(), EXACT, "graded on time at first");
            JsonNode after = result("s01");
            assertEquals(0, after.get("score").asDouble(), EXACT, "3 days late: past the 2 allowed, a zero");
            assertEquals(3, after.at("/extra_data/late/late_days_used").asInt());
            assertEquals(100, after.at("/extra_data/late/raw_score").asDouble(), EXACT);
            assertEquals(before.get("tests"), after.get("tests"), "the tests were not run again");
            long finished = Files.readAllLines(out.resolve("batch-log.jsonl")).stream()
                    .filter(l -> l.contains("\"finished\"") && l.contains("\"s01\"")).count();
            assertEquals(1, finished, "s01 was graded once");
            Course.assertValidResults(after, "s01 after the late policy");
        }

        @Test
        void aLateZerosTextNeverShowsFullMarks() throws IOException {
            String output = result("s01").get("output").asText();
            assertFalse(output.contains("Score: 100.00 / 100.00"), output);
            assertTrue(output.contains("Score: 0.00 / 100.00 (100.00 before the late penalty)"), output);
            assertTrue(output.startsWith("Submitted 2027-02-22 23:00:00 EST: 3 late days used"), output);
            assertTrue(output.contains("late penalty 100.00 points (100% of the total): the score is 0."), output);
        }

        @Test
        void theGradebookAndTheBatchPageMarkTheLateZeroAsLate() throws IOException {
            Map<String, String> row = gradebook().get("s01");
            assertEquals("0.00", row.get("score"));
            assertEquals("100.00", row.get("raw_score"));
            assertEquals("3", row.get("late_days"));
            assertEquals("1", row.get("late_days_penalized"));
            String index = Files.readString(out.resolve("index.html"));
            assertTrue(index.contains("<tr class=\"late\">") && index.contains("graded — late: 3 day(s), 100 before"
                    + " the penalty"), index);
            String report = Files.readString(out.resolve("reports").resolve("s01.html"));
            assertTrue(report.contains("late day"), "the student's report carries the late-day line");
            assertFalse(report.contains("Score: 100.00 / 100.00"));
        }
    }

    @Nested
    class TheRoster {
        @Test
        void unknownSubmissionsAndMissingStudentsAreReported() {
            String err = runs.get("timed").err();
            assertTrue(err.contains("Roster: 1 submission(s) match no roster student") && err.contains(": s02"), err);
            assertTrue(err.contains("Roster: 1 student(s) have no submission (0 points, --absent): Zed Nobody (1099)"),
                    err);
        }

        @Test
        void aMissingStudentScoresZeroWithANoteAndAnUnknownSubmissionIsMarked() throws IOException {
            Map<String, Map<String, String>> rows = gradebook();
            assertEquals(SubmissionStatus.NO_SUBMISSION.json(), rows.get("1099").get("status"));
            assertEquals("0.00", rows.get("1099").get("score"));
            assertEquals(Gradebook.NO_SUBMISSION_NOTE, rows.get("1099").get("reason"));
            assertTrue(rows.get("s02").get("reason").startsWith(Gradebook.NOT_ON_ROSTER), rows.get("s02")::toString);
        }

        @Test
        void theCanvasImportHoldsOnlyRosterStudentsAndTheOthersAreListedApart() throws IOException {
            List<Map<String, String>> canvas = Csv.read(out.resolve("gradebook-canvas.csv"));
            assertEquals(List.of("1001", "1099"), canvas.stream().map(r -> r.get("ID")).sorted().toList(),
                    "one row per roster student; s02 matches nobody Canvas knows");
            List<Map<String, String>> unknown = Csv.read(out.resolve(BatchFolder.NOT_ON_ROSTER));
            assertEquals(1, unknown.size(), unknown::toString);
            assertEquals("s02", unknown.get(0).get("submission"));
            assertEquals(SubmissionStatus.NOT_GRADABLE.json(), unknown.get(0).get("status"));
        }

        @Test
        void theBatchPageAndTheSummaryShowTheRostersProblems() throws IOException {
            String index = Files.readString(out.resolve("index.html"));
            assertTrue(index.contains("<h2>Roster and gradebook</h2>"), index);
            assertTrue(index.contains("<li>Zed Nobody (1099)</li>"), index);
            assertTrue(index.contains("<ul class=\"not-on-roster\">\n<li>s02</li>"), index);
            String summary = runs.get("timed").out();
            assertTrue(summary.matches("(?s).*Roster, no submission +1\\n.*"), summary);
            assertTrue(summary.matches("(?s).*Not on the roster +1 \\(not in the Canvas import: "
                    + BatchFolder.NOT_ON_ROSTER + "\\).*"), summary);
        }

        @Test
        void withoutACanvasIdTheBatchWarnsAndSaysWhereToFindIt() throws Exception {
            String err = runs.get("timed").err();
            assertTrue(err.contains("Warning: No --canvas-id: the Canvas import's grade column is \"Problem set 1")
                    && err.contains("/assignments/"), err);
            assertTrue(Files.readString(out.resolve("index.html")).contains("<p class=\"warning\">No --canvas-id"));
            assertEquals(0, Course.runCourse("gradebook", "--assignment", "ps1", "--out", out.toString(), "--roster",
                    dir.resolve("roster.csv").toString(), "--canvas-id", "424242"));
            List<Map<String, String>> canvas = Csv.read(out.resolve("gradebook-canvas.csv"));
            assertTrue(canvas.get(0).keySet().stream().anyMatch(h -> h.endsWith(" (424242)")), canvas::toString);
            assertFalse(Files.readString(out.resolve("index.html")).contains("No --canvas-id"),
                    "the page follows the gradebook it describes");
            assertEquals(0, Course.runCourse("gradebook", "--assignment", "ps1", "--out", out.toString(), "--roster",
                    dir.resolve("roster.csv").toString()));
        }

        @Test
        void blankLeavesTheMissingStudentsCanvasCellEmpty() throws Exception {
            assertEquals(0, Course.runCourse("gradebook", "--assignment", "ps1", "--out", out.toString(), "--roster",
                    dir.resolve("roster.csv").toString(), "--absent", "blank"));
            assertEquals("", gradebook().get("1099").get("score"));
            assertEquals(0, Course.runCourse("gradebook", "--assignment", "ps1", "--out", out.toString(), "--roster",
                    dir.resolve("roster.csv").toString()));
            assertEquals("0.00", gradebook().get("1099").get("score"));
        }
    }

    @Nested
    class TheLeaderboard {
        @Test
        void theBatchPageRanksByPartFivesHeldOutAccuracy() throws IOException {
            JsonNode board = result("s01").get("leaderboard");
            assertEquals("Mean held-out accuracy", board.get(0).get("name").asText());
            String index = Files.readString(out.resolve("index.html"));
            assertTrue(index.contains("<h2>Leaderboard: Mean held-out accuracy</h2>"), index);
            assertTrue(index.contains("<tr><td class=\"num\">1</td><td>s01</td><td class=\"num\">"
                    + board.get(0).get("value").asText() + "</td></tr>"), index);
            assertFalse(result("s02").has("leaderboard"), "a refused submission trained nothing");
        }

        @Test
        void reRunningChangesNoStoredResult() throws Exception {
            byte[] before = Files.readAllBytes(new BatchFolder(out).result("s01"));
            course("again", "--timestamps", dir.resolve("times.csv").toString());
            assertArrayEquals(before, Files.readAllBytes(new BatchFolder(out).result("s01")),
                    "applying the late policy twice changes nothing");
        }
    }
}
