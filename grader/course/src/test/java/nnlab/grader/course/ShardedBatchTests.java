package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import nnlab.grader.course.SubmissionBatch.Kind;
import nnlab.grader.cli.ExitCode;
import nnlab.grader.runtime.FileTrees;

/**
 * Runs the course workflow's split, shard and merge steps (ci/github/course/grade-submissions.yml) the way the runners do:
 * each {@code run} step with bash, the workflow's expressions filled in as GitHub fills them, two shards as two
 * matrix jobs each in its own runner folder, then the merge job over both shards' folders; and compares the merged
 * batch with one unsharded {@code grade-all} of the same submissions and seed. The course launcher the steps call is
 * this build's (its classes, not a fresh Maven build).
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardedBatchTests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** s01–s03 hash to shard 1 of 2 and s04–s06 to shard 2: each shard has one submission with code. */
    private static final List<Kind> KINDS = List.of(Kind.CORRECT_FOLDER, Kind.EMPTY_FOLDER, Kind.NOT_A_ZIP,
            Kind.BUGGY_RELU_KINK, Kind.EMPTY_ZIP, Kind.NOT_A_ZIP_PDF);
    private static final int SHARDS = 2;
    /**
     * Graders per batch, the unsharded one's and each shard's (the workflow's jobs input): one. Each batch has one or
     * two submissions with code, the suite's test JVMs already keep every processor busy, and a second grader would
     * only pay the start-up again (its JVM, its compiler's JVM, a cold javac); parallel batches are BatchGradingTests'.
     */
    private static final String JOBS = "1";
    private static final long STEP_LIMIT_MINUTES = 10;
    private static final List<String> GRADEBOOKS = List.of("gradebook.csv", "gradebook-canvas.csv", "gradebook.json");

    private Path dir;
    private Path checkout;
    private Path unsharded;
    private Path merged;
    private final List<Path> shards = new ArrayList<>();
    private int mergeExit;
    private JsonNode matrix;

    @BeforeAll
    void gradeUnshardedThenRunTheShardAndMergeSteps() throws Exception {
        // The grade step runs the grader as root (sudo on a runner) so that every sandbox layer is on.
        org.junit.jupiter.api.Assumptions.assumeTrue(rootOrSudo(), "the course workflow's grade step needs root or"
                + " passwordless sudo, as GitHub's runners have");
        dir = Files.createTempDirectory("nnlab-shards");
        checkout = checkout(dir.resolve("checkout"));
        Path fetched = dir.resolve("fetched");
        SubmissionBatch.generate(Course.repository(), fetched.resolve("submissions"), KINDS);
        StringBuilder times = new StringBuilder("submission,submitted_at\n");
        for (int i = 1; i <= KINDS.size(); i++) {
            times.append(String.format("s%02d,2027-02-19 09:00%n", i));
        }
        Files.writeString(fetched.resolve("timestamps.csv"), times);

        unsharded = dir.resolve("unsharded");
        assertEquals(0, run(List.of("bash", checkout.resolve("grader/course/bin/course").toString(), "grade-all",
                "--assignment", "ps1", "--submissions", fetched.resolve("submissions").toString(), "--timestamps",
                fetched.resolve("timestamps.csv").toString(), "--jobs", JOBS, "--seed", Long.toString(Course.SEED),
                "--out", unsharded.toString()), Map.of(), "unsharded"), "the unsharded batch failed");

        JsonNode workflow = YAML.readTree(Course.repository().resolve("ci/github/course/grade-submissions.yml").toFile());
        Path downloaded = dir.resolve("merge-runner").resolve("shards");
        // The fetch job's split step names the matrix's shards in its output.
        Path output = dir.resolve("fetch-runner").resolve("github-output");
        assertEquals(0, runStep(workflow, "fetch", "Split into shards", output.getParent(), 0,
                Map.of("GITHUB_OUTPUT", output.toString())), "the split step failed");
        matrix = YAML.readTree(Files.readString(output).strip().replaceFirst("^shards=", ""));
        for (JsonNode entry : matrix) {
            int k = entry.asInt();
            Path runner = dir.resolve("grade-runner-" + k);
            // download-artifact puts the fetch job's files where the grade step reads them.
            Files.createDirectories(runner);
            copyTree(fetched, runner.resolve("fetched"));
            assertEquals(0, runStep(workflow, "grade", "Grade this shard with the hidden tests", runner, k, Map.of()),
                    "shard " + k + " failed");
            // upload-artifact then download-artifact with a pattern: one folder per shard artifact.
            Path shard = downloaded.resolve("shard-ps1-" + k);
            copyTree(runner.resolve("shard"), shard);
            shards.add(shard);
        }
        mergeExit = runStep(workflow, "merge", "Merge the shards into one batch", dir.resolve("merge-runner"), 0,
                Map.of());
        merged = dir.resolve("merge-runner").resolve("graded");
    }

    private static boolean rootOrSudo() throws IOException, InterruptedException {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        Process p = new ProcessBuilder("sudo", "-n", "true").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(STEP_LIMIT_MINUTES, TimeUnit.MINUTES) && p.exitValue() == 0;
    }

    @AfterAll
    void cleanUp() {
        FileTrees.deleteQuietly(dir);
    }

    /** A folder laid out like the course repository's checkout, whose course launcher runs this build's classes. */
    private static Path checkout(Path root) throws IOException {
        Path bin = Files.createDirectories(root.resolve("grader/course/bin"));
        Files.writeString(bin.resolve("course"), "#!/usr/bin/env bash\nexec " + String.join(" ",
                Course.course().stream().map(a -> "'" + a + "'").toList()) + " \"$@\"\n");
        assertTrue(bin.resolve("course").toFile().setExecutable(true));
        return root;
    }

    /** Runs the {@code run} text of step {@code name} of {@code job} with bash, as a runner with temp {@code runner}. */
    private int runStep(JsonNode workflow, String job, String name, Path runner, int shard, Map<String, String> env)
            throws Exception {
        JsonNode step = null;
        for (JsonNode s : workflow.at("/jobs/" + job + "/steps")) {
            if (s.path("name").asText().equals(name)) {
                step = s;
            }
        }
        assertTrue(step != null, "no step '" + name + "' in job " + job);
        String script = step.get("run").asText().replace("${{ inputs.assignment }}", "ps1")
                .replace("${{ inputs.jobs }}", JOBS).replace("${{ inputs.shards }}", Integer.toString(SHARDS))
                .replace("${{ inputs.seed }}", Long.toString(Course.SEED))
                .replace("${{ matrix.shard }}", Integer.toString(shard));
        assertFalse(script.contains("${{"), () -> "an expression the test does not fill in: " + script);
        Files.createDirectories(runner);
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("RUNNER_TEMP", runner.toString());
        return run(List.of("bash", "-e", "-c", script), all, job + "-" + shard);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private int run(List<String> command, Map<String, String> env, String log) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log + ".log").toFile());
        b.environment().putAll(env);
        Process p = b.start();
        assertTrue(p.waitFor(STEP_LIMIT_MINUTES, TimeUnit.MINUTES), log + " hung");
        return p.exitValue();
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static Map<String, Double> scores(Path out) throws IOException {
        Map<String, Double> scores = new TreeMap<>();
        for (BatchGrader.Submission s : BatchGrader.list(out.resolve("results"))) {
            scores.put(s.name(), ResultsDoc.read(s.path()).path("score").asDouble());
        }
        return scores;
    }

    @Nested
    class TwoShardsMerged {
        @Test
        void areTheMatrixTheSplitStepNames() {
            assertEquals("[1,2]", matrix.toString());
        }

        @Test
        void giveTheUnshardedGradebooksWordForWord() throws IOException {
            assertEquals(0, mergeExit, () -> log("merge-0"));
            for (String file : GRADEBOOKS) {
                assertEquals(Files.readString(unsharded.resolve(file)), Files.readString(merged.resolve(file)), file);
            }
            assertEquals(scores(unsharded), scores(merged));
            assertTrue(Files.isRegularFile(merged.resolve("index.html")));
            assertEquals(KINDS.size(), Files.readAllLines(merged.resolve("batch-log.jsonl")).stream()
                    .filter(l -> l.contains("\"finished\"")).count());
        }

        /** The grade step grades with all five layers, setpriv's fresh uid included, and the results say so. */
        @Test
        void gradedWithEverySandboxLayer() throws IOException {
            int withCode = 0;
            for (Path shard : shards) {
                for (BatchGrader.Submission s : BatchGrader.list(shard.resolve("results"))) {
                    JsonNode layers = ResultsDoc.read(s.path()).at("/extra_data/isolation/layers");
                    if (!layers.isMissingNode()) {
                        withCode++;
                        assertEquals("[\"timeout\",\"prlimit\",\"setpriv\",\"bubblewrap\",\"java\"]", layers.toString(),
                                s.name());
                    }
                }
            }
            assertTrue(withCode >= SHARDS, "each shard has a submission with code: " + withCode);
        }

        @Test
        void eachShardGradedOnlyItsOwnSubmissions() throws IOException {
            List<String> seen = new ArrayList<>();
            for (Path shard : shards) {
                List<String> own = new ArrayList<>(scores(shard).keySet());
                assertFalse(own.isEmpty(), shard + " graded nothing");
                JsonNode manifest = ResultsDoc.read(shard.resolve(Shard.MANIFEST));
                List<String> listed = new ArrayList<>();
                manifest.path("submissions").forEach(n -> listed.add(n.asText()));
                assertEquals(listed, own);
                seen.addAll(own);
            }
            assertEquals(new ArrayList<>(scores(unsharded).keySet()), seen.stream().sorted().toList());
        }
    }

    @Nested
    class MergeRefuses {
        private String refusal(List<Path> given) throws Exception {
            List<String> cmd = new ArrayList<>(List.of("bash", checkout.resolve("grader/course/bin/course").toString(),
                    "merge", "--assignment", "ps1", "--out", Files.createTempDirectory(dir, "refused").toString()));
            given.forEach(p -> cmd.add(p.toString()));
            int exit = run(cmd, Map.of(), "refused");
            assertEquals(ExitCode.USAGE.code(), exit, () -> log("refused"));
            return log("refused");
        }

        @Test
        void aMissingShard() throws Exception {
            String message = refusal(List.of(shards.get(0)));
            assertTrue(message.contains("shard(s) [2] of 2 missing"), message);
        }

        @Test
        void aShardGivenTwice() throws Exception {
            String message = refusal(List.of(shards.get(0), shards.get(0), shards.get(1)));
            assertTrue(message.contains("shard 1/2 given twice"), message);
        }

        @Test
        void aShardGradedWithAnotherSeed() throws Exception {
            Path other = dir.resolve("other-seed");
            copyTree(shards.get(1), other);
            ObjectNode manifest = ResultsDoc.read(other.resolve(Shard.MANIFEST));
            manifest.put("seed", Course.SEED + 1);
            Files.writeString(other.resolve(Shard.MANIFEST), manifest.toString(), StandardCharsets.UTF_8);
            String message = refusal(List.of(shards.get(0), other));
            assertTrue(message.contains("differ in seed"), message);
        }
    }
}
