package nnlab.grader.course.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import nnlab.grader.course.audit.AuditReport.Counts;
import nnlab.grader.course.audit.AuditReport.Fate;
import nnlab.grader.course.audit.AuditReport.Generation;
import nnlab.grader.course.audit.AuditReport.TestRun;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the audit page needs of its escaping: a diff keeps its lines in a {@code pre}, and code never becomes markup. */
class AuditPageTests {

    private static final String DIFF = "--- a/Dense.java\n+++ b/Dense.java\n-    if (a < b && c > d) {\n"
            + "+    if (a <= b && c > d) {\n";

    private static String page(String status) {
        Mutant m = new Mutant("M1", "relational", "Dense.forward", "§3.2", 3, "Dense.java", 12, DIFF, "");
        Fate fate = new Fate(m, status, 1.0, null, List.of(new TestRun("3.2.1", "Dense <forward>", 2, 2, "passed")), null);
        Counts one = new Counts(1, 0, 1, 0, 0, 0, 0);
        return AuditPage.html(new AuditReport("ps1", 1, one, Map.of("3", one), Map.of("Dense.forward", one),
                new Generation(1, 1, 0, 0, 1, 0), List.of(fate)));
    }

    @Nested
    class Survivors {

        @Test
        void eachDiffLineIsALineOfThePreEscaped() {
            String html = page(AuditReport.SURVIVED);
            assertTrue(html.contains("<pre>--- a/Dense.java\n+++ b/Dense.java\n"
                    + "<span class=\"del\">-    if (a &lt; b &amp;&amp; c &gt; d) {</span>\n"
                    + "<span class=\"add\">+    if (a &lt;= b &amp;&amp; c &gt; d) {</span>\n</pre>"), html);
            assertTrue(html.contains("<li>Dense &lt;forward&gt; (2.00/2.00)</li>"), html);
        }
    }

    @Nested
    class ProbablyEquivalent {

        @Test
        void theWholeDiffKeepsItsLineBreaksEscaped() {
            String html = page(AuditReport.EQUIVALENT);
            assertTrue(html.contains("<pre>--- a/Dense.java\n+++ b/Dense.java\n-    if (a &lt; b &amp;&amp; c &gt; d) {\n"
                    + "+    if (a &lt;= b &amp;&amp; c &gt; d) {\n</pre>"), html);
            assertFalse(html.contains("a < b"), "code reached the page as markup");
        }
    }
}
