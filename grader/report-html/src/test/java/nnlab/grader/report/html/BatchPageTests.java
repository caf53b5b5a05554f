package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPageTests {

    @Test
    void linksEachStudentAndListsMostFailedTestsFirst(@TempDir Path batch) throws Exception {
        ObjectNode good = (ObjectNode) Fixtures.results();
        for (var t : good.path("tests")) {
            ((ObjectNode) t).put("status", "passed");
        }
        ((ObjectNode) good.path("tests").get(1)).put("status", "failed");
        write(batch.resolve("alice"), good);
        write(batch.resolve("bob <b>"), (ObjectNode) Fixtures.results());
        Files.createDirectories(batch.resolve("no-results"));

        String index = Files.readString(BatchPage.write(batch));

        assertTrue(index.contains("<p>2 submissions"), index);
        assertTrue(index.contains("<a href=\"alice/report.html\">alice</a>"));
        assertTrue(index.contains("<a href=\"bob%20%3Cb%3E/report.html\">bob &lt;b&gt;</a>"), index);
        assertTrue(index.contains("src=\"data:image/png;base64,"), "the histogram is embedded");
        int hidden = index.indexOf("3.2.2 Dense backward");
        int prediction = index.indexOf("1.2.1 Prediction");
        assertTrue(hidden > 0 && prediction > hidden, "0 of 2 passed comes before 1 of 2 passed");
        assertTrue(index.contains("<td class=\"num\">0 / 2</td>"));
        assertTrue(Files.isRegularFile(batch.resolve("alice").resolve(BatchPage.REPORT)));
    }

    private static void write(Path dir, ObjectNode results) throws Exception {
        Files.createDirectories(dir);
        Fixtures.JSON.writeValue(dir.resolve("results.json").toFile(), results);
    }
}
