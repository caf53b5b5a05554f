package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.Reader;
import nnlab.grader.report.ResultsDocument;

class HtmlReportTests {

    @Nested
    class HostileText {

        @Test
        void scriptInStudentOutputIsRenderedInert() {
            String html = HtmlReport.render(Fixtures.document(), Reader.STUDENT);
            assertFalse(html.contains("<script"), "a raw <script> reached the page");
            assertFalse(html.contains("<img src=x"), "a raw <img> from student output reached the page");
            assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "escaped text is shown");
        }

        @Test
        void pageForbidsScriptsAndOutsideRequests() {
            String html = HtmlReport.render(Fixtures.document(), Reader.TA);
            assertTrue(html.contains("default-src 'none'"));
            assertFalse(html.matches("(?s).*(src|href)=\"(https?:|//).*"), "the page refers to an outside asset");
        }
    }

    @Nested
    class Visibility {

        @Test
        void hiddenTestShowsOnlyThatItExistsAndItsPoints() {
            String html = HtmlReport.render(Fixtures.document(), Reader.STUDENT_AFTER_DUE_DATE);
            assertTrue(html.contains("<b>3.2.2</b> Hidden test — 5 pts"));
            assertFalse(html.contains(Fixtures.HIDDEN_VALUE), "a hidden test's data reached the student");
            assertFalse(html.contains("Dense backward"));
            assertFalse(html.contains("gradient-check"));
        }

        @Test
        void taSeesHiddenGradientCheckIsolationAndSeed() {
            String html = HtmlReport.render(Fixtures.document(), Reader.TA);
            assertTrue(html.contains("<table class=\"gradient-check\">"));
            assertTrue(html.contains("0.918274"), "the analytic value is in the table");
            assertTrue(html.contains("Seed: <code>42</code>"));
            assertTrue(html.contains("isolation: <b>bubblewrap</b>"));
        }

        @Test
        void studentDoesNotSeeTheSeed() {
            String html = HtmlReport.render(Fixtures.document(), Reader.STUDENT);
            assertFalse(html.contains("Seed"), "with the seed a student could regenerate the run's probes");
        }

        @Test
        void studentBeforeTheDueDateIsToldWhenMoreWillShow() {
            String html = HtmlReport.render(Fixtures.document(), Reader.STUDENT);
            assertTrue(html.contains("1 test shows only its points here: tests marked “shown after the due date” show"
                    + " their results from 2027-02-19 23:59:00 UTC-05:00, when no late submission is accepted"), html);
        }

        @Test
        void theDueDateDecidesWhichStudentReads() {
            var results = Fixtures.results();
            assertEquals(Reader.STUDENT, Fixtures.document(results).studentAt(Instant.parse("2027-02-20T04:58:59Z")));
            assertEquals(Reader.STUDENT_AFTER_DUE_DATE,
                    Fixtures.document(results).studentAt(Instant.parse("2027-02-20T04:59:00Z")));
        }

        @Test
        void afterDueDateTestsWaitForTheLastLateSubmission() {
            var results = (ObjectNode) Fixtures.results();
            ((ObjectNode) results.get("extra_data")).put("after_due_date_shown_from", "2027-02-21T23:59:00-05:00");
            assertEquals(Reader.STUDENT, Fixtures.document(results).studentAt(Instant.parse("2027-02-21T12:00:00Z")),
                    "past the due date, but a student with late days can still submit");
            assertEquals(Reader.STUDENT_AFTER_DUE_DATE,
                    Fixtures.document(results).studentAt(Instant.parse("2027-02-22T04:59:00Z")));
            assertTrue(HtmlReport.render(Fixtures.document(results), Reader.STUDENT).contains("from 2027-02-21 23:59:00 UTC-05:00"));
        }

        @Test
        void theStudentsViewSaysBeforeTheDueDateUntilItPasses() {
            var results = (ObjectNode) Fixtures.results();
            ((ObjectNode) results.get("extra_data")).put("after_due_date_shown_from", "2027-02-21T23:59:00-05:00");
            String before = HtmlReport.render(Fixtures.document(results), Reader.STUDENT,
                    Instant.parse("2027-02-19T12:00:00Z"));
            assertTrue(before.contains("Student's view, before the due date (2027-02-19 23:59:00 UTC-05:00).</p>"),
                    before);
            assertFalse(before.contains("late submissions are open"), "no late period before the due date");
            String late = HtmlReport.render(Fixtures.document(results), Reader.STUDENT,
                    Instant.parse("2027-02-21T12:00:00Z"));
            assertTrue(late.contains("Student's view, after the due date (2027-02-19 23:59:00 UTC-05:00) while late"
                    + " submissions are open (until 2027-02-21 23:59:00 UTC-05:00).</p>"), late);
            String closed = HtmlReport.render(Fixtures.document(results), Reader.STUDENT_AFTER_DUE_DATE,
                    Instant.parse("2027-03-01T00:00:00Z"));
            assertTrue(closed.contains("Student's view, after late submissions closed.</p>"), closed);
        }

        @Test
        void withoutARecordedDueDateTheViewClaimsNoDate() {
            var results = (ObjectNode) Fixtures.results();
            ((ObjectNode) results.get("extra_data")).remove("due");
            String html = HtmlReport.render(Fixtures.document(results), Reader.STUDENT, Instant.parse("2027-02-01T00:00:00Z"));
            assertTrue(html.contains("Student's view, before late submissions close.</p>"), html);
        }

        @Test
        void resultsWithoutAReadableDueDateShowTheLeast() {
            var results = (ObjectNode) Fixtures.results();
            ((ObjectNode) results.get("extra_data")).put("due", "next Friday");
            assertEquals(Reader.STUDENT, Fixtures.document(results).studentAt(Instant.parse("2099-01-01T00:00:00Z")));
            ((ObjectNode) results.get("extra_data")).remove("due");
            assertEquals(Reader.STUDENT, Fixtures.document(results).studentAt(Instant.parse("2099-01-01T00:00:00Z")));
        }
    }

    @Nested
    class ReadingResults {

        @Test
        void aFileThatIsNotJsonSaysWhichFileAndWhy(@TempDir Path tmp) throws Exception {
            Path file = tmp.resolve("results.json");
            Files.writeString(file, "Score: 100");
            IOException e = assertThrows(IOException.class, () -> ResultsDocument.read(file));
            assertTrue(e.getMessage().startsWith(file + " is not valid JSON"), e.getMessage());
        }

        @Test
        void jsonWithoutTestsIsNotAResultsFile(@TempDir Path tmp) throws Exception {
            Path file = tmp.resolve("results.json");
            Files.writeString(file, "[1, 2]");
            IOException e = assertThrows(IOException.class, () -> ResultsDocument.read(file));
            assertTrue(e.getMessage().contains("needs a \"tests\" array"), e.getMessage());
        }

        @Test
        void aMissingFileIsAnIoError(@TempDir Path tmp) {
            assertThrows(IOException.class, () -> ResultsDocument.read(tmp.resolve("missing.json")));
        }
    }

    @Nested
    class Feedback {

        @Test
        void namedMistakeIsAHint() {
            String html = HtmlReport.render(Fixtures.document(), Reader.STUDENT);
            assertTrue(html.contains("<div class=\"hint\">Likely mistake: p &gt; 0.5 instead of p ≥ 0.5.</div>"));
        }

        @Test
        void compileErrorShowsFileAndLine() {
            String html = HtmlReport.render(Fixtures.document(), Reader.STUDENT);
            assertTrue(html.contains("<td><code>nnlab/Dense.java:12</code></td><td><pre>error: &#39;;&#39; expected"),
                    html);
        }

        @Test
        void partsAreTitledFromTheAssignment() {
            var results = (ObjectNode) Fixtures.results();
            ObjectNode part = ((ObjectNode) results.get("extra_data")).putArray("parts").addObject();
            part.put("id", "part1").put("title", "The perceptron <1>").put("points", 20);
            part.putArray("sections").add("1.2");
            String html = HtmlReport.render(Fixtures.document(results), Reader.STUDENT);
            assertTrue(html.contains("<td>Part 1 — The perceptron &lt;1&gt;</td>"), html);
            assertTrue(html.contains("<td>Part 3</td>"), "a test outside the recorded parts keeps its number");
        }

        @Test
        void compilerLinesOfTheOutputAreShownOnceInTheTable() {
            var results = (ObjectNode) Fixtures.results();
            results.put("output", "Score: 3.5 / 10\nCompiler errors:\n  nnlab/Dense.java:12: error: ';' expected\n"
                    + "Replaced nnlab/Dense.java by the starter's version because it did not compile.\nOther note\n");
            String html = HtmlReport.render(Fixtures.document(results), Reader.STUDENT);
            assertEquals(1, html.split("&#39;;&#39; expected", -1).length - 1, html);
            assertFalse(html.contains("Replaced nnlab/Dense.java"), html);
            assertTrue(html.contains("<pre class=\"summary\">Other note</pre>"), html);
        }

        @Test
        void theLateDayLineIsShownAndTheScoreLineIsNotRepeated() {
            String html = HtmlReport.render(Fixtures.document(), Reader.STUDENT);
            assertTrue(html.contains("<pre class=\"summary\">Submitted 2027-02-20 10:00:00 EST: 1 late day used.</pre>"),
                    html);
            assertFalse(html.contains("Score: 3.5"));
        }

        @Test
        void anEmptyLossHistoryDrawsNoCurve() {
            var results = (ObjectNode) Fixtures.results();
            ((ObjectNode) results.path("tests").get(2).path("extra_data")).putArray("loss_history");
            String html = HtmlReport.render(Fixtures.document(results), Reader.STUDENT);
            assertFalse(html.contains("loss-curve"), html);
            assertTrue(html.contains("<img class=\"accuracy\""), "the accuracy plot is still drawn");
        }

        @Test
        void aRecordedValidationHistoryIsDrawnWithTheTrainingCurveAndItsLastValueWritten() {
            var results = (ObjectNode) Fixtures.results();
            ObjectNode data = (ObjectNode) results.path("tests").get(2).path("extra_data");
            data.putArray("val_loss_history").add(0.8).add(0.6).add(0.65);
            data.putArray("reference_val_loss_history").add(0.8).add(0.55).add(0.5);
            String html = HtmlReport.render(Fixtures.document(results), Reader.STUDENT);
            assertTrue(html.contains("alt=\"training and validation loss per epoch\""), html);
            assertTrue(html.contains("Validation loss after epoch 3: yours 0.650000, the reference's 0.500000."), html);
        }

        @Test
        void withoutAValidationHistoryTheCurveIsTheTrainingLossAlone() {
            String html = HtmlReport.render(Fixtures.document(), Reader.STUDENT);
            assertTrue(html.contains("alt=\"training loss per epoch\""), html);
            assertFalse(html.contains("Validation loss after epoch"), html);
        }

        @Test
        void partsCountHiddenPointsApart() {
            String html = HtmlReport.render(Fixtures.document(), Reader.STUDENT);
            assertTrue(html.contains("<tr class=\"neutral\"><td>Part 3</td><td class=\"num\">0 / 0</td>"
                    + "<td class=\"num\">0</td><td></td><td class=\"num\">5</td>"), html);
            assertTrue(html.contains("<tr class=\"failed\"><td>Part 1</td><td class=\"num\">1.5 / 3</td>"
                    + "<td class=\"num\">1.5</td><td>1.2.1 (−1.5)</td>"), html);
        }

        @Test
        void lossCurveAndAccuracyArePlottedAsDataUris() {
            String html = HtmlReport.render(Fixtures.document(), Reader.STUDENT);
            assertTrue(html.contains("<img class=\"loss-curve\" alt=\"training loss per epoch\" src=\"data:image/png;"
                    + "base64,"));
            assertTrue(html.contains("<img class=\"accuracy\""));
        }
    }
}
