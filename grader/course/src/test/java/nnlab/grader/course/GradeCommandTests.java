package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.cli.ExitCode;
import nnlab.testsupport.GradedResults;

import picocli.CommandLine;

/**
 * {@code nnlab-grader grade}, the one command that grades one submission (also reached as {@code course grade}): its
 * exit codes, and the reports it writes beside the results.
 */
class GradeCommandTests {

    /** What one in-process run of the root printed and returned. */
    private record Ran(int exit, String out, String err) {
    }

    private static Ran run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine root = NnlabGrader.commandLine();
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        int exit = root.execute(args);
        return new Ran(exit, out.toString(), err.toString());
    }

    @Nested
    class ExitCodes {
        @Test
        void helpExitsZero() {
            assertEquals(ExitCode.OK.code(), run("grade", "--help").exit());
        }

        @Test
        void anUnknownAssignmentIsAUsageError(@TempDir Path tmp) {
            Ran ran = run("grade", "--assignment", "ps99", "--submission", tmp.toString(), "--out",
                    tmp.resolve("r.json").toString());
            assertEquals(ExitCode.USAGE.code(), ran.exit());
            assertTrue(ran.err().startsWith("nnlab-grader grade: unknown assignment 'ps99'"), ran::err);
            assertFalse(Files.exists(tmp.resolve("r.json")));
        }

        @Test
        void anOutFolderReceivesResultsJson(@TempDir Path tmp) throws Exception {
            Path notAZip = Files.writeString(tmp.resolve("submission.zip"), "not a zip");
            Path folder = Files.createDirectory(tmp.resolve("out"));
            assertEquals(ExitCode.REFUSED.code(), run("grade", "--assignment", "ps1", "--submission",
                    notAZip.toString(), "--out", folder.toString(), "--seed", "3", "--no-report").exit());
            GradedResults.assertValid(folder.resolve("results.json"));
        }

        @Test
        void anOutInAMissingFolderIsAUsageErrorBeforeGrading(@TempDir Path tmp) throws Exception {
            Path notAZip = Files.writeString(tmp.resolve("submission.zip"), "not a zip");
            Ran ran = run("grade", "--assignment", "ps1", "--submission", notAZip.toString(), "--out",
                    tmp.resolve("missing").resolve("results.json").toString(), "--no-report");
            assertEquals(ExitCode.USAGE.code(), ran.exit());
            assertTrue(ran.err().contains("--out: the folder " + tmp.resolve("missing") + " does not exist"), ran::err);
        }

        @Test
        void aMissingOptionIsAUsageError() {
            assertEquals(ExitCode.USAGE.code(), run("grade", "--assignment", "ps1").exit());
        }

        @Test
        void aRefusedSubmissionExitsRefusedWithValidResults(@TempDir Path tmp) throws Exception {
            Path notAZip = Files.writeString(tmp.resolve("submission.zip"), "not a zip");
            Path out = tmp.resolve("results.json");
            assertEquals(ExitCode.REFUSED.code(), run("grade", "--assignment", "ps1", "--submission",
                    notAZip.toString(), "--out", out.toString(), "--seed", "3", "--no-report").exit());
            GradedResults.assertValid(out);
        }

        @Test
        void theCourseGradeIsTheSameCommand(@TempDir Path tmp) throws Exception {
            Path notAZip = Files.writeString(tmp.resolve("submission.zip"), "not a zip");
            Path out = tmp.resolve("results.json");
            assertEquals(ExitCode.REFUSED.code(), run("course", "grade", "--assignment", "ps1", "--submission",
                    notAZip.toString(), "--out", out.toString(), "--seed", "3", "--no-report").exit());
            CommandLine root = NnlabGrader.commandLine();
            assertInstanceOf(GradeCommand.class, root.getSubcommands().get("grade").getCommand());
            assertInstanceOf(GradeCommand.class,
                    root.getSubcommands().get("course").getSubcommands().get("grade").getCommand());
        }
    }

    @Nested
    @Tag("slow")
    class Reports {
        @Test
        void bothReportsAreWrittenBesideTheResults(@TempDir Path tmp) throws Exception {
            Path results = tmp.resolve("results.json");
            Ran ran = run("grade", "--assignment", "ps1", "--submission", Course.sample("buggy").toString(), "--out",
                    results.toString(), "--seed", Long.toString(Course.SEED), "--in-process", "--view", "student");
            assertEquals(ExitCode.OK.code(), ran.exit(), ran::toString);
            assertTrue(Files.readString(tmp.resolve("report.html")).contains("Student's view"));
            assertTrue(Files.readString(tmp.resolve("report-ta.html")).contains("<table class=\"gradient-check\">"));
            assertTrue(ran.out().contains("Student's report: " + tmp.resolve("report.html").toAbsolutePath()),
                    ran::out);
            assertTrue(ran.out().matches("(?s).*3\\.2\\.1 +(passed|failed) +[0-9.]+ / 5 .*"), "--view student shows"
                    + " every outcome before the due date:\n" + ran.out());
            assertFalse(ran.out().contains("hidden case"), "--view student keeps the hidden cases back:\n" + ran.out());
            assertFalse(ran.out().contains("Seed"), ran::out);
            assertFalse(ran.out().contains("Final score"), "no late policy applied, so the total is the last word:\n"
                    + ran.out());
        }

        @Test
        void withNoReportOnlyTheResultsAreWritten(@TempDir Path tmp) throws Exception {
            Path results = tmp.resolve("out.json");
            assertEquals(ExitCode.OK.code(), run("grade", "--assignment", "ps1", "--submission",
                    Course.sample("correct").toString(), "--out", results.toString(), "--seed", "1", "--in-process",
                    "--no-report").exit());
            assertTrue(Files.isRegularFile(results));
            assertFalse(Files.exists(tmp.resolve("out.html")));
            assertFalse(Files.exists(tmp.resolve("report.html")));
            assertFalse(Files.exists(tmp.resolve("out-ta.html")));
        }
    }
}
