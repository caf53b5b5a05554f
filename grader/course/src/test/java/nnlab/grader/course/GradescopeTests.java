package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import nnlab.testsupport.Trees;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the Gradescope zip (leaderboard on), unpacks it into a folder laid out like /autograder/ and runs
 * run_autograder there for a student with an extension.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradescopeTests {

    private static final int RUN_LIMIT_SECONDS = 240;
    private static final double EXACT = 1e-9;
    private static final String COURSE_DUE = "2027-02-18T23:59:00.000000-05:00";
    private static final String EXTENDED_DUE = "2027-02-20T23:59:00.000000-05:00";
    private static final java.time.ZoneId ZONE = java.time.ZoneId.of("America/New_York");

    @TempDir
    static Path dir;

    private List<String> entries;
    private Path root;
    private String log;
    private int exit;

    @BeforeAll
    void bundleAndRun() throws Exception {
        List<Path> classpath = Bundle.currentClasspath().stream()
                .filter(p -> !p.getFileName().toString().equals("test-classes")
                        && !p.getFileName().toString().matches("(surefire|common-java5).*")).toList();
        Path zip = dir.resolve("autograder.zip");
        entries = Bundle.build("ps1", classpath, zip, true);
        root = dir.resolve("autograder");
        unzip(zip, root.resolve("source"));
        Files.copy(root.resolve("source/run_autograder"), root.resolve("run_autograder"));
        Trees.copy(Course.sample("correct"), root.resolve("submission"));
        // Gradescope's due date (Feb 18) is a day before assignment.json's, and this student has an extension to
        // Feb 20: only the extension makes the submission 11 hours, 1 late day, late (Feb 18: 3 days, a zero).
        Files.writeString(root.resolve("submission_metadata.json"), "{\"id\": 4242, \"created_at\":"
                + " \"2027-02-21T10:59:00.000000-05:00\", \"assignment\": {\"due_date\": \"" + COURSE_DUE + "\","
                + " \"late_due_date\": null}, \"users\": [{\"email\": \"ada@example.invalid\", \"id\": 1, \"name\":"
                + " \"Ada\", \"sid\": \"a1\", \"assignment\": {\"due_date\": \"" + EXTENDED_DUE + "\","
                + " \"late_due_date\": null}}]}");
        ProcessBuilder b = new ProcessBuilder("bash", root.resolve("run_autograder").toString()).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile());
        b.environment().put("NNLAB_AUTOGRADER_ROOT", root.toString());
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process run = b.start();
        assertTrue(run.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS), "run_autograder hung");
        exit = run.exitValue();
        log = Files.readString(dir.resolve("run.log"));
    }

    @Nested
    class TheBundle {
        @Test
        void hasTheScriptsAtTheRootAndTheGraderJarsInLib() {
            assertTrue(entries.containsAll(List.of("setup.sh", "run_autograder", "assignment")), entries::toString);
            assertTrue(entries.stream().anyMatch(e -> e.matches("lib/nnlab-grader(-0.*)?\\.jar")), entries::toString);
            assertTrue(entries.stream().anyMatch(e -> e.matches("lib/nnlab-ps1-grader.*\\.jar")),
                    entries::toString);
            assertTrue(entries.stream().anyMatch(e -> e.matches("lib/nnlab-reference.*\\.jar")),
                    entries::toString);
        }

        @Test
        void carriesNoSourceButTheStarterFilesTheGraderSubstitutes() throws IOException {
            try (Stream<Path> walk = Files.walk(root.resolve("source/lib"))) {
                for (Path jar : walk.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
                        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                            String name = e.getName();
                            assertFalse(name.endsWith(".java") && !name.matches("nnlab-ps[0-9]+/starter/.*"),
                                    jar.getFileName() + " carries source " + name);
                        }
                    }
                }
            }
        }

        @Test
        void hasNoLeaderboardUnlessTheCourseAsksForOne() throws IOException {
            assertTrue(entries.contains(Bundle.LEADERBOARD), entries::toString);
            List<String> plain = Bundle.build("ps1", List.of(), dir.resolve("plain.zip"));
            assertFalse(plain.contains(Bundle.LEADERBOARD), plain::toString);
        }

        @Test
        void setupIsIdempotentOnAMachineThatHasEverything() throws Exception {
            Process p = new ProcessBuilder("bash", root.resolve("source/setup.sh").toString()).redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), output);
            assertFalse(output.contains("apt-get"), output);
            assertTrue(Files.isExecutable(root.resolve("source/run_autograder")));
        }
    }

    @Nested
    class RunAutograder {
        @Test
        void writesValidResultsForTheSubmission() throws IOException {
            assertEquals(0, exit, log);
            JsonNode results = ResultsDoc.read(root.resolve("results/results.json"));
            Course.assertValidResults(results, "results.json");
            assertFalse(results.at("/extra_data/grader_error").isTextual(), results::toString);
            assertEquals(100, results.get("score").asDouble(), EXACT, log);
        }

        @Test
        void leavesOnlyResultsJsonInTheResultsFolder() throws IOException {
            try (var files = Files.list(root.resolve("results"))) {
                assertEquals(List.of("results.json"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                        "Gradescope reads results.json alone; a TA report there would be one more copy of the seed");
            }
        }

        @Test
        void countsLateDaysFromTheStudentsExtendedDueDate() throws IOException {
            JsonNode late = ResultsDoc.read(root.resolve("results/results.json")).at("/extra_data/late");
            assertEquals(java.time.Instant.parse("2027-02-21T04:59:00Z").toString(), late.get("due").asText(),
                    "the extension replaces both Gradescope's and assignment.json's due date");
            assertEquals(1, late.get("late_days_used").asInt(), "11 hours after the extended due date");
            assertEquals(0, late.get("penalty_points").asDouble(), EXACT, "2 late days are allowed");
            assertTrue(ResultsDoc.read(root.resolve("results/results.json")).get("output").asText()
                    .startsWith("Submitted 2027-02-21 10:59:00 EST: 1 late day used"));
        }

        @Test
        void reportsPartFivesHeldOutAccuracyOnTheLeaderboard() throws IOException {
            JsonNode board = ResultsDoc.read(root.resolve("results/results.json")).get("leaderboard");
            assertTrue(board != null && board.size() == 3, String.valueOf(board));
            assertEquals("Mean held-out accuracy", board.get(0).get("name").asText());
            for (JsonNode entry : board) {
                assertEquals("desc", entry.get("order").asText(), entry::toString);
                assertTrue(entry.get("value").asDouble() > 0.9 && entry.get("value").asDouble() <= 1, entry::toString);
            }
        }
    }

    @Nested
    class TheMetadata {
        @Test
        void theAssignmentsDueDateAppliesWhenNoStudentHasAnExtension() throws IOException {
            SubmissionTimes.Gradescope g = metadata("{\"created_at\": \"2027-02-21T10:59:00-05:00\", \"assignment\":"
                    + " {\"due_date\": \"" + COURSE_DUE + "\"}, \"users\": [{\"sid\": \"a1\"}]}");
            assertEquals(java.time.OffsetDateTime.parse(COURSE_DUE).toInstant(), g.due());
            assertEquals("a1", g.sid());
        }

        @Test
        void aGroupGetsItsMostGenerousMembersExtension() throws IOException {
            SubmissionTimes.Gradescope g = metadata("{\"created_at\": \"2027-02-21T10:59:00-05:00\", \"assignment\":"
                    + " {\"due_date\": \"" + COURSE_DUE + "\"}, \"users\": [{\"assignment\": {\"due_date\": \""
                    + EXTENDED_DUE + "\"}}, {\"assignment\": {\"due_date\": \"2027-02-19T23:59:00-05:00\"}}]}");
            assertEquals(java.time.OffsetDateTime.parse(EXTENDED_DUE).toInstant(), g.due());
        }

        @Test
        void noDueDateLeavesAssignmentJsonsInPlace() throws IOException {
            assertEquals(null, metadata("{\"created_at\": \"2027-02-21T10:59:00-05:00\", \"users\": []}").due());
        }

        private SubmissionTimes.Gradescope metadata(String json) throws IOException {
            Path file = dir.resolve("metadata-" + System.nanoTime() + ".json");
            Files.writeString(file, json);
            return SubmissionTimes.fromGradescope(file, ZONE);
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), e.getName());
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
    }
}
