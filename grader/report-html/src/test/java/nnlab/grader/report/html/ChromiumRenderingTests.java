package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.Reader;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;
import nnlab.ps1.grading.Ps1Assignment;
import nnlab.testsupport.Trees;

/**
 * Opens the reports in headless Chromium: no console errors, and a screenshot under {@code target/report-artifacts}.
 * Skipped with the reason when Chromium is missing, unless {@code NNLAB_REQUIRE_CHROMIUM} is set (then it fails).
 */
@Tag("slow")
class ChromiumRenderingTests {

    /** How long one page may take to load and be captured. */
    private static final long PAGE_SECONDS = 60;
    /** Tall enough for a whole report, so the screenshot shows the gradient-check tables near the end. */
    private static final String WINDOW = "1100,9000";
    /** PNG's signature, to tell a real screenshot from an empty file. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    private static Path chromium;
    /** Before problem set 1's due date (2027-02-19 23:59 EST), whatever the test machine's clock says. */
    private static final java.time.Instant BEFORE_THE_DUE_DATE = java.time.Instant.parse("2027-02-01T00:00:00Z");

    @BeforeAll
    static void findChromium() {
        chromium = find();
        boolean required = System.getenv("NNLAB_REQUIRE_CHROMIUM") != null;
        if (chromium == null && required) {
            throw new AssertionError("NNLAB_REQUIRE_CHROMIUM is set but no chromium is on the PATH;"
                    + " run scripts/install-chromium.sh");
        }
        assumeTrue(chromium != null, "chromium is not installed (scripts/install-chromium.sh installs it);"
                + " set NNLAB_REQUIRE_CHROMIUM to make this a failure");
    }

    @Nested
    class TheScan {

        @Test
        void catchesAConsoleErrorOnAPageThatHasOne() throws Exception {
            Path canary = BuggySample.ARTIFACTS.resolve("canary.html");
            Files.createDirectories(canary.getParent());
            Files.writeString(canary, "<!DOCTYPE html><html><body><script>console.error('canary');"
                    + "undefinedFunction();</script></body></html>");
            Render r = render(canary, "canary.png");
            assertFalse(r.consoleErrors().isEmpty(), () -> "the scan missed the canary's errors; log:\n" + r.log());
        }
    }

    @Test
    void taReportOfTheBuggySampleRendersWithoutConsoleErrors() throws Exception {
        Render r = render(BuggySample.report(Reader.TA), "buggy-ta.png");
        assertEquals(List.of(), r.consoleErrors());
        assertTrue(r.screenshotIsPng(), "no screenshot was written");
    }

    @Test
    void studentReportOfTheBuggySampleRendersWithoutConsoleErrors() throws Exception {
        Render r = render(BuggySample.report(Reader.STUDENT), "buggy-student.png");
        assertEquals(List.of(), r.consoleErrors());
        assertTrue(r.screenshotIsPng());
    }

    @Test
    void theBuggySamplesStudentViewBeforeTheDueDateShowsWherePointsWentAndTheNamedMistake() throws Exception {
        Path page = BuggySample.report(Reader.STUDENT);
        Render r = render(page, "buggy-student-before-due-date.png");
        assertEquals(List.of(), r.consoleErrors());
        assertTrue(r.screenshotIsPng());
        String dom = dom(page);
        assertTrue(dom.contains("<div class=\"hint\">Likely mistake: your ELU derivative"), () -> "the named mistake"
                + " of a hidden test is on the rendered page:\n" + dom);
        assertTrue(dom.contains("<th>lost in tests</th>") && dom.contains("2.2.1 (−"), () -> "the parts table says"
                + " where points went:\n" + dom);
        assertFalse(dom.contains("on this hidden case") || dom.contains("your value:"), "no hidden case's value is rendered");
        assertFalse(dom.contains("<tr class=\"passed\"><td>Part 2"), "a part that lost points is not green");
    }

    @Test
    void aProblemSet2ReportShowsTrainingAgainstValidationCurvesWithoutConsoleErrors() throws Exception {
        Path page = Ps2Sample.report(Reader.STUDENT);
        Render r = render(page, "ps2-student.png");
        assertEquals(List.of(), r.consoleErrors());
        assertTrue(r.screenshotIsPng());
        String dom = dom(page);
        assertEquals(2, dom.split("alt=\"training and validation loss per epoch\"", -1).length - 1, () -> "both"
                + " trainings of Part 4 draw their training and validation curves:\n" + dom);
        assertTrue(dom.contains("Validation loss after epoch"), () -> "the last validation losses in numbers:\n" + dom);
    }

    @Test
    void studentReportAfterTheDueDateRendersWithoutConsoleErrors() throws Exception {
        Render r = render(BuggySample.report(Reader.STUDENT_AFTER_DUE_DATE), "buggy-student-after-due-date.png");
        assertEquals(List.of(), r.consoleErrors());
        assertTrue(r.screenshotIsPng());
    }

    @Test
    void reportWithHostileOutputRunsNoScript() throws Exception {
        Path page = BuggySample.ARTIFACTS.resolve("hostile.html");
        Files.createDirectories(page.getParent());
        Files.writeString(page, HtmlReport.render(Fixtures.document(), Reader.TA));
        Render r = render(page, "hostile.png");
        assertEquals(List.of(), r.consoleErrors(), "an escaped <script> neither runs nor trips the CSP");
    }

    @Test
    void aSubmissionThatThrowsAndPrintsMarkupGetsInertReports(@TempDir Path tmp) throws Exception {
        Path submission = tmp.resolve("sub");
        Trees.copy(BuggySample.sample("correct"), submission);
        Path perceptron = submission.resolve("src/main/java/nnlab/Perceptron.java");
        String source = Files.readString(perceptron);
        String hostile = source.replace("    public double weightedSum(double[] x) {\n        checkInput(x);", """
                    public double weightedSum(double[] x) {
                        System.out.println("<script>console.error('stdout ran')</script>");
                        if (x.length > 0 && x[0] == 1) {
                            throw new IllegalStateException("<script>console.error('message ran')</script>"
                                    + "<img src=x onerror=console.error(1)>");
                        }
                        checkInput(x);""");
        assertFalse(hostile.equals(source), "the patch no longer applies to Perceptron.java");
        Files.writeString(perceptron, hostile);
        ResultsDocument results = new Grader(new Ps1Assignment()).grade(submission,
                Grader.Options.defaults().withSeed(BuggySample.SEED).onlyTests("1.1").unsandboxed());
        assertTrue(results.toTree().toString().contains("<script>console.error('message ran')"),
                () -> "the student's markup must reach the results for this test to mean anything: " + results);
        for (Reader audience : Reader.values()) {
            Path page = BuggySample.ARTIFACTS.resolve("hostile-submission-" + audience.name().toLowerCase(
                    java.util.Locale.ROOT).replace('_', '-') + ".html");
            HtmlReport.write(results, page, audience);
            Render r = render(page, page.getFileName().toString().replace(".html", ".png"));
            assertEquals(List.of(), r.consoleErrors(), audience + ": the student's markup ran or tripped the CSP");
        }
    }

    @Test
    void theUntouchedStartersReportSaysWhatIsNotImplementedAndWhereToLook() throws Exception {
        ResultsDocument results = new Grader(new Ps1Assignment()).grade(BuggySample.REPOSITORY.resolve("starter-code/ps1"),
                Grader.Options.defaults().withSeed(BuggySample.SEED).onlyTests("1.1").unsandboxed());
        Path page = BuggySample.ARTIFACTS.resolve("starter-student-before-due-date.html");
        Files.createDirectories(page.getParent());
        HtmlReport.write(results, page, Reader.STUDENT, BEFORE_THE_DUE_DATE);
        Render r = render(page, "starter-student-before-due-date.png");
        assertEquals(List.of(), r.consoleErrors());
        assertTrue(r.screenshotIsPng());
        String dom = dom(page);
        assertTrue(dom.contains("Not implemented yet: Perceptron.weightedSum — see handout §1.1"), () -> "the"
                + " starter's own message says what to write and where the handout explains it:\n" + dom);
        assertFalse(dom.contains("Your code threw java.lang.UnsupportedOperationException"), dom);
        assertTrue(dom.contains("Student's view, before the due date"), dom);
        assertFalse(dom.contains("late submissions are open"), "before the due date there is no late period yet");
    }

    @Test
    void theBatchPageShowsRosterProblemsAndBarsAsLongAsTheirRates(@TempDir Path out) throws Exception {
        Files.createDirectories(out.resolve("results"));
        BuggySample.json().write(out.resolve("results").resolve("s01.json"));
        BatchPage.Notes notes = new BatchPage.Notes(List.of("No --canvas-id: find the id in Canvas."),
                List.of("Nobody, Zed (1099)"), List.of("stranger"), "gradebook-not-on-roster.csv");
        Path index = BatchPageTests.page(out, BEFORE_THE_DUE_DATE, notes);
        Path page = BuggySample.ARTIFACTS.resolve("batch-index.html");
        Files.copy(index, page, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Render r = render(page, "batch-index.png");
        assertEquals(List.of(), r.consoleErrors());
        assertTrue(r.screenshotIsPng());
        String dom = dom(page);
        assertTrue(dom.contains("<li>Nobody, Zed (1099)</li>") && dom.contains("<li>stranger</li>")
                && dom.contains("No --canvas-id"), () -> "the roster's problems are on the rendered page:\n" + dom);
        java.util.regex.Matcher bar = java.util.regex.Pattern.compile("<td class=\"num\">(\\d+)%</td><td><span"
                + " class=\"bar\"[^>]*><span style=\"width: ?(\\d+)%;?\">").matcher(dom);
        int bars = 0;
        while (bar.find()) {
            bars++;
            assertEquals(bar.group(1), bar.group(2), "a bar as long as its pass rate");
        }
        assertTrue(bars > 0, () -> "no pass-rate bars rendered:\n" + dom);
    }

    /** What one headless run left: its log lines and the screenshot. */
    record Render(List<String> consoleErrors, String log, Path screenshot) {
        boolean screenshotIsPng() throws IOException {
            if (!Files.isRegularFile(screenshot)) {
                return false;
            }
            byte[] head = Files.readAllBytes(screenshot);
            return head.length > PNG.length && java.util.Arrays.equals(java.util.Arrays.copyOf(head, PNG.length), PNG);
        }
    }

    private static Render render(Path page, String screenshotName) throws Exception {
        Path screenshot = BuggySample.ARTIFACTS.resolve(screenshotName);
        Files.deleteIfExists(screenshot);
        Path profile = Files.createTempDirectory("nnlab-chromium-");
        Path log = Files.createTempFile("nnlab-chromium-", ".log");
        // /dev/shm is small in many CI containers (a tall page would crash the renderer there), and the network is
        // closed: nothing may try to reach out.
        List<String> command = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0", "--hide-scrollbars", "--window-size=" + WINDOW,
                "--screenshot=" + screenshot, page.toUri().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(PAGE_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish " + page + " within " + PAGE_SECONDS + " s");
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String text = Files.readString(log);
        Files.copy(log, BuggySample.ARTIFACTS.resolve(screenshotName.replace(".png", ".log")),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(log);
        Trees.delete(profile);
        List<String> errors = new ArrayList<>();
        for (String line : text.split("\n")) {
            // Chromium logs each page console message as "CONSOLE(line)] text, source: url"; CSP refusals and
            // uncaught exceptions come the same way.
            if (line.contains(":CONSOLE") || line.contains("Uncaught") || line.contains("Refused to")
                    || line.contains("Failed to load")) {
                errors.add(line);
            }
        }
        return new Render(errors, text, screenshot);
    }

    /** Returns the page's DOM after Chromium has parsed and laid it out: what a reader's browser holds. */
    private static String dom(Path page) throws Exception {
        Path profile = Files.createTempDirectory("nnlab-chromium-");
        Path out = Files.createTempFile("nnlab-dom-", ".html");
        List<String> command = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
                "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(PAGE_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not dump " + page + " within " + PAGE_SECONDS + " s");
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String text = Files.readString(out);
        Files.delete(out);
        Trees.delete(profile);
        return text;
    }

    private static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
