package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nnlab.grader.Reader;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TerminalSummaryTests {

    @Nested
    class Colour {

        @Test
        void plainTextHasNoEscapes() {
            String text = TerminalSummary.render(Fixtures.document(), Reader.STUDENT, false);
            assertFalse(text.contains("\u001b"));
            assertTrue(TerminalSummary.render(Fixtures.document(), Reader.STUDENT, true).contains("\u001b[31mfailed"));
        }
    }

    @Test
    void hiddenTestsShowOnlyTheirPoints() {
        String text = TerminalSummary.render(Fixtures.document(), Reader.STUDENT, false);
        assertTrue(text.contains("3.2.2   hidden       ? / 5"), text);
        assertFalse(text.contains(Fixtures.HIDDEN_VALUE));
        assertTrue(text.contains("Total: 3.5 / 10"));
    }

    @Test
    void afterDueDateTestsSayWhenTheyWillShow() {
        var results = (com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.results();
        ((com.fasterxml.jackson.databind.node.ObjectNode) results.path("tests").get(1)).put("visibility",
                "after_due_date");
        String text = TerminalSummary.render(Fixtures.document(results), Reader.STUDENT, false);
        assertTrue(text.contains("3.2.2   later        ? / 5      shown once late submissions close"), text);
        assertTrue(TerminalSummary.render(Fixtures.document(results), Reader.STUDENT_AFTER_DUE_DATE, false).contains("3.2.2   failed"));
    }

    @Test
    void controlCharactersFromMessagesCannotDriveTheTerminal() throws Exception {
        var results = (com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.results();
        ((com.fasterxml.jackson.databind.node.ObjectNode) results.path("tests").get(0)).put("output", "\u001b[2Jgone");
        assertFalse(TerminalSummary.render(Fixtures.document(results), Reader.STUDENT, false).contains("\u001b"));
    }
}
