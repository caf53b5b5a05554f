package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.Reader;
import nnlab.grader.report.ReportWriter;
import nnlab.grader.report.ResultsDocument;

@Tag("slow")
class HtmlReportWriterTests {

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Nested
    class AsTheGradersService {

        @Test
        void isWhatTheCommandLinesFind() {
            assertInstanceOf(HtmlReportWriter.class, ReportWriter.installed().orElseThrow());
        }
    }

    @Nested
    class TheStudentsView {

        @Test
        void followsTheClockAgainstTheDueDate(@TempDir Path tmp) throws Exception {
            ResultsDocument results = Fixtures.document();

            Path ta = tmp.resolve("t.html");
            new HtmlReportWriter(at("2027-02-01T00:00:00Z")).write(results, tmp.resolve("a.html"), ta);
            assertTrue(Files.readString(tmp.resolve("a.html")).contains("Student's view, before the due date"));

            new HtmlReportWriter(at("2027-03-01T00:00:00Z")).write(results, tmp.resolve("b.html"), ta);
            assertTrue(Files.readString(tmp.resolve("b.html")).contains("after late submissions closed."));
            assertTrue(Files.readString(tmp.resolve("t.html")).contains("TA's view"));
        }

        @Test
        void terminalSummaryForAStudentHidesWhatTheReportHides() {
            ResultsDocument results = Fixtures.document();
            HtmlReportWriter writer = new HtmlReportWriter(at("2027-03-01T00:00:00Z"));
            Reader student = results.studentAt(Instant.parse("2027-03-01T00:00:00Z"));
            assertFalse(writer.terminalSummary(results, student, false).contains(Fixtures.HIDDEN_VALUE));
            assertTrue(writer.terminalSummary(results, Reader.TA, false).contains("3.2.2   failed"));
        }
    }
}
