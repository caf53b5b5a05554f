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

import nnlab.grader.report.ReportWriter;

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
            Path results = tmp.resolve("results.json");
            Fixtures.JSON.writeValue(results.toFile(), Fixtures.results());

            Path ta = tmp.resolve("t.html");
            new HtmlReportWriter(at("2027-02-01T00:00:00Z")).write(results, tmp.resolve("a.html"), ta);
            assertTrue(Files.readString(tmp.resolve("a.html")).contains("Student's view, before the due date"));

            new HtmlReportWriter(at("2027-03-01T00:00:00Z")).write(results, tmp.resolve("b.html"), ta);
            assertTrue(Files.readString(tmp.resolve("b.html")).contains("after late submissions closed."));
            assertTrue(Files.readString(tmp.resolve("t.html")).contains("TA's view"));
        }

        @Test
        void terminalSummaryForAStudentHidesWhatTheReportHides(@TempDir Path tmp) throws Exception {
            Path results = tmp.resolve("results.json");
            Fixtures.JSON.writeValue(results.toFile(), Fixtures.results());
            HtmlReportWriter writer = new HtmlReportWriter(at("2027-03-01T00:00:00Z"));
            assertFalse(writer.terminalSummary(results, false, false).contains(Fixtures.HIDDEN_VALUE));
            assertTrue(writer.terminalSummary(results, true, false).contains("3.2.2   failed"));
        }
    }
}
