package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster as docs/ta-guide.md describes it: a Canvas gradebook export, matched to submission names. */
class RosterTests {

    /** A Canvas export: its "Points Possible" row, an assignment column, and a Submission column added by the TA. */
    private static final String EXPORT = """
            Student,ID,SIS User ID,SIS Login ID,Section,Submission,Problem set 1 (98765),Quiz 2 (98770)
                Points Possible,,,,,,100,10
            "Lovelace, Ada",1001,A0001,alovelace,Morning,,,
            "Babbage, Charles",1002,A0002,cbabbage,Morning,charles-repo,,
            "Hopper, Grace",1003,cbabbage,ghopper,Evening,,,
            "Turing, Alan",1004,A0004,1001,Evening,,,
            """;

    private static Roster read(Path dir, String text) throws Exception {
        Path csv = dir.resolve("roster.csv");
        Files.writeString(csv, text);
        return Roster.read(csv);
    }

    @Nested
    class Matching {
        @Test
        void triesSubmissionThenSisLoginIdThenSisUserIdThenIdIgnoringCase(@TempDir Path dir) throws Exception {
            Roster roster = read(dir, EXPORT);
            assertEquals("1002", roster.find("Charles-Repo").orElseThrow().id(), "the Submission column first");
            assertEquals("1002", roster.find("cbabbage").orElseThrow().id(),
                    "SIS Login ID before another student's SIS User ID");
            assertEquals("1004", roster.find("1001").orElseThrow().id(), "SIS Login ID before another student's ID");
            assertEquals("1001", roster.find("A0001").orElseThrow().id(), "SIS User ID");
            assertEquals("1003", roster.find("1003").orElseThrow().id(), "Canvas's ID last");
            assertTrue(roster.find("kzuse").isEmpty());
        }

        @Test
        void thePointsPossibleRowIsNoStudent(@TempDir Path dir) throws Exception {
            assertEquals(List.of("1001", "1002", "1003", "1004"),
                    read(dir, EXPORT).students().stream().map(Roster.Student::id).toList());
        }
    }

    @Nested
    class CanvasAssignments {
        @Test
        void theExportsAssignmentColumnsNameTheCanvasIds(@TempDir Path dir) throws Exception {
            assertEquals(List.of("Problem set 1 (98765)", "Quiz 2 (98770)"), read(dir, EXPORT).canvasAssignments());
        }

        @Test
        void aRosterOfStudentsOnlyNamesNone(@TempDir Path dir) throws Exception {
            assertEquals(List.of(), read(dir, "Student,ID,SIS User ID,SIS Login ID,Section\nAda,1001,A1,ada,M\n")
                    .canvasAssignments());
        }
    }

    @Nested
    class TheTaGuidesExamples {

        /** Returns the fenced block of docs/ta-guide.md that starts with {@code firstLine}. */
        private String block(String firstLine) throws Exception {
            String guide = Files.readString(Course.repository().resolve("docs/ta-guide.md"));
            int start = guide.indexOf("```\n" + firstLine + "\n");
            assertTrue(start >= 0, "docs/ta-guide.md has no example starting with " + firstLine);
            start += 4;
            return guide.substring(start, guide.indexOf("```", start));
        }

        @Test
        void theRosterExampleReadsAndMatchesByLogin(@TempDir Path dir) throws Exception {
            Roster roster = read(dir, block("Student,ID,SIS User ID,SIS Login ID,Section"));
            assertEquals("Lovelace, Ada", roster.find("alovelace").orElseThrow().name());
            assertEquals(3, roster.students().size());
        }

        @Test
        void theTimestampsExampleReadsInTheAssignmentsZone(@TempDir Path dir) throws Exception {
            Path csv = dir.resolve("times.csv");
            Files.writeString(csv, block("submission,submitted_at"));
            var times = SubmissionTimes.fromCsv(csv, CourseMain.zone(Course.ps1()));
            assertEquals(java.time.Instant.parse("2027-02-20T04:00:00Z"), times.get("cbabbage"),
                    "a time without an offset is read in ps1's time zone, America/New_York");
            assertEquals(3, times.size());
        }
    }
}
