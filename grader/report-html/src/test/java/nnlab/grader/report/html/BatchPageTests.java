package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPageTests {

    /** Reads the batch in {@code out} once and writes its page as of {@code now}, with {@code notes}. */
    static Path page(Path out, Instant now, BatchPage.Notes notes) throws java.io.IOException {
        BatchFolder batch = new BatchFolder(out);
        return BatchPage.write(batch, batch.read(), now, notes);
    }

    /** Reads the batch in {@code out} once and writes its page as of {@code now}, without gradebook notes. */
    static Path page(Path out, Instant now) throws java.io.IOException {
        return page(out, now, BatchPage.Notes.NONE);
    }

    /** Before and after the fixtures' due date, 2027-02-19T23:59-05:00. */
    private static final Instant BEFORE_DUE = Instant.parse("2027-02-01T00:00:00Z");
    private static final Instant AFTER_DUE = Instant.parse("2027-03-01T00:00:00Z");

    @Nested
    class ThePage {

        @Test
        void linksEachStudentsReportsAndListsMostFailedTestsFirst(@TempDir Path out) throws Exception {
            ObjectNode good = (ObjectNode) Fixtures.results();
            for (var t : good.path("tests")) {
                ((ObjectNode) t).put("status", "passed");
            }
            ((ObjectNode) good.path("tests").get(1)).put("status", "failed");
            write(out, "alice", good);
            write(out, "bob", (ObjectNode) Fixtures.results());

            String index = Files.readString(page(out, BEFORE_DUE));

            assertTrue(index.contains("<p>2 submissions, 2 graded"), index);
            assertTrue(index.contains("<a href=\"reports/ta/alice.html\">alice</a>"), index);
            assertTrue(index.contains("<a href=\"reports/bob.html\">report</a>"), index);
            assertTrue(index.contains("src=\"data:image/png;base64,"), "the histogram is embedded");
            int hidden = index.indexOf("3.2.2 Dense backward");
            int prediction = index.indexOf("1.2.1 Prediction");
            assertTrue(hidden > 0 && prediction > hidden, "0 of 2 passed comes before 1 of 2 passed");
            assertTrue(index.contains("<td class=\"num\">0 / 2</td>"));
            assertTrue(Files.readString(new BatchFolder(out).taReport("alice")).contains("For the TA"));
            assertFalse(Files.readString(new BatchFolder(out).studentReport("alice")).contains("For the TA"));
        }

        @Test
        void countsEachNamedMistakeOncePerStudent(@TempDir Path out) throws Exception {
            write(out, "alice", (ObjectNode) Fixtures.results());
            ObjectNode twice = (ObjectNode) Fixtures.results();
            var named = (com.fasterxml.jackson.databind.node.ArrayNode) twice.path("tests").get(0).path("extra_data")
                    .path("mistakes");
            named.add(named.get(0).deepCopy());
            ((ObjectNode) twice.path("tests").get(1)).putObject("extra_data").putArray("mistakes")
                    .add(named.get(0).deepCopy());
            write(out, "bob", twice);
            ObjectNode failedToGrade = (ObjectNode) Fixtures.results();
            ((ObjectNode) failedToGrade.get("extra_data")).putObject("batch").put("status", "grader_error");
            write(out, "carol", failedToGrade);

            String index = Files.readString(page(out, BEFORE_DUE));

            assertTrue(index.contains("<tr><td>p &gt; 0.5 instead of p ≥ 0.5.</td><td class=\"num\">2</td></tr>"),
                    "once for alice, once for bob although named in two of his tests, not for carol (not graded):\n" + index);
        }

        @Test
        void namesAreEscapedInLinksAndText(@TempDir Path out) throws Exception {
            write(out, "bob <b>", (ObjectNode) Fixtures.results());
            String index = Files.readString(page(out, BEFORE_DUE));
            assertTrue(index.contains("<a href=\"reports/ta/bob%20%3Cb%3E.html\">bob &lt;b&gt;</a>"), index);
        }

        @Test
        void anUnreadableResultIsListedAndTheOthersStillGetReports(@TempDir Path out) throws Exception {
            write(out, "alice", (ObjectNode) Fixtures.results());
            Files.writeString(out.resolve("results/broken.json"), "{\"score\": 1, \"tests\": [");
            Files.writeString(out.resolve("results/empty.json"), "{}");

            String index = Files.readString(page(out, BEFORE_DUE));

            assertTrue(index.contains("<h2>Unreadable results</h2>"), index);
            assertTrue(index.contains("broken: "), index);
            assertTrue(index.contains("empty: ") && index.contains("needs a &quot;tests&quot; array"), index);
            assertTrue(Files.isRegularFile(new BatchFolder(out).studentReport("alice")));
        }

        @Test
        void gradingFailuresAreListedButLeftOutOfTheStatistics(@TempDir Path out) throws Exception {
            ObjectNode failed = (ObjectNode) Fixtures.results();
            ((ObjectNode) failed.get("extra_data")).putObject("batch").put("status", "grader_error");
            write(out, "carol", failed);
            write(out, "alice", (ObjectNode) Fixtures.results());
            String index = Files.readString(page(out, BEFORE_DUE));
            assertTrue(index.contains("<p>2 submissions, 1 graded"), index);
            assertTrue(index.contains("<td>grader_error</td>"), index);
            assertTrue(index.contains("<td class=\"num\">0 / 1</td>"), "only alice's tests count in the pass rates");
        }
    }

    @Nested
    class TheGradebooksProblems {

        @Test
        void eachPassRateBarIsAsLongAsTheRateBesideIt(@TempDir Path out) throws Exception {
            ObjectNode good = (ObjectNode) Fixtures.results();
            for (var t : good.path("tests")) {
                ((ObjectNode) t).put("status", "passed");
            }
            ((ObjectNode) good.path("tests").get(1)).put("status", "failed");
            write(out, "alice", good);
            write(out, "bob", (ObjectNode) Fixtures.results());
            String index = Files.readString(page(out, BEFORE_DUE));
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("<td class=\"num\">(\\d+)%</td><td><span"
                    + " class=\"bar\" title=\"\\d+% passed\"><span style=\"width:(\\d+)%\">").matcher(index);
            int rows = 0;
            java.util.Set<String> rates = new java.util.TreeSet<>();
            while (row.find()) {
                rows++;
                assertEquals(row.group(1), row.group(2), "the bar's length is the rate shown beside it");
                rates.add(row.group(1));
            }
            assertTrue(rows >= 2 && rates.size() >= 2, () -> "rows with different rates expected:\n" + index);
        }

        @Test
        void rosterProblemsAndAMissingCanvasIdAreListedAtTheTop(@TempDir Path out) throws Exception {
            write(out, "alice", (ObjectNode) Fixtures.results());
            BatchPage.Notes notes = new BatchPage.Notes(List.of("No --canvas-id: <pass it>"),
                    List.of("Nobody, Zed (1099)"), List.of("stranger<b>"), "gradebook-not-on-roster.csv");
            String index = Files.readString(page(out, BEFORE_DUE, notes));
            int section = index.indexOf("<h2>Roster and gradebook</h2>");
            assertTrue(section > 0 && section < index.indexOf("<h2>Pass rate"), "the problems come first:\n" + index);
            assertTrue(index.contains("<p class=\"warning\">No --canvas-id: &lt;pass it&gt;</p>"), index);
            assertTrue(index.contains("1 roster student(s) with no submission:</p>\n<ul class=\"no-submission\">\n"
                    + "<li>Nobody, Zed (1099)</li>"), index);
            assertTrue(index.contains("1 submission(s) match no roster student: graded, but left out of the Canvas"
                    + " import and listed in gradebook-not-on-roster.csv."), index);
            assertTrue(index.contains("<li>stranger&lt;b&gt;</li>"), "names are escaped");
        }

        @Test
        void aGradebookWithoutProblemsAddsNothing(@TempDir Path out) throws Exception {
            write(out, "alice", (ObjectNode) Fixtures.results());
            assertFalse(Files.readString(page(out, BEFORE_DUE)).contains("Roster and gradebook"));
        }
    }

    @Nested
    class KeepingReportsUpToDate {

        @Test
        void aReportOlderThanItsResultsIsRewritten(@TempDir Path out) throws Exception {
            write(out, "alice", (ObjectNode) Fixtures.results());
            page(out, BEFORE_DUE);
            Path report = new BatchFolder(out).taReport("alice");
            Files.writeString(report, "stale");
            Files.setLastModifiedTime(report, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

            page(out, BEFORE_DUE);

            assertTrue(Files.readString(report).contains("For the TA"));
        }

        @Test
        void anUpToDateReportIsLeftAlone(@TempDir Path out) throws Exception {
            write(out, "alice", (ObjectNode) Fixtures.results());
            page(out, BEFORE_DUE);
            Path report = new BatchFolder(out).taReport("alice");
            Files.writeString(report, "kept");

            page(out, BEFORE_DUE);

            assertEquals("kept", Files.readString(report));
        }

        @Test
        void aStudentsReportWrittenBeforeTheDueDateIsRewrittenOnceItPasses(@TempDir Path out) throws Exception {
            ObjectNode results = (ObjectNode) Fixtures.results();
            ((ObjectNode) results.get("extra_data")).put("after_due_date_shown_from", "2027-02-21T23:59:00-05:00");
            write(out, "alice", results);
            Path report = new BatchFolder(out).studentReport("alice");
            page(out, BEFORE_DUE);
            assertTrue(Files.readString(report).contains("before the due date"));
            Files.setLastModifiedTime(report, FileTime.from(BEFORE_DUE));

            page(out, Instant.parse("2027-02-21T12:00:00Z"));

            assertTrue(Files.readString(report).contains("while late submissions are open"), "in the late period");
        }

        @Test
        void theStudentsReportShowsMoreOnceTheDueDateHasPassed(@TempDir Path out) throws Exception {
            ObjectNode results = (ObjectNode) Fixtures.results();
            ((ObjectNode) results.path("tests").get(1)).put("visibility", "after_due_date");
            write(out, "alice", results);
            Path report = new BatchFolder(out).studentReport("alice");
            page(out, BEFORE_DUE);
            assertFalse(Files.readString(report).contains("gradient-check"), "before the due date");
            Files.setLastModifiedTime(report, FileTime.from(BEFORE_DUE));

            page(out, AFTER_DUE);

            assertTrue(Files.readString(report).contains("<table class=\"gradient-check\">"), "after the due date");
        }
    }

    static void write(Path out, String name, ObjectNode results) throws Exception {
        Files.createDirectories(out.resolve("results"));
        Fixtures.JSON.writeValue(out.resolve("results").resolve(name + ".json").toFile(), results);
    }
}
