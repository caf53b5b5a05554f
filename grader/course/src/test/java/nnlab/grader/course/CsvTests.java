package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The course's CSV files: what reads, what is refused and how, and the exact bytes written. */
class CsvTests {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, text);
        return path;
    }

    @Nested
    class WellFormedFilesRead {

        @Test
        void quotedCommasDoubledQuotesAndLineBreaksKeepTheirValues() throws IOException {
            Path csv = file("roster.csv", "\uFEFF Student ,ID\r\n\"Lovelace, Ada\",1001\r\n"
                    + "\"Grace \"\"Amazing\"\" Hopper\",\"10\n03\"\r\n\r\nplain,1004\n");
            assertEquals(List.of(Map.of("Student", "Lovelace, Ada", "ID", "1001"),
                    Map.of("Student", "Grace \"Amazing\" Hopper", "ID", "10\n03"),
                    Map.of("Student", "plain", "ID", "1004")), Csv.read(csv),
                    "the byte-order mark is skipped, header names trimmed, blank lines ignored");
        }

        @Test
        void aHeaderAloneHasNoRows() throws IOException {
            assertEquals(List.of(), Csv.read(file("empty.csv", "Student,ID\r\n")));
            assertEquals(List.of(), Csv.read(file("nothing.csv", "")));
        }
    }

    @Nested
    class MalformedFilesAreRefusedWithFileLineAndFix {

        /** Reads {@code text} from a file, expects a refusal naming the file, {@code where} and the fix. */
        private void refused(String text, String where) throws IOException {
            Path csv = file("times.csv", text);
            IOException e = assertThrows(IOException.class, () -> Csv.read(csv));
            assertTrue(e.getMessage().contains(csv.toString()), "names the file: " + e.getMessage());
            assertTrue(e.getMessage().contains(where), "says where (" + where + "): " + e.getMessage());
            assertTrue(e.getMessage().contains(Csv.HOW_TO_FIX), "says how to fix it: " + e.getMessage());
        }

        @Test
        void aStrayQuoteInsideAnUnquotedField() throws IOException {
            refused("id,time\r\ns01,2027-02-19\r\ns\"02,2027-02-20\r\n", "line 3: a stray quote in the field s\"02");
        }

        @Test
        void aStrayQuoteInTheLastRecordAndInTheHeader() throws IOException {
            refused("id,time\ns01,2027\"\n", "line 2: a stray quote");
            refused("id,ti\"me\ns01,2027\n", "line 1: a stray quote");
        }

        @Test
        void textAfterAClosingQuote() throws IOException {
            refused("id,time\r\n\"s01\"x,2027-02-19\r\n", "line: 2");
        }

        @Test
        void aQuoteNeverClosed() throws IOException {
            refused("id,time\r\ns01,2027-02-19\r\n\"s02,2027-02-20\r\n", "startline 3");
        }

        @Test
        void aRowWithMoreOrFewerFieldsThanTheHeader() throws IOException {
            refused("id,time\ns01,2027-02-19\nLovelace, Ada,2027-02-19\n",
                    "line 3: 3 fields where the header has 2 (id, time)");
            refused("id,time\n\"a\nb\",2027-02-19\ns02\n", "line 4: 1 fields where the header has 2");
        }

        @Test
        void theRosterAndTheTimestampsReadersPassTheRefusalOn() throws IOException {
            Path roster = file("roster.csv",
                    "Student,ID,SIS User ID,SIS Login ID,Section\r\nAda \"the\" Countess,1,A,s01,M\r\n");
            IOException e = assertThrows(IOException.class, () -> Roster.read(roster));
            assertTrue(e.getMessage().startsWith(roster + ", line 2: a stray quote"), e.getMessage());
            Path times = file("t.csv", "id,time\r\ns01,2027-02-19,late\r\n");
            e = assertThrows(IOException.class, () -> SubmissionTimes.fromCsv(times, ZoneId.of("UTC")));
            assertTrue(e.getMessage().startsWith(times + ", line 2: 3 fields"), e.getMessage());
        }
    }

    @Nested
    class WrittenBytes {

        @Test
        void crlfLineEndsAndQuotesOnlyWhereAFieldNeedsThem() {
            String written = Csv.format(List.of(
                    List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Problem Set 1 (ps1)"),
                    List.of("Lovelace, Ada", "1001", "A1", "s01", "Morning", "97.5"),
                    List.of("Grace \"Amazing\" Hopper", "1003", "", "s03", " Evening ", ""),
                    List.of("Line\nBreak", "1004", "C\r3", "s04", "Evening", "0")));
            assertEquals("Student,ID,SIS User ID,SIS Login ID,Section,Problem Set 1 (ps1)\r\n"
                    + "\"Lovelace, Ada\",1001,A1,s01,Morning,97.5\r\n"
                    + "\"Grace \"\"Amazing\"\" Hopper\",1003,,s03,\" Evening \",\r\n"
                    + "\"Line\nBreak\",1004,\"C\r3\",s04,Evening,0\r\n", written);
        }

        @Test
        void whatIsWrittenReadsBackUnchanged() throws IOException {
            List<String> header = List.of("student", "reason");
            List<String> row = List.of("Lovelace, Ada", "refused: \"Matrix.java\" is missing\nsee the log");
            Path csv = file("gradebook.csv", Csv.format(List.of(header, row)));
            assertEquals(List.of(Map.of("student", row.get(0), "reason", row.get(1))), Csv.read(csv));
        }
    }
}
