package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch page links to {@code course similarity}'s page exactly when that page is in the batch folder. */
class BatchPageSimilarityLinkTests {

    @Test
    void theBatchPageLinksToTheSimilarityPageWhenThereIsOne(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve(BatchFolder.SIMILARITY_PAGE), "<!DOCTYPE html><html></html>");
        String index = Files.readString(BatchPageTests.page(out, Instant.EPOCH));
        assertTrue(index.contains("</h1>\n<p class=\"similarity\"><a href=\"similarity.html\">"), index);
    }

    @Test
    void withoutOneThereIsNoLink(@TempDir Path out) throws Exception {
        String index = Files.readString(BatchPageTests.page(out, Instant.EPOCH));
        assertFalse(index.contains("similarity.html"), index);
    }
}
