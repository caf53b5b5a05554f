package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.AssignmentSpec;

/**
 * Runs the student workflow (ci/github/student/classroom.yml) the way a fresh GitHub runner does: its own
 * {@code run} steps and each command grader's {@code setup-command} and {@code command}, in order, in a copy of the
 * starter with a student's files, against an empty local Maven repository (filled from the registry by the workflow's
 * own steps), scoring each grader step all-or-nothing as the command grader does.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassroomWorkflowTests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String COMMAND_GRADER = "classroom-resources/autograding-command-grader@";
    private static final int SECONDS_PER_MINUTE = 60;
    /** A run step's limit: the job's timeout-minutes would end it on a runner. */
    private static final int RUN_STEP_LIMIT_SECONDS = 900;

    @TempDir
    static Path dir;

    private final JsonNode workflow = read();
    private Map<String, Integer> correct;
    private Map<String, Integer> buggy;
    private Map<String, Integer> maxScores;

    @BeforeAll
    void runTheWorkflowOnTheCorrectAndTheBuggySample() throws Exception {
        Path repository = dir.resolve("empty-maven-repository");
        Files.createDirectories(repository);
        maxScores = new LinkedHashMap<>();
        correct = runWorkflow("correct", repository);
        // The same runner cache for the second student: the buggy sample's points, not its downloads, are the point.
        buggy = runWorkflow("buggy", repository);
    }

    /** Returns the points each grader step gave the student repository made from {@code sample}. */
    private Map<String, Integer> runWorkflow(String sample, Path repository) throws Exception {
        Path project = dir.resolve(sample);
        copyTree(Course.repository().resolve("starter-code"), project);
        copyTree(Course.sample(sample), project);
        Map<String, Integer> points = new LinkedHashMap<>();
        for (JsonNode step : workflow.at("/jobs/autograding/steps")) {
            String uses = step.path("uses").asText();
            if (step.has("run")) {
                int exit = shell(project, repository, step.get("run").asText(), RUN_STEP_LIMIT_SECONDS,
                        sample + "-" + step.path("name").asText("run"));
                assertTrue(exit == 0 || step.path("continue-on-error").asBoolean(),
                        "step " + step.path("name") + " failed, which would skip the grader steps");
            } else if (uses.startsWith(COMMAND_GRADER)) {
                JsonNode with = step.get("with");
                int limit = with.path("timeout").asInt() * SECONDS_PER_MINUTE;
                String name = with.get("test-name").asText();
                boolean passed = !with.has("setup-command")
                        || shell(project, repository, with.get("setup-command").asText(), limit, sample + "-setup") == 0;
                passed = passed && shell(project, repository, with.get("command").asText(), limit,
                        sample + "-" + step.get("id").asText()) == 0;
                maxScores.put(name, with.get("max-score").asInt());
                points.put(name, passed ? with.get("max-score").asInt() : 0);
            }
        }
        return points;
    }

    /** Runs {@code script} with bash in {@code project}, Maven using {@code repository}; returns its exit code. */
    private static int shell(Path project, Path repository, String script, int limitSeconds, String log)
            throws IOException, InterruptedException {
        Path output = dir.resolve(log.replaceAll("[^A-Za-z0-9.-]", "_") + ".log");
        ProcessBuilder b = new ProcessBuilder("bash", "-e", "-c", script).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        b.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + repository);
        Process p = b.start();
        if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            return -1;
        }
        return p.exitValue();
    }

    @Nested
    class OnAFreshRunner {
        @Test
        void aCorrectSolutionScoresEveryPointPartFiveIncluded() {
            assertEquals(100, correct.values().stream().mapToInt(Integer::intValue).sum(), correct::toString);
            assertTrue(correct.keySet().stream().anyMatch(name -> name.startsWith("Part 5")), correct::toString);
        }

        @Test
        void theStepsOfEachPartAddUpToItsPointsInTheAssignment() {
            AssignmentSpec spec = Course.ps1();
            for (int i = 0; i < spec.parts().size(); i++) {
                String prefix = "Part " + (i + 1) + ":";
                int sum = maxScores.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                        .mapToInt(Map.Entry::getValue).sum();
                assertEquals(spec.parts().get(i).points(), sum, prefix + " " + maxScores);
            }
        }

        @Test
        void aBuggySolutionGetsPartialCredit() {
            int sum = buggy.values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(sum > 0 && sum < 100, "partial credit expected: " + buggy);
        }
    }

    private static JsonNode read() {
        try {
            return YAML.readTree(Course.repository().resolve("ci/github/student/classroom.yml").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(p -> !from.relativize(p).toString().startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
