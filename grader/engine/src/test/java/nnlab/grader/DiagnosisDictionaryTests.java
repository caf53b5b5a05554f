package nnlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The diagnosis dictionary's file round-trips, refuses other cases, and names a mistake without any value. */
class DiagnosisDictionaryTests {

    private static final DiagnosisDictionary.Entry SIGN = new DiagnosisDictionary.Entry("4.1.2", "00ff00ff00ff00ff",
            "Sgd.update", "§4.1", "sign", "the sign of one term flipped", Set.of("m0412-arithmetic"));
    private static final DiagnosisDictionary.Entry SIGN_AGAIN = new DiagnosisDictionary.Entry("4.1.2",
            "00ff00ff00ff00ff", "Sgd.update", "§4.1", "sign", "the sign of one term flipped", Set.of("m0007-arithmetic"));
    private static final DiagnosisDictionary.Entry REMOVED = new DiagnosisDictionary.Entry("4.1.2", "00ff00ff00ff00ff",
            "Adam.update", "§4.5", "remove", "one statement left out", Set.of("m0999-remove"));
    private static final DiagnosisDictionary.Entry ELSEWHERE = new DiagnosisDictionary.Entry("1.1.1",
            "1234123412341234", "Perceptron.predict", "§1.1", "boundary",
            "a comparison's boundary moved (> instead of ≥)", Set.of("m0001-relational"));
    private static final DiagnosisDictionary DICTIONARY = new DiagnosisDictionary("2026.1", "abcdef0123456789",
            List.of(ELSEWHERE, SIGN, REMOVED, SIGN_AGAIN));

    @Nested
    class ItsFile {
        @Test
        void roundTripsSortedOneEntryALineWithTheCasesItWasMadeFor() {
            String text = DICTIONARY.text("ps1");
            DiagnosisDictionary back = DiagnosisDictionary.parse(text);
            assertEquals(DICTIONARY.entries(), back.entries());
            assertEquals("2026.1", back.version());
            assertEquals("abcdef0123456789", back.digest());
            assertEquals(text, back.text("ps1"), "regenerating the same dictionary changes no byte");
            List<String> entries = text.lines().filter(l -> !l.startsWith("#") && !l.startsWith("cases")).toList();
            assertEquals(entries.stream().sorted().toList(), entries);
            assertEquals(3, entries.size(), "one method's same kind of change on the same values is one entry");
            assertTrue(text.contains("m0007-arithmetic,m0412-arithmetic"), text);
            assertTrue(text.contains("course audit --assignment ps1 --dictionary"), "the file says how to regenerate it");
        }

        @Test
        void withoutItsCasesLineIsRefusedSayingHowToRegenerate() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DiagnosisDictionary.parse("# nothing\n"));
            assertTrue(e.getMessage().contains("--dictionary"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> DiagnosisDictionary.parse("cases\tv\td\n1.1\tonly two\n"));
        }
    }

    @Nested
    class ALookup {
        @Test
        void findsEveryMethodAndKindThatGaveTheValuesOnThatTest() {
            List<DiagnosisDictionary.Entry> found = DICTIONARY.lookup("4.1.2", "00ff00ff00ff00ff");
            assertEquals(List.of("Adam.update", "Sgd.update"), found.stream().map(DiagnosisDictionary.Entry::method)
                    .toList());
            assertTrue(DICTIONARY.lookup("4.1.3", "00ff00ff00ff00ff").isEmpty(), "a fingerprint belongs to its test");
            assertTrue(DICTIONARY.lookup("4.1.2", null).isEmpty());
        }

        @Test
        void isEmptyForADictionaryMadeForOtherCases() {
            assertSame(DICTIONARY, DICTIONARY.forCases("abcdef0123456789"));
            assertTrue(DICTIONARY.forCases("another digest00").lookup("4.1.2", "00ff00ff00ff00ff").isEmpty(),
                    "after the cases change, the dictionary names nothing until it is regenerated");
        }
    }

    @Nested
    class TheStudentsViewBeforeTheDueDate {
        @Test
        void namesTheMethodAndTheKindOfChangeKeepsWhatDiffersAndShowsNoValue() {
            Score score = new Score(true, 5, 6);
            double expected = 0.8123456;
            double actual = 1.1876544;
            score.check("case 1", () -> score.close("parameters after update 1 (Sgd.update, §4.1)", "", expected,
                    actual));
            DICTIONARY.lookup("4.1.2", "00ff00ff00ff00ff").forEach(e -> score.mistake(e.mistakeId(), e.sentence()));
            String view = Disclosure.teaching(Visibility.HIDDEN).text(Reader.STUDENT, TestStatus.FAILED,
                    score.feedback(), score.diagnosis());
            assertTrue(view.contains(Score.MISTAKE_PREFIX + "Sgd.update (§4.1): your values are what it gives with the"
                    + " sign of one term flipped."), view);
            assertTrue(view.contains(Score.MISTAKE_PREFIX + "Adam.update (§4.5): your values are what it gives with"
                    + " one statement left out."), "two matches name both: " + view);
            assertTrue(view.contains(Score.DIFFERS_PREFIX), "a reproduction names no catalogued mistake: " + view);
            assertFalse(view.contains("0.81") || view.contains("1.18"), view);
            assertFalse(score.catalogued());
            assertEquals(List.of("dictionary:Sgd.update:sign", "dictionary:Adam.update:remove"),
                    score.mistakes().stream().map(Score.Mistake::id).sorted(java.util.Comparator.reverseOrder())
                            .toList());
        }
    }
}
