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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Builds the Gradescope zip, unpacks it into a folder laid out like /autograder/ and runs run_autograder there. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradescopeTests {

    private static final int RUN_LIMIT_SECONDS = 240;
    private static final double EXACT = 1e-9;

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
        entries = Bundle.build("ps1", classpath, zip);
        root = dir.resolve("autograder");
        unzip(zip, root.resolve("source"));
        Files.copy(root.resolve("source/run_autograder"), root.resolve("run_autograder"));
        copyTree(Course.repository().resolve("assignments/ps1/samples/correct"), root.resolve("submission"));
        Files.writeString(root.resolve("submission_metadata.json"), "{\"id\": 4242, \"created_at\":"
                + " \"2027-02-21T10:59:00.000000-05:00\", \"assignment\": {\"due_date\": \"2027-02-19T23:59:00.000000-05:00\"},"
                + " \"users\": [{\"email\": \"ada@example.invalid\", \"id\": 1, \"name\": \"Ada\", \"sid\": \"a1\"}]}");
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
                            assertFalse(name.endsWith(".java") && !name.startsWith("nnlab-ps1/starter/"),
                                    jar.getFileName() + " carries source " + name);
                        }
                    }
                }
            }
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
        void countsLateDaysFromTheSubmissionMetadata() throws IOException {
            JsonNode late = ResultsDoc.read(root.resolve("results/results.json")).at("/extra_data/late");
            assertEquals(2, late.get("late_days_used").asInt(), "35 hours late");
            assertEquals(0, late.get("penalty_points").asDouble(), EXACT, "2 late days are allowed");
            assertTrue(ResultsDoc.read(root.resolve("results/results.json")).get("output").asText()
                    .startsWith("Submitted 2027-02-21 10:59:00 EST: 2 late days used"));
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

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
