package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchFolderTests {

    private static final Instant BEFORE_DUE = Instant.parse("2027-02-01T00:00:00Z");

    @Nested
    class TheLayout {
        @Test
        void placesEachSubmissionsFilesUnderItsName() {
            BatchFolder batch = new BatchFolder(Path.of("out"));
            assertEquals(Path.of("out", "results", "s01.json"), batch.result("s01"));
            assertEquals(Path.of("out", "junit", "s01.xml"), batch.junit("s01"));
            assertEquals(Path.of("out", "reports", "s01.html"), batch.studentReport("s01"));
            assertEquals(Path.of("out", "reports", "ta", "s01.html"), batch.taReport("s01"));
            assertEquals(Path.of("out", "work", "s01", "results.json"), batch.rawResults("s01"));
            assertEquals(Path.of("out", "index.html"), batch.index());
            assertEquals(Path.of("out", "gradebook-canvas.csv"), batch.gradebook(BatchFolder.GRADEBOOK_CANVAS));
        }

        @Test
        void linksFromTheIndexAreTheReportsPathsEscapedForAnAddress() {
            assertEquals("reports/bob%20%3Cb%3E.html", BatchFolder.studentReportHref("bob <b>"));
            assertEquals("reports/ta/bob%20%3Cb%3E.html", BatchFolder.taReportHref("bob <b>"));
        }
    }

    @Nested
    class Reading {
        @Test
        void readsEveryResultOnceInFileNameOrderAndKeepsTheUnreadableApart(@TempDir Path out) throws Exception {
            BatchPageTests.write(out, "b", (ObjectNode) Fixtures.results());
            BatchPageTests.write(out, "a-b", (ObjectNode) Fixtures.results());
            BatchPageTests.write(out, "a", (ObjectNode) Fixtures.results());
            Files.writeString(out.resolve("results").resolve("broken.json"), "{\"tests\": ");
            Files.writeString(out.resolve("results").resolve(".hidden.json"), "{}");
            Files.writeString(out.resolve("results").resolve("notes.txt"), "not a result");

            BatchFolder.Read read = new BatchFolder(out).read();

            assertEquals(List.of("a-b", "a", "b"), read.graded().stream().map(BatchFolder.Graded::name).toList(),
                    "as the files sort, so every listing of a batch agrees");
            assertEquals(List.of("broken"), read.unreadable().stream().map(BatchFolder.Unreadable::name).toList());
            assertTrue(read.unreadable().get(0).reason().contains("broken.json is not valid JSON"),
                    read.unreadable().get(0).reason());
            IOException e = assertThrows(IOException.class, read::all);
            assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
        }

        @Test
        void aFolderWithoutResultsHoldsNone(@TempDir Path out) throws Exception {
            BatchFolder batch = new BatchFolder(out.resolve("missing"));
            assertEquals(List.of(), batch.read().all());
            assertTrue(!batch.isBatch());
        }

        @Test
        void thePageIsDrawnFromWhatWasReadNotFromTheFilesAgain(@TempDir Path out) throws Exception {
            BatchPageTests.write(out, "alice", (ObjectNode) Fixtures.results());
            BatchFolder batch = new BatchFolder(out);
            BatchFolder.Read read = batch.read();
            Files.writeString(batch.result("alice"), "no longer a result");

            String index = Files.readString(BatchPage.write(batch, read, BEFORE_DUE, BatchPage.Notes.NONE));

            assertTrue(index.contains("reports/ta/alice.html") && !index.contains("Unreadable results"), index);
            assertTrue(Files.readString(batch.taReport("alice")).contains("TA's view"));
        }
    }
}
