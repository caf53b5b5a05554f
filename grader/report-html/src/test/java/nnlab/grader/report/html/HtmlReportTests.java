package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HtmlReportTests {

    @Nested
    class HostileText {

        @Test
        void scriptInStudentOutputIsRenderedInert() {
            String html = HtmlReport.render(Fixtures.results(), Audience.STUDENT);
            assertFalse(html.contains("<script"), "a raw <script> reached the page");
            assertFalse(html.contains("<img src=x"), "a raw <img> from student output reached the page");
            assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "escaped text is shown");
        }

        @Test
        void pageForbidsScriptsAndOutsideRequests() {
            String html = HtmlReport.render(Fixtures.results(), Audience.TA);
            assertTrue(html.contains("default-src 'none'"));
            assertFalse(html.matches("(?s).*(src|href)=\"(https?:|//).*"), "the page refers to an outside asset");
        }
    }

    @Nested
    class Visibility {

        @Test
        void hiddenTestShowsOnlyThatItExistsAndItsPoints() {
            String html = HtmlReport.render(Fixtures.results(), Audience.STUDENT_AFTER_DUE_DATE);
            assertTrue(html.contains("<b>3.2.2</b> Hidden test — 5 pts"));
            assertFalse(html.contains(Fixtures.HIDDEN_VALUE), "a hidden test's data reached the student");
            assertFalse(html.contains("Dense backward"));
            assertFalse(html.contains("gradient-check"));
        }

        @Test
        void taSeesHiddenGradientCheckIsolationAndSeed() {
            String html = HtmlReport.render(Fixtures.results(), Audience.TA);
            assertTrue(html.contains("<table class=\"gradient-check\">"));
            assertTrue(html.contains("0.918274"), "the analytic value is in the table");
            assertTrue(html.contains("Seed: <code>42</code>"));
            assertTrue(html.contains("isolation: <b>bubblewrap</b>"));
        }

        @Test
        void studentDoesNotSeeTheSeed() {
            String html = HtmlReport.render(Fixtures.results(), Audience.STUDENT);
            assertFalse(html.contains("Seed"), "with the seed a student could regenerate hidden random cases");
        }
    }

    @Nested
    class Feedback {

        @Test
        void namedMistakeIsAHint() {
            String html = HtmlReport.render(Fixtures.results(), Audience.STUDENT);
            assertTrue(html.contains("<div class=\"hint\">Likely mistake: p &gt; 0.5 instead of p ≥ 0.5.</div>"));
        }

        @Test
        void compileErrorShowsFileAndLine() {
            String html = HtmlReport.render(Fixtures.results(), Audience.STUDENT);
            assertTrue(html.contains("<td><code>nnlab/Dense.java:12</code></td><td><pre>error: &#39;;&#39; expected"),
                    html);
        }

        @Test
        void partsCountHiddenPointsApart() {
            String html = HtmlReport.render(Fixtures.results(), Audience.STUDENT);
            assertTrue(html.contains("<td>Part 3</td><td class=\"num\">0 / 0</td><td class=\"num\">5 pts</td>"), html);
            assertTrue(html.contains("<tr class=\"failed\"><td>Part 1</td><td class=\"num\">1.5 / 3</td>"));
        }

        @Test
        void lossCurveAndAccuracyArePlottedAsDataUris() {
            String html = HtmlReport.render(Fixtures.results(), Audience.STUDENT);
            assertTrue(html.contains("<img class=\"loss-curve\" alt=\"training loss per epoch\" src=\"data:image/png;"
                    + "base64,"));
            assertTrue(html.contains("<img class=\"accuracy\""));
        }
    }
}
