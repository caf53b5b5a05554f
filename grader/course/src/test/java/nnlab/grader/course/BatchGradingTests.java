package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import nnlab.grader.report.SubmissionStatus;
import nnlab.grader.report.html.BatchFolder;
import nnlab.grader.course.SubmissionBatch.Kind;

/**
 * Runs {@code grade-all} as a real process on a small mixed batch, kills it with SIGKILL once a few results are
 * final, runs it again, and checks the results, the gradebooks and the JUnit reports.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchGradingTests {

    private static final List<Kind> KINDS = List.of(Kind.CORRECT_ZIP, Kind.BUGGY_RELU_KINK, Kind.ONE_FILE_DOES_NOT_COMPILE,
            Kind.EMPTY_FOLDER, Kind.NOT_A_ZIP, Kind.HOSTILE_FAKE_PROTOCOL);
    private static final int FINAL_BEFORE_KILL = 2;
    private static final Duration BATCH_LIMIT = Duration.ofMinutes(4);
    /** Long enough for the watchdog to notice, far shorter than grading any code submission. */
    private static final Duration ORPHAN_LIMIT = Duration.ofSeconds(3);
    private static final Duration GRADER_SETTLED = Duration.ofSeconds(2);
    /** Submissions with code to run: grading each takes several seconds. */
    private static final List<String> SLOW = List.of("s01", "s02", "s03", "s06");
    private static final double EXACT = 1e-9;

    @TempDir
    static Path dir;

    private Path out;
    private Map<String, byte[]> finalBeforeKill;
    private List<ProcessHandle> gradersAtKill;
    private List<String> survivors;
    private int rerunExit;

    private List<String> batchArgs() {
        return List.of("grade-all", "--assignment", "ps1", "--submissions", dir.resolve("subs").toString(), "--out",
                out.toString(), "--jobs", "2", "--seed", Long.toString(Course.SEED), "--roster",
                dir.resolve("roster.csv").toString(), "--timestamps", dir.resolve("times.csv").toString());
    }

    private Process start(String log) throws IOException {
        return new ProcessBuilder(Course.course(batchArgs().toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    }

    @BeforeAll
    void gradeKillAndRegrade() throws Exception {
        out = dir.resolve("out");
        SubmissionBatch.generate(Course.repository(), dir.resolve("subs"), KINDS);
        Files.writeString(dir.resolve("roster.csv"), "Student,ID,SIS User ID,SIS Login ID,Section\r\n"
                + "\"Lovelace, Ada\",1001,A1,s01,Morning\r\nBabbage Charles,1002,B2,s02,Morning\r\n"
                + "Hopper Grace,1003,C3,s03,Evening\r\nZed Nobody,1099,Z9,zed,Evening\r\n");
        Files.writeString(dir.resolve("times.csv"), "submission,submitted_at\n"
                + "s01,2027-02-19 20:00\ns02,2027-02-22 23:00\ns03,2027-02-20T10:00:00-05:00\ns04,2027-02-19 09:00\n"
                + "s05,2027-02-19 09:00\ns06,2027-02-19 09:00\n");
        Process batch = start("batch1.log");
        long deadline = System.nanoTime() + BATCH_LIMIT.toNanos();
        while ((finals().size() < FINAL_BEFORE_KILL || !gradingUnderWay(batch)) && batch.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(batch.isAlive(), "the batch finished before it could be killed: " + Files.readString(dir.resolve("batch1.log")));
        gradersAtKill = batch.descendants().toList();
        batch.destroyForcibly().waitFor();
        finalBeforeKill = finals();
        long orphanDeadline = System.nanoTime() + ORPHAN_LIMIT.toNanos();
        while (gradersAtKill.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < orphanDeadline) {
            Thread.sleep(100);
        }
        survivors = gradersAtKill.stream().filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("")).toList();
        survivors.forEach(line -> ProcessHandle.of(Long.parseLong(line.split(" ")[0])).ifPresent(ProcessHandle::destroyForcibly));
        Process rerun = start("batch2.log");
        assertTrue(rerun.waitFor(BATCH_LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), "the re-run hung");
        rerunExit = rerun.exitValue();
    }

    /**
     * Whether a grader process of {@code batch} is past its start-up (a just-spawned one dies with its parent anyway)
     * and has been grading a code submission for a while, which takes far longer than {@link #ORPHAN_LIMIT}, so an
     * orphan would still be alive. The worker is the one the batch log names: a child's command line cannot tell,
     * because the kernel reports only its first few kilobytes and the class name comes after the classpath.
     */
    private boolean gradingUnderWay(Process batch) throws IOException {
        java.time.Instant settled = java.time.Instant.now().minus(GRADER_SETTLED);
        Path log = out.resolve("batch-log.jsonl");
        if (!Files.exists(log)) {
            return false;
        }
        Map<String, JsonNode> inFlight = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            JsonNode e = ResultsDoc.JSON.readTree(line);
            String name = e.path("submission").asText();
            switch (e.path("event").asText()) {
                case "started" -> inFlight.put(name, e);
                case "finished" -> inFlight.remove(name);
                default -> { }
            }
        }
        return inFlight.entrySet().stream().anyMatch(e -> SLOW.contains(e.getKey())
                && settled.isAfter(java.time.Instant.parse(e.getValue().path("time").asText()))
                && isSettledChild(batch, e.getValue().path("worker_pid").asLong(), settled));
    }

    private static boolean isSettledChild(Process batch, long pid, java.time.Instant settled) {
        return batch.children().anyMatch(p -> p.pid() == pid
                && p.info().startInstant().map(settled::isAfter).orElse(false));
    }

    private Map<String, byte[]> finals() throws IOException {
        Map<String, byte[]> found = new HashMap<>();
        Path results = out.resolve("results");
        if (!Files.isDirectory(results)) {
            return found;
        }
        try (Stream<Path> list = Files.list(results)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                    .toList()) {
                found.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return found;
    }

    private Map<String, Map<String, String>> gradebook() throws IOException {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (Map<String, String> row : Csv.read(out.resolve("gradebook.csv"))) {
            rows.put(row.get("submission").isEmpty() ? row.get("id") : row.get("submission"), row);
        }
        return rows;
    }

    @Test
    @Order(1)
    void killingTheBatchLeavesNoGraderRunning() {
        assertFalse(gradersAtKill.isEmpty(), "the batch had no grader processes when it was killed");
        assertTrue(survivors.isEmpty(), () -> "grader processes outlived the killed batch: " + survivors);
    }

    @Test
    @Order(2)
    void theRerunKeepsEveryFinalResultAndGradesNothingTwice() throws IOException {
        assertEquals(0, rerunExit, Files.readString(dir.resolve("batch2.log")));
        Map<String, byte[]> after = finals();
        finalBeforeKill.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " was graded again"));
        Map<String, Integer> finished = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("batch-log.jsonl"))) {
            JsonNode e = ResultsDoc.JSON.readTree(line);
            if (e.get("event").asText().equals("finished")) {
                finished.merge(e.get("submission").asText(), 1, Integer::sum);
            }
        }
        assertEquals(KINDS.size(), after.size(), after.keySet()::toString);
        finished.forEach((name, times) -> assertEquals(1, times, name + " finished " + times + " times"));
        assertTrue(Files.readString(dir.resolve("batch2.log")).contains((KINDS.size() - finalBeforeKill.size())
                + " submission(s) with 2 job(s); " + finalBeforeKill.size() + " already graded"));
    }

    @Test
    @Order(3)
    void everySubmissionHasOneRowAndRosterStudentsWithoutOneAreListed() throws IOException {
        Map<String, Map<String, String>> rows = gradebook();
        assertEquals(KINDS.size() + 1, rows.size(), rows.keySet()::toString);
        assertEquals("Lovelace, Ada", rows.get("s01").get("student"));
        assertEquals("A1", rows.get("s01").get("sis_user_id"));
        assertEquals(SubmissionStatus.NO_SUBMISSION.json(), rows.get("1099").get("status"));
        assertEquals("graded", rows.get("s01").get("status"));
        assertEquals(100, Double.parseDouble(rows.get("s01").get("score")), EXACT);
        assertEquals("20.00", rows.get("s01").get("part1"));
        assertEquals(SubmissionStatus.NOT_GRADABLE.json(), rows.get("s04").get("status"), "empty folder");
        assertEquals(SubmissionStatus.NOT_GRADABLE.json(), rows.get("s05").get("status"), "not a zip");
        assertTrue(rows.get("s05").get("reason").contains("not a zip"), rows.get("s05").get("reason"));
        assertEquals("graded", rows.get("s06").get("status"));
        for (Map<String, String> r : rows.values()) {
            if (!r.get("status").equals(SubmissionStatus.NO_SUBMISSION.json())) {
                assertTrue(Double.parseDouble(r.get("score")) <= 100, r::toString);
            }
        }
    }

    @Test
    @Order(4)
    void brokenCodeLosesOnlyItsPointsAndLatenessIsApplied() throws IOException {
        Map<String, Map<String, String>> rows = gradebook();
        Map<String, String> buggy = rows.get("s02");
        double raw = Double.parseDouble(buggy.get("raw_score"));
        assertTrue(raw > 0 && raw < 100, "the ReLU-kink bug costs some points, not all: " + raw);
        assertEquals("3", buggy.get("late_days"));
        assertEquals(0, Double.parseDouble(buggy.get("score")), EXACT, "past the 2 allowed days ps1 scores zero");
        Map<String, String> oneFile = rows.get("s03");
        assertEquals("1", oneFile.get("late_days"));
        assertEquals(Double.parseDouble(oneFile.get("raw_score")), Double.parseDouble(oneFile.get("score")), EXACT);
        assertEquals("20.00", oneFile.get("part1"), "Adam.java does not compile: Part 1 keeps its points");
        assertTrue(Double.parseDouble(oneFile.get("part4")) < 20, oneFile::toString);
    }

    @Test
    @Order(5)
    void theCanvasExportHasCanvasColumnsAndAZeroForMissingWork() throws IOException {
        List<Map<String, String>> canvas = Csv.read(out.resolve("gradebook-canvas.csv"));
        String column = "Problem set 1: perceptrons, backpropagation and SGD (ps1)";
        assertEquals(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", column),
                new ArrayList<>(canvas.get(0).keySet()));
        assertEquals(List.of("1001", "1002", "1003", "1099"), canvas.stream().map(r -> r.get("ID")).sorted().toList(),
                "one row per roster student: Canvas could match no other");
        assertEquals(List.of("s04", "s05", "s06"), Csv.read(out.resolve(BatchFolder.NOT_ON_ROSTER)).stream()
                .map(r -> r.get("submission")).toList(), "the submissions on no roster are listed apart");
        for (Map<String, String> row : canvas) {
            assertEquals(row.get("ID").equals("1099") ? "0.00" : row.get(column), row.get(column), row::toString);
            assertFalse(row.get(column).isEmpty(), row::toString);
        }
    }

    @Test
    @Order(6)
    void everyResultIsValidAndHasAJunitReport() throws Exception {
        for (Map.Entry<String, byte[]> e : finals().entrySet()) {
            JsonNode results = ResultsDoc.JSON.readTree(e.getValue());
            Course.assertValidResults(results, e.getKey());
            String name = e.getKey().replace(".json", "");
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(out.resolve("junit").resolve(name + ".xml").toFile());
            assertEquals(results.get("tests").size(), xml.getElementsByTagName("testcase").getLength(), name);
            long failed = 0;
            for (JsonNode t : results.get("tests")) {
                failed += t.get("status").asText().equals("passed") ? 0 : 1;
            }
            assertEquals(failed, xml.getElementsByTagName("failure").getLength(), name);
        }
    }

    @Test
    @Order(6)
    void everyResultHasAStudentAndATaReportLinkedFromTheBatchPage() throws Exception {
        String index = Files.readString(out.resolve("index.html"));
        for (String file : finals().keySet()) {
            String name = file.replace(".json", "");
            String student = Files.readString(out.resolve("reports").resolve(name + ".html"));
            String ta = Files.readString(out.resolve("reports").resolve("ta").resolve(name + ".html"));
            assertTrue(student.contains("Student's view"), name);
            assertFalse(student.contains("Seed"), name + ": the student's report must not show the seed");
            assertTrue(ta.contains("Seed: <code>" + Course.SEED + "</code>"), name);
            assertTrue(index.contains("<a href=\"reports/ta/" + name + ".html\">" + name + "</a>"), name);
        }
        assertTrue(index.contains("<td>not_gradable</td>"), "the empty folder and the non-zip are listed as such");
        String late = Files.readString(out.resolve("reports").resolve("s02.html"));
        assertTrue(late.contains("late day"), "the student's report carries the late-day line");
    }

    @Test
    @Order(7)
    void runningAgainGradesNothingAndRewritesTheSameGradebook() throws Exception {
        byte[] csv = Files.readAllBytes(out.resolve("gradebook.csv"));
        byte[] json = Files.readAllBytes(out.resolve("gradebook.json"));
        byte[] canvas = Files.readAllBytes(out.resolve("gradebook-canvas.csv"));
        Process again = start("batch3.log");
        assertEquals(0, again.waitFor());
        assertTrue(Files.readString(dir.resolve("batch3.log")).contains("Grading 0 submission(s)"));
        assertArrayEquals(csv, Files.readAllBytes(out.resolve("gradebook.csv")));
        assertArrayEquals(json, Files.readAllBytes(out.resolve("gradebook.json")));
        assertArrayEquals(canvas, Files.readAllBytes(out.resolve("gradebook-canvas.csv")));
    }
}
