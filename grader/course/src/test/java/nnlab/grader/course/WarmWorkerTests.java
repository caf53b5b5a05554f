package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import nnlab.grader.report.SubmissionStatus;
import nnlab.grader.course.SubmissionBatch.Kind;
import nnlab.grader.runtime.FileTrees;

/**
 * Batches graded by warm worker processes: the same submissions graded by a batch and each alone in its own grader
 * process, with the same run seed, score the same in every test; and a batch whose workers are killed with SIGKILL
 * from outside while they grade completes, losing no result, with a submission that two workers died on recorded as
 * a grader error that names the causes.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarmWorkerTests {

    private static final List<Kind> KINDS = List.of(Kind.CORRECT_ZIP, Kind.BUGGY_RELU_KINK, Kind.ONE_FILE_DOES_NOT_COMPILE);
    /** The submission whose worker is killed once, and the one whose every worker is killed. */
    private static final String KILLED_ONCE = "s02";
    private static final String KILLED_ALWAYS = "s03";
    /** How long a worker grades before it is killed: past its start-up, well inside grading a code submission. */
    private static final long KILL_AFTER_MILLIS = 1500;
    private static final long BATCH_LIMIT_MINUTES = 6;
    private static final double EXACT = 1e-9;

    private Path dir;
    private Path subs;
    private Map<String, JsonNode> batch;
    private List<JsonNode> batchLog;
    private Map<String, JsonNode> alone;
    private Map<String, JsonNode> killed;
    private List<JsonNode> killedLog;

    @BeforeAll
    void gradeAsABatchAloneAndWithKilledWorkers() throws Exception {
        dir = Files.createTempDirectory("nnlab-warm");
        subs = dir.resolve("subs");
        SubmissionBatch.generate(Course.repository(), subs, KINDS);
        batch = results(runBatch(dir.resolve("batch")));
        batchLog = log(dir.resolve("batch"));
        alone = new LinkedHashMap<>();
        for (BatchGrader.Submission s : BatchGrader.list(subs)) {
            Path out = dir.resolve("alone").resolve(s.name() + ".json");
            Files.createDirectories(out.getParent());
            Process p = new ProcessBuilder(Course.java(NnlabGrader.class, "grade", "--assignment", "ps1",
                    "--submission", s.path().toString(), "--out", out.toString(), "--seed", Long.toString(Course.SEED),
                    "--no-report")).redirectErrorStream(true).redirectOutput(dir.resolve(s.name() + ".log").toFile()).start();
            assertTrue(p.waitFor(BATCH_LIMIT_MINUTES, TimeUnit.MINUTES), "grading " + s.name() + " alone hung");
            alone.put(s.name(), ResultsDoc.read(out));
        }
        Path killedOut = dir.resolve("killed");
        ExecutorService killer = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> kills = killer.submit(() -> killWorkersOf(killedOut));
            killed = results(runBatch(killedOut));
            kills.cancel(true);
        } finally {
            killer.shutdownNow();
        }
        killedLog = log(killedOut);
    }

    private static List<JsonNode> log(Path out) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("batch-log.jsonl"))) {
            events.add(ResultsDoc.JSON.readTree(line));
        }
        return events;
    }

    @AfterAll
    void cleanUp() {
        FileTrees.deleteQuietly(dir);
    }

    private Path runBatch(Path out) throws IOException, InterruptedException {
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new BatchGrader(new BatchGrader.Options(Course.ps1(), subs, out, 1, Roster.empty(), Map.of(), true, Course.SEED,
                null, Course.java(ChildMain.class), err, false, null)).run();
        return out;
    }

    /**
     * Watches the batch log of {@code out} and kills, with SIGKILL, the worker grading {@link #KILLED_ONCE} the first
     * time and every worker grading {@link #KILLED_ALWAYS}, each {@link #KILL_AFTER_MILLIS} after it started it.
     */
    private int killWorkersOf(Path out) throws IOException, InterruptedException {
        Path log = out.resolve("batch-log.jsonl");
        Set<Long> handled = new HashSet<>();
        int kills = 0;
        while (!Thread.currentThread().isInterrupted()) {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            for (String line : lines) {
                JsonNode e = ResultsDoc.JSON.readTree(line);
                String name = e.path("submission").asText();
                boolean target = name.equals(KILLED_ALWAYS) || name.equals(KILLED_ONCE) && kills == 0;
                if (e.path("event").asText().equals("started") && target && handled.add(e.path("worker_pid").asLong())) {
                    Thread.sleep(KILL_AFTER_MILLIS);
                    ProcessHandle.of(e.path("worker_pid").asLong()).ifPresent(ProcessHandle::destroyForcibly);
                    kills++;
                }
            }
            Thread.sleep(100);
        }
        return kills;
    }

    private static Map<String, JsonNode> results(Path out) throws IOException {
        Map<String, JsonNode> found = new TreeMap<>();
        for (BatchGrader.Submission s : BatchGrader.list(out.resolve("results"))) {
            found.put(s.name(), ResultsDoc.read(s.path()));
        }
        return found;
    }

    private static Map<String, Double> scoresByTest(JsonNode results) {
        Map<String, Double> scores = new TreeMap<>();
        results.path("tests").forEach(t -> scores.put(t.path("number").asText(), t.path("score").asDouble()));
        return scores;
    }

    private static String status(JsonNode results) {
        return results.path("extra_data").path("batch").path("status").asText();
    }

    @Nested
    class ABatch {
        @Test
        void scoresEveryTestAsGradingEachSubmissionAloneWithTheSameSeed() {
            assertEquals(alone.keySet(), batch.keySet());
            alone.forEach((name, single) -> {
                assertEquals(SubmissionStatus.GRADED.json(), status(batch.get(name)), name);
                assertEquals(scoresByTest(single), scoresByTest(batch.get(name)), name);
                assertEquals(single.path("score").asDouble(), batch.get(name).path("score").asDouble(), EXACT, name);
            });
        }

        @Test
        void gradesEverySubmissionInOneWarmWorker() {
            assertEquals(alone.keySet(), batch.keySet());
            // One job: one worker process graded every submission in turn, and none died.
            Set<Long> workers = new HashSet<>();
            batchLog.stream().filter(e -> e.path("event").asText().equals("started"))
                    .forEach(e -> workers.add(e.path("worker_pid").asLong()));
            assertEquals(1, workers.size(), workers::toString);
            batch.values().forEach(r -> assertTrue(r.path("extra_data").path("batch").path("grader_deaths").isMissingNode()));
        }
    }

    @Nested
    class WhenAWorkerIsKilled {
        @Test
        void itsSubmissionIsGradedInAFreshWorkerAndScoresAsAlone() {
            JsonNode r = killed.get(KILLED_ONCE);
            assertEquals(SubmissionStatus.GRADED.json(), status(r), r.toString());
            assertEquals(scoresByTest(alone.get(KILLED_ONCE)), scoresByTest(r));
            assertEquals(1, r.path("extra_data").path("batch").path("grader_deaths").size());
        }

        @Test
        void noResultIsLostAndEverySubmissionFinishesOnce() {
            assertEquals(alone.keySet(), killed.keySet());
            Map<String, Integer> finished = new TreeMap<>();
            killedLog.stream().filter(e -> e.path("event").asText().equals("finished"))
                    .forEach(e -> finished.merge(e.path("submission").asText(), 1, Integer::sum));
            assertEquals(Map.of("s01", 1, "s02", 1, "s03", 1), finished);
            assertEquals(scoresByTest(alone.get("s01")), scoresByTest(killed.get("s01")));
        }

        @Test
        void twiceItsSubmissionIsAGraderErrorNamingTheCauses() {
            JsonNode r = killed.get(KILLED_ALWAYS);
            assertEquals(SubmissionStatus.GRADER_ERROR.json(), status(r), r.toString());
            String reason = r.path("extra_data").path("batch").path("reason").asText();
            assertTrue(reason.contains("died on this submission 2 times") && reason.contains("killed by signal 9"), reason);
            assertEquals(2, killedLog.stream().filter(e -> e.path("event").asText().equals("worker_died")
                    && e.path("submission").asText().equals(KILLED_ALWAYS)).count());
            assertTrue(r.path("output").asText().contains("not your fault"), r.path("output").asText());
        }
    }
}
