package nnlab.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.report.ReportWriter;

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
            Feedback.publish(results, tmp.resolve("report.html"), tmp.resolve("report-ta.html"), Feedback.View.TA,
                    "1.1.1 passed\nTotal: 2 / 2\n", "Score: 2 / 2\nSubmitted on time.\n", new PrintWriter(out),
                    new PrintWriter(err));
            assertEquals("1.1.1 passed\nTotal: 2 / 2\nSubmitted on time.\nResults: " + results.toAbsolutePath() + "\n",
                    out.toString().replace(System.lineSeparator(), "\n"));
            assertTrue(err.toString().contains("No report module on the class path"), err.toString());
            assertFalse(Files.exists(tmp.resolve("report.html")));
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
