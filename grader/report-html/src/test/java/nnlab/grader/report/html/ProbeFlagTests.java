package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nnlab.grader.Reader;

/** A probe's flag and the cases version reach the TA's views only. */
class ProbeFlagTests {

    private static final String FLAG = "Probe flag";

    private static JsonNode flagged() {
        ObjectNode results = (ObjectNode) Fixtures.results();
        ((ObjectNode) results.get("extra_data")).set("cases", Fixtures.JSON.createObjectNode()
                .put("version", "2027-spring.1").put("digest", "0123456789abcdef"));
        ObjectNode visible = (ObjectNode) results.get("tests").get(0);
        ObjectNode probes = visible.putObject("extra_data").putObject("probes");
        probes.put("run", 8).put("failed", 2).put("flag", true);
        probes.putArray("failures").add("probe 3, 7 features: weightedSum is off");
        probes.putArray("notes");
        return results;
    }

    @Test
    void theTaSeesTheFlagAndTheCasesVersionInBothViews() {
        String html = HtmlReport.render(Fixtures.document(flagged()), Reader.TA);
        assertTrue(html.contains(FLAG) && html.contains("2 of 8 probes failed"), html);
        assertTrue(html.contains("2027-spring.1") && html.contains("0123456789abcdef"), html);
        String terminal = TerminalSummary.render(Fixtures.document(flagged()), Reader.TA, false);
        assertTrue(terminal.contains(FLAG) && terminal.contains("weightedSum is off"), terminal);
    }

    @Test
    void studentsSeeNeitherTheFlagNorTheCasesVersion() {
        for (Reader student : new Reader[] {Reader.STUDENT, Reader.STUDENT_AFTER_DUE_DATE}) {
            String html = HtmlReport.render(Fixtures.document(flagged()), student);
            assertFalse(html.contains(FLAG) || html.contains("probe") || html.contains("2027-spring.1"), html);
            String terminal = TerminalSummary.render(Fixtures.document(flagged()), student, false);
            assertFalse(terminal.contains(FLAG), terminal);
        }
    }
}
