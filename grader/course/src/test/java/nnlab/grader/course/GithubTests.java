package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;

/** GitHub Classroom's result written by the grader, and the two workflows in ci/github. */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GithubTests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final double POINTS = 1e-6;
    private static final int PUBLIC_POINTS = 100;

    @TempDir
    static Path dir;

    private ObjectNode results;
    private JsonNode decoded;

    @BeforeAll
    void gradeTheBuggySampleAndWriteTheClassroomOutput() throws IOException {
        Grader grader = new Grader(Grader.find("ps1").orElseThrow());
        ResultsDocument graded = grader.grade(Course.sample("buggy"),
                new Grader.Options(Course.SEED, true, null, null, null));
        results = (ObjectNode) graded.toTree();
        Path file = dir.resolve("results.json");
        graded.write(file);
        Path output = dir.resolve("github_output");
        Files.writeString(output, "other=1\n");
        assertEquals(0, Course.runCourse("classroom", "--results", file.toString(), "--github-output", output.toString()));
        List<String> lines = Files.readAllLines(output);
        assertEquals("other=1", lines.get(0), "the output file is appended to, not replaced");
        assertTrue(lines.get(1).startsWith("result="), lines::toString);
        decoded = ResultsDoc.JSON.readTree(Base64.getDecoder().decode(lines.get(1).substring("result=".length())));
    }

    @Nested
    class TheClassroomResult {
        @Test
        void decodesToTheReportersStructure() {
            assertEquals(1, decoded.get("version").asInt());
            assertEquals("fail", decoded.get("status").asText(), "the buggy sample loses points");
            assertEquals(ResultsDocument.of(results).maxScore(), decoded.get("max_score").asDouble(), POINTS);
            assertEquals(results.get("tests").size(), decoded.get("tests").size());
            for (JsonNode t : decoded.get("tests")) {
                Set<String> keys = new TreeSet<>();
                t.fieldNames().forEachRemaining(keys::add);
                assertEquals(new TreeSet<>(List.of("name", "status", "score", "message", "test_code", "filename",
                        "line_no", "execution_time")), keys);
                assertTrue(Set.of("pass", "fail").contains(t.get("status").asText()), t::toString);
            }
        }

        @Test
        void pointsAddUpToTheGradescopeScore() {
            double sum = 0;
            for (JsonNode t : decoded.get("tests")) {
                sum += t.get("score").asDouble();
            }
            assertEquals(results.get("score").asDouble(), sum, POINTS);
            assertTrue(sum > 0 && sum < decoded.get("max_score").asDouble(), "partial credit expected: " + sum);
        }

        @Test
        void hiddenTestsShowNeitherNameNorFeedback() {
            for (int i = 0; i < results.get("tests").size(); i++) {
                JsonNode source = results.get("tests").get(i);
                JsonNode shown = decoded.get("tests").get(i);
                if (source.get("visibility").asText().equals("hidden")) {
                    assertEquals("", shown.get("message").asText());
                    assertFalse(shown.get("name").asText().contains(source.get("name").asText()));
                } else {
                    assertEquals(source.get("output").asText(), shown.get("message").asText());
                }
            }
        }

        @Test
        void aLatePenaltyIsANegativeEntryThatKeepsTheSumRight() throws IOException {
            ObjectNode late = results.deepCopy();
            LatePolicy policy = new LatePolicy(java.time.Instant.parse("2027-02-20T04:59:00Z"), java.time.ZoneOffset.UTC,
                    0, LatePolicy.After.PENALTY_PER_DAY, 10);
            late = (ObjectNode) policy.assess(policy.due().plusSeconds(60), 0).applyTo(ResultsDocument.of(late), policy,
                    100).toTree();
            JsonNode r = ClassroomResult.of(ResultsDocument.of(late));
            double sum = 0;
            for (JsonNode t : r.get("tests")) {
                sum += t.get("score").asDouble();
            }
            assertEquals(late.get("score").asDouble(), sum, POINTS);
            assertEquals("Late penalty", r.get("tests").get(r.get("tests").size() - 1).get("name").asText());
        }
    }

    @Nested
    class TheStudentWorkflow {
        private final JsonNode workflow = read("ci/github/student/classroom.yml");

        @Test
        void reportsEveryGraderStepToClassroom() {
            List<String> ids = new ArrayList<>();
            JsonNode reporter = null;
            for (JsonNode step : workflow.at("/jobs/autograding/steps")) {
                String uses = step.path("uses").asText();
                if (uses.startsWith("classroom-resources/autograding-command-grader@")) {
                    ids.add(step.get("id").asText());
                }
                if (uses.startsWith("classroom-resources/autograding-grading-reporter@")) {
                    reporter = step;
                }
            }
            assertTrue(reporter != null, "no grading reporter step");
            assertEquals(String.join(",", ids), reporter.at("/with/runners").asText());
            for (String id : ids) {
                assertEquals("${{ steps." + id + ".outputs.result }}",
                        reporter.at("/env/" + id.toUpperCase(java.util.Locale.ROOT) + "_RESULTS").asText());
            }
            assertTrue(workflow.at("/permissions/checks").asText().equals("write"), "the reporter needs checks: write");
        }

        @Test
        void runsOnlyPublicTestsThatExistInTheStarter() {
            Pattern test = Pattern.compile("-Dtest=([A-Za-z,]+)");
            int points = 0;
            for (JsonNode step : workflow.at("/jobs/autograding/steps")) {
                String command = step.at("/with/command").asText();
                if (command.isEmpty()) {
                    continue;
                }
                points += step.at("/with/max-score").asInt();
                Matcher m = test.matcher(command);
                assertTrue(m.find(), command);
                for (String cls : m.group(1).split(",")) {
                    assertTrue(Files.isRegularFile(Course.repository().resolve("starter-code/ps1/src/test/java/nnlab/" + cls
                            + ".java")), cls + " is not a public test of the starter");
                }
            }
            assertEquals(PUBLIC_POINTS, points, "every part, Part 5 included, has public tests worth its points");
            assertFalse(workflow.toString().contains("grader-tests"), "the student workflow must not touch hidden tests");
        }
    }

    @Nested
    class TheCourseWorkflow {
        private final JsonNode workflow = read("ci/github/course/grade-submissions.yml");

        @Test
        void neverRunsForPullRequestsAndOnlyReadsTheRepository() {
            Set<String> triggers = new TreeSet<>();
            workflow.get("on").fieldNames().forEachRemaining(triggers::add);
            assertEquals(Set.of("workflow_dispatch"), triggers);
            assertEquals("read", workflow.at("/permissions/contents").asText());
        }

        @Test
        void gradesShardsWithTheCourseCommandMergesThemAndKeepsOnlyTheirOutputs() {
            String grade = workflow.at("/jobs/grade/steps").toString();
            assertTrue(grade.contains("grader/course/bin/course grade-all") && grade.contains("--shard"), grade);
            assertEquals("${{ fromJSON(needs.fetch.outputs.shards) }}", workflow.at("/jobs/grade/strategy/matrix/shard")
                    .asText());
            assertTrue(workflow.at("/jobs/merge/steps").toString().contains("grader/course/bin/course merge"));
            assertTrue(Files.isExecutable(Course.repository().resolve("grader/course/bin/course")));
            Map<String, String> kept = Map.of("fetch", "${{ runner.temp }}/", "grade", "${{ runner.temp }}/shard/",
                    "merge", "${{ runner.temp }}/graded/");
            kept.forEach((job, folder) -> {
                for (JsonNode step : workflow.at("/jobs/" + job + "/steps")) {
                    if (step.path("uses").asText().startsWith("actions/upload-artifact@")) {
                        for (String path : step.at("/with/path").asText().trim().split("\n")) {
                            assertTrue(path.trim().startsWith(folder), job + ": " + path);
                        }
                    }
                }
            });
        }
    }

    /**
     * Runs the course workflow's fetch step as written, with a stand-in for the gh command that answers from recorded
     * API responses (through jq, as gh's --jq does) and local git repositories in place of GitHub's.
     */
    @Nested
    class FetchingTheSubmissions {
        private static final String PUSHED_AT = "2027-02-22T03:00:00Z";
        private static final String BACKDATED = "2027-02-10T12:00:00+00:00";
        /** After ps1's due date plus its two late days, past which work scores zero. */
        private static final String AFTER_CUTOFF = "2027-02-22T05:30:00Z";

        @Test
        void recordsTheTimeGitHubReceivedThePushNeverTheCommitDate() throws Exception {
            org.junit.jupiter.api.Assumptions.assumeTrue(onPath("jq") && onPath("git"), "needs jq and git");
            Path root = dir.resolve("fetch");
            Path remote = root.resolve("remote/course-org");
            String pushed = commit(remote.resolve("ps1-ada.git"), "pushed");
            String late = commit(remote.resolve("ps1-ada.git"), "pushed after the late days ended");
            commit(remote.resolve("ps1-ada.git"), "committed later, never pushed");
            commit(remote.resolve("ps1-bob.git"), "the starter Classroom created");
            Path fixtures = Files.createDirectories(root.resolve("fixtures"));
            Files.writeString(fixtures.resolve("repos.json"), "[{\"name\": \"ps1-ada\", \"defaultBranchRef\":"
                    + " {\"name\": \"main\"}}, {\"name\": \"ps1-bob\", \"defaultBranchRef\": {\"name\": \"main\"}},"
                    + " {\"name\": \"ps2-ada\", \"defaultBranchRef\": {\"name\": \"main\"}}]");
            Files.writeString(fixtures.resolve("repos_course-org_ps1-ada_events.json"), "[{\"type\": \"PushEvent\","
                    + " \"created_at\": \"" + AFTER_CUTOFF + "\", \"payload\": {\"ref\": \"refs/heads/main\","
                    + " \"head\": \"" + late + "\"}}, {\"type\": \"PushEvent\","
                    + " \"created_at\": \"2027-02-23T08:00:00Z\", \"payload\": {\"ref\": \"refs/heads/other\","
                    + " \"head\": \"0000\"}}, {\"type\": \"WatchEvent\", \"created_at\": \"2027-02-22T09:00:00Z\","
                    + " \"payload\": {}}, {\"type\": \"PushEvent\", \"created_at\": \"" + PUSHED_AT + "\","
                    + " \"payload\": {\"ref\": \"refs/heads/main\", \"head\": \"" + pushed + "\"}}]");
            Path bin = Files.createDirectories(root.resolve("bin"));
            Files.writeString(bin.resolve("gh"), "#!/usr/bin/env bash\n"
                    + "filter=; previous=\nfor a in \"$@\"; do [ \"$previous\" = --jq ] && filter=\"$a\"; previous=\"$a\"; done\n"
                    + "if [ \"$1\" = repo ]; then file=repos.json; else file=\"$(echo \"$2\" | tr / _).json\"; fi\n"
                    + "if [ -f \"$NNLAB_GH_FIXTURES/$file\" ]; then jq -r \"$filter\" \"$NNLAB_GH_FIXTURES/$file\";"
                    + " else echo '[]' | jq -r \"$filter\"; fi\n");
            assertTrue(bin.resolve("gh").toFile().setExecutable(true));

            JsonNode step = null;
            for (JsonNode st : read("ci/github/course/grade-submissions.yml").at("/jobs/fetch/steps")) {
                if (st.path("name").asText().equals("Fetch the submissions")) {
                    step = st;
                }
            }
            assertTrue(step != null, "no fetch step");
            ProcessBuilder b = new ProcessBuilder("bash", "-e", "-c", step.get("run").asText())
                    .directory(Course.repository().toFile()).redirectErrorStream(true)
                    .redirectOutput(root.resolve("fetch.log").toFile());
            b.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
            b.environment().put("NNLAB_GH_FIXTURES", fixtures.toString());
            b.environment().put("NNLAB_GIT_BASE", root.resolve("remote").toUri().toString().replaceFirst("/$", ""));
            b.environment().put("RUNNER_TEMP", root.resolve("runner").toString());
            b.environment().put("ORG", "course-org");
            b.environment().put("PREFIX", "ps1-");
            b.environment().put("ASSIGNMENT", "ps1");
            b.environment().put("GH_TOKEN", "unused");
            Process p = b.start();
            assertEquals(0, p.waitFor(), () -> readQuietly(root.resolve("fetch.log")));
            String log = Files.readString(root.resolve("fetch.log"));

            assertEquals(List.of("submission,submitted_at", "ada," + PUSHED_AT),
                    Files.readAllLines(root.resolve("runner/timestamps.csv")), log);
            assertEquals("pushed", Files.readString(root.resolve("runner/submissions/ada/work.txt")).trim(),
                    "the last commit pushed before the late days ended is graded");
            assertFalse(Files.exists(root.resolve("runner/submissions/ada/.git")));
            assertFalse(Files.exists(root.resolve("runner/submissions/bob")), "never pushed: no submission");
            assertTrue(log.contains("ps1-bob: GitHub recorded no push"), log);
            String workflow = Files.readString(Course.repository().resolve("ci/github/course/grade-submissions.yml"))
                    + Files.readString(Course.repository().resolve("ci/github/course/fetch-submissions"));
            assertFalse(workflow.matches("(?s).*(%cI|%ci|%cd|%aI|git log).*"), "commit metadata must not be read");
        }

        /** Commits a file work.txt holding {@code content} to branch main of {@code repo}, backdated; returns its hash. */
        private String commit(Path repo, String content) throws IOException, InterruptedException {
            if (!Files.isDirectory(repo.resolve(".git"))) {
                Files.createDirectories(repo);
                git(repo, "init", "--quiet", "--initial-branch=main");
            }
            Files.writeString(repo.resolve("work.txt"), content + "\n");
            git(repo, "add", "work.txt");
            git(repo, "-c", "user.name=Student", "-c", "user.email=student@example.invalid", "commit", "--quiet",
                    "-m", content);
            return git(repo, "rev-parse", "HEAD").trim();
        }

        private String git(Path repo, String... args) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
            b.environment().put("GIT_COMMITTER_DATE", BACKDATED);
            b.environment().put("GIT_AUTHOR_DATE", BACKDATED);
            Process p = b.start();
            String output = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), output);
            return output;
        }

        private boolean onPath(String command) throws IOException, InterruptedException {
            return new ProcessBuilder("bash", "-c", "command -v " + command).start().waitFor() == 0;
        }

        private String readQuietly(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                return e.toString();
            }
        }
    }

    private static JsonNode read(String path) {
        try {
            return YAML.readTree(Course.repository().resolve(path).toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
