package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMainTests {

    @Test
    void studentWritesTheReportForTheAudienceAsked(@TempDir Path tmp) throws Exception {
        Path results = tmp.resolve("results.json");
        Fixtures.JSON.writeValue(results.toFile(), Fixtures.results());
        assertEquals(0, ReportMain.run("student", results.toString(), tmp.resolve("ta.html").toString(), "ta"));
        assertTrue(Files.readString(tmp.resolve("ta.html")).contains("TA's view"));
    }

    @Test
    void anUnknownAudienceIsBadUsage(@TempDir Path tmp) throws Exception {
        Path results = tmp.resolve("results.json");
        Fixtures.JSON.writeValue(results.toFile(), Fixtures.results());
        assertEquals(2, ReportMain.run("student", results.toString(), tmp.resolve("x.html").toString(), "parent"));
        assertEquals(2, ReportMain.run("batch"));
        assertEquals(2, ReportMain.run("batch", tmp.resolve("missing").toString()));
    }

    @Test
    void resultsThatAreNotJsonAreAnIoErrorNotAReport(@TempDir Path tmp) throws Exception {
        Path results = Files.writeString(tmp.resolve("results.json"), "<html>");
        assertThrows(IOException.class, () -> ReportMain.run("student", results.toString()));
        assertTrue(Files.notExists(tmp.resolve("report.html")));
    }
}
