package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMainTests {

    /** Runs the command line with stderr captured; returns the exit code and what it printed there. */
    private static Ran run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Ran(ReportMain.run(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    private record Ran(int exitCode, String err) {
    }

    private static Path results(Path tmp) throws Exception {
        Path results = tmp.resolve("results.json");
        Fixtures.JSON.writeValue(results.toFile(), Fixtures.results());
        return results;
    }

    @Nested
    class Writing {
        @Test
        void studentWritesTheReportForTheAudienceAsked(@TempDir Path tmp) throws Exception {
            Path results = results(tmp);
            assertEquals(0, run("student", results.toString(), tmp.resolve("ta.html").toString(), "ta").exitCode());
            assertTrue(Files.readString(tmp.resolve("ta.html")).contains("TA's view"));
        }

        @Test
        void theAudienceIsWrittenAsOnTheCommandLine(@TempDir Path tmp) throws Exception {
            Path results = results(tmp);
            assertEquals(0, run("student", results.toString(), tmp.resolve("s.html").toString(),
                    "student-after-due-date").exitCode());
            assertTrue(Files.readString(tmp.resolve("s.html")).contains("after late submissions closed"));
        }

        @Test
        void resultsThatAreNotJsonAreNotAReport(@TempDir Path tmp) throws Exception {
            Path results = Files.writeString(tmp.resolve("results.json"), "<html>");
            Ran ran = run("student", results.toString());
            assertEquals(1, ran.exitCode());
            assertTrue(ran.err().contains("Report not written") && ran.err().contains("not valid JSON"), ran.err());
            assertTrue(Files.notExists(tmp.resolve("report.html")));
        }
    }

    @Nested
    class BadUsage {
        @Test
        void anUnknownReaderSaysWhichOnesExist(@TempDir Path tmp) throws Exception {
            Ran ran = run("student", results(tmp).toString(), tmp.resolve("x.html").toString(), "parent");
            assertEquals(2, ran.exitCode());
            assertTrue(ran.err().contains("use student, student-after-due-date or ta"), ran.err());
            assertTrue(ran.err().contains("--help"), ran.err());
        }

        @Test
        void aBatchWithoutAFolderIsBadUsage(@TempDir Path tmp) {
            assertEquals(2, run("batch").exitCode());
            Ran missing = run("batch", tmp.resolve("missing").toString());
            assertEquals(2, missing.exitCode());
            assertTrue(missing.err().contains("is not a folder"), missing.err());
        }

        @Test
        void noCommandSaysWhichToName() {
            Ran ran = run();
            assertEquals(2, ran.exitCode());
            assertTrue(ran.err().contains("name a command: student or batch"), ran.err());
        }
    }
}
