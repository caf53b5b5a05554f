package nnlab.grader.course.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nnlab.grader.cli.ExitCode;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.html.BatchFolder;
import nnlab.grader.run.Grader;

/**
 * The audit on an assignment with known answers ({@link FixtureAssignment}: |x|, one hidden test, in full and with the
 * negative inputs left out), through the command line as authors and CI run it: the weakened test lets a mutant
 * through that the full test kills, and the audit says so with its exit code; a change in dead code is set apart as
 * probably equivalent and an allow-listed survivor as equivalent; an audit killed mid-run resumes without grading a
 * mutant twice and ends with the same figures; and every mutant's fate is what grading it alone gives.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditFixtureTests {

    /** The audit's seed and the grading's run seed. */
    private static final long SEED = 5;
    /** A command that has not ended after this long has hung. */
    private static final long PROCESS_LIMIT_SECONDS = 600;
    /** How often the interrupted audit's results folder is looked at. */
    private static final long POLL_MILLIS = 20;
    /** A score this close to another is the same score. */
    private static final double SCORE_TOLERANCE = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The audits' graders: one. The fixture's one hidden test is quick, so the graders' start-up (a JVM, its compiler's
     * JVM, a cold javac) is most of an audit's work, and a second grader would pay it again for nothing these tests
     * assert; parallel batches are BatchGradingTests'.
     */
    private static final String JOBS = "1";

    private Path dir;
    private AuditFixture fixture;
    private Run full;
    private Run weakened;

    /** One finished audit: its exit code, its folder and its audit.json. */
    private record Run(int exit, Path out, JsonNode audit, String output) {
        /** Every mutant's status by id. */
        Map<String, String> statuses() {
            Map<String, String> statuses = new LinkedHashMap<>();
            audit.path("mutants").forEach(f -> statuses.put(f.path("mutant").path("id").asText(),
                    f.path("status").asText()));
            return statuses;
        }

        List<String> withStatus(String status) {
            return statuses().entrySet().stream().filter(e -> e.getValue().equals(status)).map(Map.Entry::getKey)
                    .toList();
        }

        JsonNode fate(String id) {
            for (JsonNode f : audit.path("mutants")) {
                if (f.path("mutant").path("id").asText().equals(id)) {
                    return f;
                }
            }
            throw new AssertionError("no mutant " + id + " in " + out.resolve("audit.json"));
        }
    }

    @BeforeAll
    void auditBothVariants(@TempDir Path folder) throws Exception {
        dir = folder;
        fixture = AuditFixture.create(dir.resolve("fixture"));
        full = audit("audit-full", dir.resolve("full"));
        weakened = audit("audit-weakened", dir.resolve("weakened"));
    }

    @Nested
    class AWeakenedTest {
        @Test
        void letsThroughAMutantThatTheFullTestKills() {
            assertEquals(full.statuses().keySet(), weakened.statuses().keySet(), "both variants have the same mutants");
            List<String> survivors = weakened.withStatus(AuditReport.SURVIVED);
            assertFalse(survivors.isEmpty(), () -> "the weakened test killed every mutant: " + weakened.output());
            for (String id : survivors) {
                assertEquals(AuditReport.KILLED, full.statuses().get(id), id + " survives the full test too");
                assertEquals(10.0, weakened.fate(id).path("score").asDouble(), SCORE_TOLERANCE, id);
            }
            assertTrue(weakened.output().contains(survivors.get(0)), weakened.output());
            assertEquals(survivors.size(), weakened.audit().path("totals").path("survived").asInt());
        }

        @Test
        void makesTheAuditExitWithSurvivorsAndTheFullTestDoesNot() {
            assertEquals(ExitCode.SURVIVORS.code(), weakened.exit(), weakened.output());
            assertEquals(ExitCode.OK.code(), full.exit(), full.output());
            assertEquals(0, full.audit().path("totals").path("survived").asInt(), full.output());
        }
    }

    @Nested
    class EquivalentMutants {
        @Test
        void aChangeInDeadCodeIsProbablyEquivalentAndNotGraded() {
            List<String> equivalent = full.withStatus(AuditReport.EQUIVALENT);
            assertFalse(equivalent.isEmpty(), full.output());
            for (String id : equivalent) {
                assertTrue(full.fate(id).path("mutant").path("diff").asText().contains("-            return 0;"),
                        () -> id + " is not the dead branch's change: " + full.fate(id));
                assertFalse(Files.exists(new BatchFolder(full.out()).result(id)), id + " was graded");
            }
            assertEquals(equivalent.size(), full.audit().path("totals").path("probably_equivalent").asInt());
        }

        @Test
        void anAllowListedSurvivorIsReportedEquivalentWithItsReason() {
            for (Run run : List.of(full, weakened)) {
                List<String> listed = run.withStatus(AuditReport.ALLOW_LISTED);
                assertEquals(1, listed.size(), run.output());
                JsonNode fate = run.fate(listed.get(0));
                assertTrue(fate.path("mutant").path("diff").asText().contains("+        if (x <= 0) {"),
                        fate::toString);
                assertEquals("at x = 0 it returns -0.0, which equals 0.0", fate.path("why_equivalent").asText());
                assertEquals(1, run.audit().path("totals").path("allow_listed").asInt());
            }
        }
    }

    @Nested
    class AnInterruptedAudit {
        @Test
        void resumesWithoutGradingAMutantTwiceAndEndsWithTheSameFigures() throws Exception {
            Path out = dir.resolve("interrupted");
            Process p = new ProcessBuilder(fixture.courseAudit(options("audit-full", out, "1")))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("interrupted.txt").toFile()).start();
            Path results = new BatchFolder(out).results();
            while (p.isAlive() && resultsIn(results).isEmpty()) {
                Thread.sleep(POLL_MILLIS);
            }
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            assertTrue(p.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS));
            Map<Path, FileTime> before = new LinkedHashMap<>();
            for (Path r : resultsIn(results)) {
                before.put(r, Files.getLastModifiedTime(r));
            }
            int graded = full.statuses().size() - full.withStatus(AuditReport.EQUIVALENT).size();
            assertFalse(before.isEmpty(), "no mutant was graded before the audit was killed");
            assertTrue(before.size() < graded, "the audit finished before it was killed: " + before.keySet());

            Run resumed = audit("audit-full", out);
            assertEquals(ExitCode.OK.code(), resumed.exit(), resumed.output());
            assertEquals(before.size(), resumed.audit().path("generation").path("already_graded").asInt());
            assertEquals(graded - before.size(), resumed.audit().path("generation").path("graded_now").asInt());
            for (var r : before.entrySet()) {
                assertEquals(r.getValue(), Files.getLastModifiedTime(r.getKey()), r.getKey() + " was graded again");
            }
            assertEquals(full.statuses(), resumed.statuses());
            assertEquals(full.audit().path("totals"), resumed.audit().path("totals"));
            for (String id : full.statuses().keySet()) {
                assertEquals(full.fate(id).path("score"), resumed.fate(id).path("score"), id);
            }
        }
    }

    @Nested
    class TheFigures {
        @Test
        void agreeWithGradingEachMutantAlone() {
            Grader grader = new Grader(new FixtureAssignment.Full());
            List<String> graded = new ArrayList<>(full.statuses().keySet());
            graded.removeAll(full.withStatus(AuditReport.EQUIVALENT));
            assertFalse(graded.isEmpty());
            for (String id : graded) {
                ResultsDocument alone = grader.grade(full.out().resolve(Audit.SUBMISSIONS).resolve(id),
                        Grader.Options.defaults().withSeed(SEED));
                JsonNode fate = full.fate(id);
                assertNotNull(fate.get("score"), id);
                assertEquals(alone.score(), fate.path("score").asDouble(), SCORE_TOLERANCE, id);
                boolean killed = alone.score() < alone.maxScore() - SCORE_TOLERANCE;
                assertEquals(killed, fate.path("status").asText().equals(AuditReport.KILLED), id);
            }
        }
    }

    private List<String> options(String assignment, Path out, String jobs) {
        return List.of("--assignment", assignment, "--out", out.toString(), "--seed", Long.toString(SEED),
                "--jobs", jobs);
    }

    /** Runs {@code course audit} on {@code assignment} of the fixture to the end. */
    private Run audit(String assignment, Path out) throws IOException, InterruptedException {
        Path log = Files.createDirectories(dir.resolve("logs")).resolve(out.getFileName() + ".txt");
        Process p = new ProcessBuilder(fixture.courseAudit(options(assignment, out, JOBS))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS), "the audit hung: " + log);
        String output = Files.readString(log);
        Path json = out.resolve("audit.json");
        assertTrue(Files.isRegularFile(json), () -> "no audit.json; the audit said: " + output);
        return new Run(p.exitValue(), out, JSON.readTree(json.toFile()), output);
    }

    private static List<Path> resultsIn(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(results)) {
            return list.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }
}
