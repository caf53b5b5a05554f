package nnlab.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.Reader;
import nnlab.grader.report.ReportWriter;
import nnlab.grader.report.ResultsDocument;

class FeedbackTests {

    private static final Object A_TERMINAL = new Object();

    @Nested
    class Colour {

        @Test
        void onlyOnATerminalWithoutNoColor() {
            assertTrue(ReportWriter.colourWanted(A_TERMINAL, Map.of()));
            assertFalse(ReportWriter.colourWanted(A_TERMINAL, Map.of("NO_COLOR", "")));
            assertFalse(ReportWriter.colourWanted(null, Map.of()));
        }
    }

    @Nested
    class WithoutTheReportModule {

        @Test
        void theEngineAloneFindsNoReportWriter() {
            assertTrue(ReportWriter.installed().isEmpty(), "the engine must not depend on the report module");
        }

        @Test
        void printsThePlainSummaryAndSaysNoReportWasWritten(@TempDir Path tmp) throws Exception {
            Path results = Files.writeString(tmp.resolve("results.json"), "{\"tests\": []}");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Feedback.publish(ResultsDocument.read(results), results, tmp.resolve("report.html"),
                    tmp.resolve("report-ta.html"), Reader.TA, "Score: 0 / 0\nSubmitted on time.\n",
                    new PrintWriter(out), new PrintWriter(err));
            assertEquals("Total: 0.00 / 0.00\nSubmitted on time.\nResults: " + results.toAbsolutePath() + "\n",
                    out.toString().replace(System.lineSeparator(), "\n"));
            assertTrue(err.toString().contains("No report module on the class path"), err.toString());
            assertFalse(Files.exists(tmp.resolve("report.html")));
        }
    }

    @Nested
    class Readers {
        @Test
        void areNamedOnTheCommandLineAsTheReportsCallThem() {
            assertEquals(List.of("student", "student-after-due-date", "ta"),
                    Arrays.stream(Reader.values()).map(Reader::commandLineName).toList());
            assertEquals(Reader.STUDENT_AFTER_DUE_DATE, Reader.fromCommandLine("Student-After-Due-Date"));
        }

        @Test
        void anUnknownReaderSaysWhichToUse() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Reader.fromCommandLine("staff"));
            assertTrue(e.getMessage().contains("use student, student-after-due-date or ta"), e.getMessage());
        }
    }

    @Nested
    class ReportNames {

        @Test
        void resultsJsonGetsReportAndReportTa() {
            Path results = Path.of("out", "results.json");
            assertEquals(Path.of("out", "report.html"), ReportWriter.studentReportBeside(results));
            assertEquals(Path.of("out", "report-ta.html"), ReportWriter.taReportBeside(results));
        }

        @Test
        void anyOtherNameKeepsItsStem() {
            Path results = Path.of("out", "s01.json");
            assertEquals(Path.of("out", "s01.html"), ReportWriter.studentReportBeside(results));
            assertEquals(Path.of("out", "s01-ta.html"), ReportWriter.taReportBeside(results));
        }
    }
}
