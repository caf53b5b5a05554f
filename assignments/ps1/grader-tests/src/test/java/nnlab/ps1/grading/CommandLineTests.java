package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.cli.Main;
import nnlab.testsupport.GradedResults;

/** The command line's exit codes, and that it writes valid results even for a refused submission. */
class CommandLineTests {

    @Test
    void helpExitsZero() {
        assertEquals(0, Main.run("grade", "--help"));
    }

    @Test
    void anUnknownAssignmentIsAUsageError(@TempDir Path tmp) {
        assertEquals(2, Main.run("grade", "--assignment", "ps99", "--submission", tmp.toString(), "--out",
                tmp.resolve("r.json").toString()));
    }

    @Test
    void aMissingOptionIsAUsageError() {
        assertEquals(2, Main.run("grade", "--assignment", "ps1"));
    }

    @Test
    void aRefusedSubmissionExitsThreeWithValidResults(@TempDir Path tmp) throws IOException {
        Path notAZip = Files.writeString(tmp.resolve("submission.zip"), "not a zip");
        Path out = tmp.resolve("results.json");
        assertEquals(Main.REFUSED, Main.run("grade", "--assignment", "ps1", "--submission", notAZip.toString(),
                "--out", out.toString(), "--seed", "3"));
        GradedResults.assertValid(out);
    }
}
