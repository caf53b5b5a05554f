package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.cli.ExitCode;

import picocli.CommandLine;

/** {@code nnlab-grader report}: reports of results already written, through the one root. */
class ReportCommandTests {

    /** A graded submission with a due date: one visible test and one hidden one. */
    private static final String RESULTS = """
            {"score": 3.5, "execution_time": 1.0, "output": "Score: 3.5 / 8\\n",
             "extra_data": {"seed": 42, "assignment": "ps1", "grader_version": "0.1.0", "jdk": "17",
               "due": "2027-02-19T23:59:00-05:00"},
             "tests": [
              {"name": "1.2.1 Prediction", "number": "1.2.1", "score": 1.5, "max_score": 3, "status": "failed",
               "visibility": "visible", "output": "1 of 2 cases passed."},
              {"name": "3.2.2 Dense backward", "number": "3.2.2", "score": 2, "max_score": 5, "status": "failed",
               "visibility": "hidden", "output": "a hidden case"}]}
            """;

    /** What one in-process run of the root printed on stderr and returned. */
    private record Ran(int exit, String err) {
    }

    private static Ran run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine root = NnlabGrader.commandLine();
        root.setOut(new PrintWriter(new StringWriter(), true));
        root.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Ran(root.execute(all), err.toString());
    }

    private static Path results(Path tmp) throws Exception {
        return Files.writeString(tmp.resolve("results.json"), RESULTS);
    }

    @Nested
    class Writing {
        @Test
        void studentWritesTheReportForTheReaderAsked(@TempDir Path tmp) throws Exception {
            Path results = results(tmp);
            assertEquals(ExitCode.OK.code(), run("student", results.toString(), tmp.resolve("ta.html").toString(),
                    "ta").exit());
            assertTrue(Files.readString(tmp.resolve("ta.html")).contains("TA's view"));
        }

        @Test
        void theReaderIsWrittenAsOnTheCommandLine(@TempDir Path tmp) throws Exception {
            Path results = results(tmp);
            assertEquals(ExitCode.OK.code(), run("student", results.toString(), tmp.resolve("s.html").toString(),
                    "student-after-due-date").exit());
            assertTrue(Files.readString(tmp.resolve("s.html")).contains("after late submissions closed"));
        }

        @Test
        void resultsThatAreNotJsonAreNotAReport(@TempDir Path tmp) throws Exception {
            Path results = Files.writeString(tmp.resolve("results.json"), "<html>");
            Ran ran = run("student", results.toString());
            assertEquals(ExitCode.NOT_WRITTEN.code(), ran.exit());
            assertTrue(ran.err().contains("Report not written") && ran.err().contains("not valid JSON"), ran.err());
            assertEquals(1, ran.err().lines().count(), ran.err());
            assertTrue(Files.notExists(tmp.resolve("report.html")));
        }
    }

    @Nested
    class BadUsage {
        @Test
        void anUnknownReaderSaysWhichOnesExist(@TempDir Path tmp) throws Exception {
            Ran ran = run("student", results(tmp).toString(), tmp.resolve("x.html").toString(), "parent");
            assertEquals(ExitCode.USAGE.code(), ran.exit());
            assertTrue(ran.err().contains("use student, student-after-due-date or ta"), ran.err());
            assertTrue(ran.err().startsWith("nnlab-grader report student: ") && ran.err().contains("--help"),
                    ran.err());
        }

        @Test
        void aBatchWithoutAFolderIsBadUsage(@TempDir Path tmp) {
            assertEquals(ExitCode.USAGE.code(), run("batch").exit());
            Ran missing = run("batch", tmp.resolve("missing").toString());
            assertEquals(ExitCode.USAGE.code(), missing.exit());
            assertTrue(missing.err().contains("is not a folder"), missing.err());
        }

        @Test
        void noCommandSaysWhichToName() {
            Ran ran = run();
            assertEquals(ExitCode.USAGE.code(), ran.exit());
            assertTrue(ran.err().contains("name a command: student or batch"), ran.err());
        }
    }
}
