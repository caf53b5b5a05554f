package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import nnlab.testsupport.Trees;

/**
 * {@code course similarity} end to end: one batch of problem set 1 submissions (the reference's files as a folder, a
 * zip and a copy; a disguised copy; the loop-based sample; one with a malformed file) compared by the real JPlag
 * process, its JSON, CSV and page read back, the page opened in headless Chromium.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimilarityTests {

    /** A marker planted in a comment of the disguised copy: the page must show it as text, never run it. */
    private static final String HOSTILE = "</td></tr></table><script>console.error('code ran')</script>";

    /** Nesting that overflows javac's recursive parser. */
    private static final int DEPTH = 50_000;

    private Path batch;
    private Path out;
    private JsonNode doc;
    private String stderr;

    @BeforeAll
    void compareOneBatch() throws Exception {
        Path root = Files.createDirectories(Path.of("target", "similarity-tests").toAbsolutePath());
        Path work = Files.createTempDirectory(root, "batch-");
        batch = Files.createDirectories(work.resolve("submissions"));
        out = work.resolve("out");
        Path correct = Course.sample("correct");
        Trees.copy(correct, batch.resolve("alice"));
        Trees.copy(correct, batch.resolve("dave"));
        zip(correct, batch.resolve("carol.zip"));
        Trees.copy(disguised(correct), batch.resolve("bob"));
        Trees.copy(Course.sample("loops"), batch.resolve("frank"));
        Trees.copy(correct, batch.resolve("erin"));
        Files.writeString(batch.resolve("erin/src/main/java/nnlab/Perceptron.java"),
                "package nnlab;\n\nthis is not Java { at all\n");
        Trees.copy(correct, batch.resolve("gina"));
        Files.writeString(batch.resolve("gina/src/main/java/nnlab/Perceptron.java"), "package nnlab;\nclass Perceptron {"
                + " int x = " + "(".repeat(DEPTH) + "1" + ")".repeat(DEPTH) + "; }\n");
        Trees.copy(correct, batch.resolve("hank"));
        Path loss = batch.resolve("hank/src/main/java/nnlab/Loss.java");
        Files.delete(loss);
        Files.createSymbolicLink(loss, batch.resolve("alice/src/main/java/nnlab/Loss.java"));
        Run run = course("similarity", "--assignment", "ps1", "--submissions", batch.toString(), "--out",
                out.toString(), "--repository", Course.repository().toString());
        stderr = run.err();
        assertEquals(0, run.exit(), () -> "the command failed:\n" + run.err() + run.out());
        doc = ResultsDoc.read(out.resolve(Similarity.JSON_FILE));
    }

    @Nested
    class Copies {

        @Test
        void aCopyWithRenamedVariablesReorderedMethodsAndCommentsIsFlaggedAboveTheThreshold() {
            JsonNode pair = pair("alice", "bob");
            assertTrue(pair.path("flagged").asBoolean(), () -> "the disguised copy was not flagged: " + pair);
            assertTrue(pair.path("average").asDouble() >= doc.path("threshold").asDouble());
        }

        @Test
        void aZipAndAFolderOfTheSameCodeCompareAsIdentical() {
            JsonNode zipped = pair("alice", "carol");
            JsonNode copied = pair("alice", "dave");
            assertEquals(copied.path("average").asDouble(), zipped.path("average").asDouble());
            assertEquals(copied.path("matches"), zipped.path("matches"), "the zip matched other lines than the folder");
            assertEquals(zipped.path("average").asDouble(), zipped.path("maximum").asDouble(),
                    "neither side holds anything the other does not");
            assertTrue(zipped.path("flagged").asBoolean());
        }

        @Test
        void aSubmissionCloseToTheReferenceIsListedAgainstIt() {
            JsonNode pair = pair("alice", "(reference)");
            assertEquals("reference", pair.path("second_kind").asText());
            assertTrue(pair.path("flagged").asBoolean());
        }

        @Test
        void matchesNameTheLinesOnBothSides() {
            JsonNode match = pair("alice", "bob").path("matches").get(0);
            for (String side : List.of("first", "second")) {
                JsonNode range = match.path(side).get(0);
                assertTrue(range.path("file").asText().startsWith("nnlab/"), () -> side + ": " + match);
                assertTrue(range.path("start").asInt() >= 1 && range.path("end").asInt() >= range.path("start").asInt(),
                        () -> side + ": " + match);
            }
        }
    }

    @Nested
    class IndependentSolutions {

        @Test
        void theReferenceAndTheLoopBasedSampleAreNotFlagged() {
            JsonNode pair = pair("alice", "frank");
            assertFalse(pair.path("flagged").asBoolean(), () -> "two independent solutions flagged: " + pair);
            assertTrue(pair.path("average").asDouble() < doc.path("threshold").asDouble());
        }

        @Test
        void theStartersLinesNeverCountEvenBetweenIdenticalCopies() throws IOException {
            // The constructor is given in the starter: base code, so not even two identical copies match it.
            List<String> lines = Files.readAllLines(batch.resolve("alice/src/main/java/nnlab/Perceptron.java"));
            int provided = lines.indexOf("        this.weights = weights.clone();") + 1;
            assertTrue(provided > 0, "the starter's constructor line is not in Perceptron.java any more");
            for (JsonNode match : pair("alice", "dave").path("matches")) {
                for (JsonNode range : match.path("first")) {
                    assertFalse(range.path("file").asText().equals("nnlab/Perceptron.java")
                                    && range.path("start").asInt() <= provided && provided <= range.path("end").asInt(),
                            () -> "a match covers the starter's line " + provided + ": " + match);
                }
            }
            assertTrue(pair("alice", "dave").path("matches").toString().contains("nnlab/Perceptron.java"),
                    "the student's own lines of Perceptron.java do match");
        }
    }

    @Nested
    class BadInput {

        @Test
        void aMalformedFileIsReportedAndTheRestOfTheSubmissionStillCompared() {
            String notes = doc.path("notes").toString();
            assertTrue(notes.contains("erin") && notes.contains("nnlab/Perceptron.java is not valid Java"),
                    () -> "the malformed file is not reported: " + notes);
            assertTrue(doc.path("submissions").toString().contains("\"erin\""));
            assertTrue(pair("alice", "erin").path("average").asDouble() > 0, "erin's other files were compared");
        }

        @Test
        void aFileThatOverflowsTheParserIsReportedNotFatal() {
            assertTrue(doc.path("notes").toString().contains("\"name\":\"gina\",\"note\":\"not compared:"
                    + " nnlab/Perceptron.java is not valid Java"), () -> doc.path("notes").toString());
            assertTrue(pair("alice", "gina").path("average").asDouble() > 0, "gina's other files were compared");
        }

        @Test
        void aLinkIsSkippedWithANoteAndNeverFollowed() {
            assertTrue(doc.path("notes").toString().contains("nnlab/Loss.java: a symbolic link"), () -> doc.path("notes").toString());
            assertFalse(pair("alice", "hank").path("matches").toString().contains("Loss.java"),
                    "the linked file was read");
        }

        @Test
        void aMissingFolderIsOneLineAndExitCode2() throws Exception {
            Run run = course("similarity", "--assignment", "ps1", "--submissions", batch.resolve("nowhere").toString(),
                    "--out", out.resolve("never").toString());
            assertEquals(2, run.exit());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertFalse(Files.exists(out.resolve("never")));
        }

        @Test
        void progressSaysEverySubmission() {
            assertTrue(stderr.contains("[8/8]") && stderr.contains("Comparing 8 submission(s)"), stderr);
        }
    }

    @Nested
    class Outputs {

        @Test
        void theCsvHasOneRowPerPair() throws IOException {
            List<String> lines = Files.readAllLines(out.resolve(Similarity.CSV_FILE));
            assertEquals("first,second,second_kind,average_percent,maximum_percent,matched_tokens,flagged", lines.get(0));
            assertEquals(doc.path("pairs").size() + 1, lines.size());
        }

        @Test
        void onlyTheSubmissionsOfABatchFolderAreComparedWithShardResults(@TempDir Path tmp) throws Exception {
            Path merged = Files.createDirectories(tmp.resolve("merged/results"));
            Files.writeString(merged.resolve("alice.json"), "{}");
            Files.writeString(merged.resolve("frank.json"), "{}");
            Run run = course("similarity", "--assignment", "ps1", "--submissions", batch.toString(), "--out",
                    tmp.resolve("out").toString(), "--shard-results", tmp.resolve("merged").toString(), "--repository",
                    Course.repository().toString());
            assertEquals(0, run.exit(), run.err());
            JsonNode only = ResultsDoc.read(tmp.resolve("out").resolve(Similarity.JSON_FILE));
            assertEquals("[\"alice\",\"frank\"]", only.path("submissions").toString());
        }

        @Test
        void thePageRanksTheFlaggedPairsAndRendersWithoutConsoleErrorsInChromium() throws Exception {
            Path chromium = chromium();
            String html = Files.readString(out.resolve(Similarity.HTML_FILE));
            assertFalse(html.contains(HOSTILE), "code reached the page unescaped");
            assumeTrue(chromium != null || System.getenv("NNLAB_REQUIRE_CHROMIUM") != null,
                    "chromium is not installed (scripts/install-chromium.sh)");
            assertTrue(chromium != null, "NNLAB_REQUIRE_CHROMIUM is set but no chromium is on the PATH");
            Path log = out.resolve("chromium.log");
            Path shot = out.resolve("similarity.png");
            String dom = headless(chromium, out.resolve(Similarity.HTML_FILE), log, shot);
            List<String> errors = Files.readAllLines(log).stream().filter(l -> l.contains(":CONSOLE")
                    || l.contains("Uncaught") || l.contains("Refused to")).toList();
            assertEquals(List.of(), errors);
            assertTrue(Files.size(shot) > 0, "no screenshot");
            assertTrue(dom.contains("<svg class=\"histogram\""), "no histogram");
            assertTrue(dom.contains("threshold 60.0%"), "the threshold is not drawn");
            assertTrue(dom.contains("console.error('code ran')"), "the planted comment is shown as text");
            Matcher rows = Pattern.compile("<tr><td class=\"num\">(\\d+)</td><td>([^<]*)</td><td>([^<]*)</td><td"
                    + " class=\"num\">([\\d.]+)%").matcher(dom);
            List<Double> ranked = new ArrayList<>();
            while (rows.find()) {
                ranked.add(Double.parseDouble(rows.group(4)));
            }
            assertFalse(ranked.isEmpty(), "no flagged pair in the table");
            for (int i = 1; i < ranked.size(); i++) {
                assertTrue(ranked.get(i - 1) >= ranked.get(i), "not ranked: " + ranked);
            }
            assertTrue(dom.contains("id=\"pair-1\"") && dom.contains("class=\"m0\""), "no side-by-side highlighting");
        }
    }

    @Nested
    class InTheBatch {

        @Test
        void gradeAllWithSimilarityWritesItBesideTheGradebookAndLinksItFromTheBatchPage(@TempDir Path tmp)
                throws Exception {
            Path batchOut = tmp.resolve("out");
            String log = course(tmp, "grade-all", "--assignment", "ps1", "--submissions", brokenCopies(tmp).toString(),
                    "--out", batchOut.toString(), "--seed", Long.toString(Course.SEED), "--similarity");
            JsonNode check = ResultsDoc.read(batchOut.resolve(Similarity.JSON_FILE));
            assertEquals("[\"ivan\",\"judy\"]", check.path("submissions").toString(), log);
            assertTrue(check.path("pairs").get(0).path("flagged").asBoolean(), () -> check.toString());
            assertTrue(Files.readString(batchOut.resolve("index.html")).contains("<a href=\"similarity.html\">"),
                    "the batch page does not link to the similarity page");
            for (String name : List.of("ivan", "judy")) {
                for (Path report : List.of(batchOut.resolve("results/" + name + ".json"),
                        batchOut.resolve("reports/" + name + ".html"))) {
                    assertFalse(Files.readString(report).contains("similarity"), report + " mentions the check");
                }
            }
        }

        @Test
        void mergeWithSimilarityComparesTheMergedShardsAndAShardAloneDoesNot(@TempDir Path tmp) throws Exception {
            Path subs = brokenCopies(tmp);
            List<String> shards = new ArrayList<>();
            for (String shard : List.of("1/2", "2/2")) {
                Path shardOut = tmp.resolve("shard-" + shard.charAt(0));
                shards.add(shardOut.toString());
                String log = course(tmp, "grade-all", "--assignment", "ps1", "--submissions", subs.toString(), "--out",
                        shardOut.toString(), "--seed", Long.toString(Course.SEED), "--shard", shard, "--similarity");
                assertTrue(log.contains("similarity: not run on one shard"), log);
                assertFalse(Files.exists(shardOut.resolve(Similarity.JSON_FILE)));
            }
            Path merged = tmp.resolve("merged");
            List<String> args = new ArrayList<>(List.of("merge", "--assignment", "ps1", "--out", merged.toString(),
                    "--similarity", subs.toString()));
            args.addAll(shards);
            String log = course(tmp, args.toArray(String[]::new));
            JsonNode check = ResultsDoc.read(merged.resolve(Similarity.JSON_FILE));
            assertEquals("[\"ivan\",\"judy\"]", check.path("submissions").toString(), log);
            assertTrue(Files.readString(merged.resolve("index.html")).contains("<a href=\"similarity.html\">"));
        }

        /** Two copies of the reference's files that do not compile: they grade in seconds and compare all the same. */
        private static Path brokenCopies(Path tmp) throws IOException {
            for (String name : List.of("ivan", "judy")) {
                Path sub = tmp.resolve("subs").resolve(name);
                Trees.copy(Course.sample("correct"), sub);
                Path perceptron = sub.resolve("src/main/java/nnlab/Perceptron.java");
                Files.writeString(perceptron, Files.readString(perceptron).replaceFirst("\n}\\s*$",
                        "\n    int broken = \"not an int\";\n}\n"));
            }
            return tmp.resolve("subs");
        }

        /** Runs the course command line as its own process (as a TA does); returns its output, failing on exit ≠ 0. */
        private static String course(Path tmp, String... args) throws Exception {
            Path log = Files.createTempFile(tmp, "course-", ".log");
            Process p = new ProcessBuilder(Course.course(args)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "course " + args[0] + " hung");
            String text = Files.readString(log);
            assertEquals(0, p.exitValue(), text);
            return text;
        }
    }

    private JsonNode pair(String a, String b) {
        for (JsonNode p : doc.path("pairs")) {
            String first = p.path("first").asText();
            String second = p.path("second").asText();
            if (first.equals(a) && second.equals(b) || first.equals(b) && second.equals(a)) {
                return p;
            }
        }
        throw new AssertionError("no pair " + a + " / " + b + " in " + doc.path("pairs").size() + " pairs");
    }

    /**
     * Returns a copy of {@code sample} disguised the way a copier would: variables renamed, two methods of
     * Perceptron moved to the end of the class, and comments added everywhere.
     */
    private static Path disguised(Path sample) throws IOException {
        Path copy = Files.createTempDirectory(sample.getParent(), "disguised-").resolve("bob");
        Trees.copy(sample, copy);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(copy)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            String changed = text.replaceAll("\\blearningRate\\b", "stepSize").replaceAll("\\bepochs\\b", "rounds")
                    .replaceAll("\\bgradient\\b", "slope").replaceAll("\\bsum\\b", "total")
                    .replaceAll("\\bweights\\b", "coefficients").replaceAll("\\brows\\b", "height")
                    .replace("\n    public ", "\n    // My own work: I wrote this method from the handout.\n    public ");
            if (file.endsWith("Perceptron.java")) {
                changed = moveToEnd(moveToEnd(changed, "public int predict("), "public double weightedSum(");
                changed = changed.replaceFirst("\n}\\s*$", "\n    // " + HOSTILE + "\n}\n");
            }
            assertNotEquals(text, changed, () -> file + " was not disguised");
            Files.writeString(file, changed);
        }
        return copy;
    }

    /** Moves the method whose signature starts with {@code signature} (with its javadoc) to the end of the class. */
    private static String moveToEnd(String source, String signature) {
        int at = source.indexOf(signature);
        assertTrue(at > 0, () -> "no " + signature + " to move");
        int start = source.lastIndexOf("\n\n", at) + 1;
        int depth = 0;
        int end = source.indexOf('{', at);
        do {
            char c = source.charAt(end++);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        } while (depth > 0);
        String method = source.substring(start, end);
        String rest = source.substring(0, start) + source.substring(end);
        int close = rest.lastIndexOf('}');
        return rest.substring(0, close) + method + "\n" + rest.substring(close);
    }

    private static void zip(Path folder, Path zip) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(folder.relativize(p).toString().replace('\\', '/')));
                z.write(Files.readAllBytes(p));
                z.closeEntry();
            }
        }
    }

    /** What one command line left. */
    record Run(int exit, String out, String err) {
    }

    private static synchronized Run course(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Course.runCourse(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Opens {@code page} headless (logging to {@code log}, a screenshot to {@code shot}); returns its DOM. */
    private static String headless(Path chromium, Path page, Path log, Path shot) throws Exception {
        List<String> common = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps");
        Path profile = Files.createTempDirectory("nnlab-chromium-");
        List<String> shoot = new ArrayList<>(common);
        shoot.addAll(List.of("--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--window-size=1200,3000", "--screenshot=" + shot, page.toUri().toString()));
        run(new ProcessBuilder(shoot).redirectErrorStream(true).redirectOutput(log.toFile()));
        List<String> dump = new ArrayList<>(common);
        dump.addAll(List.of("--user-data-dir=" + profile, "--dump-dom", page.toUri().toString()));
        Path dom = Files.createTempFile(profile.getParent(), "nnlab-dom-", ".html");
        run(new ProcessBuilder(dump).redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(dom.toFile()));
        Trees.delete(profile);
        String text = Files.readString(dom);
        Files.delete(dom);
        return text;
    }

    private static void run(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish within 120 s");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
