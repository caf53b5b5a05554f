package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import nnlab.grader.cli.Main;
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

        @Test
        void theGradeCommandWritesBothReportsBesideTheResults(@TempDir Path tmp) throws Exception {
            Path results = tmp.resolve("results.json");
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            int exit;
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                exit = Main.run("grade", "--assignment", "ps1", "--submission",
                        BuggySample.sample("buggy").toString(), "--out",
                        results.toString(), "--seed", Long.toString(BuggySample.SEED), "--in-process",
                        "--view", "student");
            } finally {
                System.setOut(stdout);
            }
            String terminal = captured.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, terminal);
            assertTrue(Files.readString(tmp.resolve("report.html")).contains("Student's view"));
            assertTrue(Files.readString(tmp.resolve("report-ta.html")).contains("<table class=\"gradient-check\">"));
            assertTrue(terminal.contains("Student's report: " + tmp.resolve("report.html").toAbsolutePath()), terminal);
            assertTrue(terminal.matches("(?s).*3\\.2\\.1 +(passed|failed) +[0-9.]+ / 5 .*"), "--view student shows"
                    + " every outcome before the due date:\n" + terminal);
            assertFalse(terminal.contains("hidden case"), "--view student keeps the hidden cases back:\n" + terminal);
            assertFalse(terminal.contains("Seed"), terminal);
        }

        @Test
        void withNoReportOnlyTheResultsAreWritten(@TempDir Path tmp) {
            Path results = tmp.resolve("out.json");
            assertEquals(0, Main.run("grade", "--assignment", "ps1", "--submission",
                    BuggySample.sample("correct").toString(), "--out",
                    results.toString(), "--seed", "1", "--in-process", "--no-report"));
            assertTrue(Files.isRegularFile(results));
            assertFalse(Files.exists(tmp.resolve("out.html")));
            assertFalse(Files.exists(tmp.resolve("out-ta.html")));
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
