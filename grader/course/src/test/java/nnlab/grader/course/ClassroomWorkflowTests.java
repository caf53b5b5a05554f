package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
import nnlab.grader.authoring.Samples;
import nnlab.testsupport.Trees;

/**
 * Runs each assignment's student workflow (ci/github/student/classroom.yml for ps1, classroom-ps2.yml for ps2) the way
 * a fresh GitHub runner does: its own {@code run} steps and each command grader's {@code setup-command} and {@code
 * command}, in order, in a copy of the assignment's starter with a student's files, against an empty local Maven
 * repository (filled from the registry by the workflow's own steps), scoring each grader step all-or-nothing as the
 * command grader does.
 */
@Tag("slow")
class ClassroomWorkflowTests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String COMMAND_GRADER = "classroom-resources/autograding-command-grader@";
    private static final int SECONDS_PER_MINUTE = 60;
    /** A run step's limit: the job's timeout-minutes would end it on a runner. */
    private static final int RUN_STEP_LIMIT_SECONDS = 900;
    /** Every point of an assignment. */
    private static final int FULL_POINTS = 100;
    /**
     * The Maven launcher's JVM compiles with C1 only: each step is a short Maven run that ends before C2 pays off
     * (1.7 of 4.2 processor seconds saved per run, measured); the tests' own JVMs, which surefire forks, are not
     * affected, and no step's outcome depends on it.
     */
    private static final String MAVEN_JIT = "-XX:TieredStopAtLevel=1";

    @TempDir
    static Path dir;

    /** One assignment's workflow, run on student repositories made from its starter. */
    private static final class Workflow {
        private final String assignment;
        private final Path starter;
        private final JsonNode steps;
        private final Map<String, Integer> maxScores = new LinkedHashMap<>();

        Workflow(String assignment, String starter, String workflow) {
            this.assignment = assignment;
            this.starter = Course.repository().resolve(starter);
            this.steps = read(workflow).at("/jobs/autograding/steps");
        }

        /**
         * Returns the points each grader step gave the student repository made from the starter and, unless it is
         * null, {@code sample}'s files; {@code name} names the repository.
         */
        Map<String, Integer> run(String name, String sample) throws Exception {
            // One runner cache for every student: their points, not their downloads, are the point.
            Path repository = Files.createDirectories(dir.resolve("maven-repository"));
            Path project = dir.resolve(assignment + "-" + name);
            Trees.copyExcept(starter, project, "target");
            if (sample != null) {
                Trees.copyExcept(Course.sample(assignment, sample), project, "target");
            }
            Map<String, Integer> points = new LinkedHashMap<>();
            for (JsonNode step : steps) {
                String uses = step.path("uses").asText();
                String log = assignment + "-" + name + "-";
                if (step.has("run")) {
                    int exit = shell(project, repository, step.get("run").asText(), RUN_STEP_LIMIT_SECONDS,
                            log + step.path("name").asText("run"));
                    assertTrue(exit == 0 || step.path("continue-on-error").asBoolean(),
                            "step " + step.path("name") + " failed, which would skip the grader steps");
                } else if (uses.startsWith(COMMAND_GRADER)) {
                    JsonNode with = step.get("with");
                    int limit = with.path("timeout").asInt() * SECONDS_PER_MINUTE;
                    String test = with.get("test-name").asText();
                    boolean passed = !with.has("setup-command")
                            || shell(project, repository, with.get("setup-command").asText(), limit, log + "setup") == 0;
                    passed = passed && shell(project, repository, with.get("command").asText(), limit,
                            log + step.get("id").asText()) == 0;
                    maxScores.put(test, with.get("max-score").asInt());
                    points.put(test, passed ? with.get("max-score").asInt() : 0);
                }
            }
            return points;
        }

        /** Fails unless the grader steps of each part add up to the part's points in assignment.json. */
        void assertStepsAddUpToEachPart(AssignmentSpec spec) {
            for (int i = 0; i < spec.parts().size(); i++) {
                String prefix = "Part " + (i + 1) + ":";
                int sum = maxScores.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                        .mapToInt(Map.Entry::getValue).sum();
                assertEquals(spec.parts().get(i).points(), sum, prefix + " " + maxScores);
            }
        }
    }

    private static int sum(Map<String, Integer> points) {
        return points.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Runs {@code script} with bash in {@code project}, Maven using {@code repository}; returns its exit code. */
    private static int shell(Path project, Path repository, String script, int limitSeconds, String log)
            throws IOException, InterruptedException {
        Path output = dir.resolve(log.replaceAll("[^A-Za-z0-9.-]", "_") + ".log");
        ProcessBuilder b = new ProcessBuilder("bash", "-e", "-c", script).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        b.environment().put("MAVEN_OPTS", MAVEN_JIT + " -Dmaven.repo.local=" + repository);
        Process p = b.start();
        if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            return -1;
        }
        return p.exitValue();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ProblemSet1 {
        private final Workflow workflow = new Workflow("ps1", "starter-code/ps1", "ci/github/student/classroom.yml");
        private Map<String, Integer> correct;
        private Map<String, Integer> buggy;

        @BeforeAll
        void runTheWorkflowOnTheCorrectAndTheBuggySample() throws Exception {
            correct = workflow.run("correct", Samples.CORRECT);
            buggy = workflow.run("buggy", "buggy");
        }

        @Test
        void aCorrectSolutionScoresEveryPointPartFiveIncluded() {
            assertEquals(FULL_POINTS, sum(correct), correct::toString);
            assertTrue(correct.keySet().stream().anyMatch(name -> name.startsWith("Part 5")), correct::toString);
        }

        @Test
        void theStepsOfEachPartAddUpToItsPointsInTheAssignment() {
            workflow.assertStepsAddUpToEachPart(Course.ps1());
        }

        @Test
        void aBuggySolutionGetsPartialCredit() {
            int sum = sum(buggy);
            assertTrue(sum > 0 && sum < FULL_POINTS, "partial credit expected: " + buggy);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ProblemSet2 {
        private final Workflow workflow = new Workflow("ps2", "starter-code/ps2",
                "ci/github/student/classroom-ps2.yml");
        private Map<String, Integer> correct;
        private Map<String, Integer> starter;

        @BeforeAll
        void runTheWorkflowOnTheCorrectSampleAndTheUntouchedStarter() throws Exception {
            correct = workflow.run("correct", Samples.CORRECT);
            starter = workflow.run("starter", null);
        }

        @Test
        void aCorrectSolutionScoresEveryPointPartFourIncluded() {
            assertEquals(FULL_POINTS, sum(correct), correct::toString);
            assertTrue(correct.keySet().stream().anyMatch(name -> name.startsWith("Part 4")), correct::toString);
        }

        @Test
        void theStepsOfEachPartAddUpToItsPointsInTheAssignment() {
            workflow.assertStepsAddUpToEachPart(Course.spec("ps2"));
        }

        @Test
        void theUntouchedStarterScoresNothing() {
            assertEquals(0, sum(starter), starter::toString);
        }
    }

    private static JsonNode read(String workflow) {
        try {
            return YAML.readTree(Course.repository().resolve(workflow).toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
