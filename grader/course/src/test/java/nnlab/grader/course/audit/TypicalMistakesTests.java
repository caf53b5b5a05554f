package nnlab.grader.course.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nnlab.grader.DiagnosisDictionary;
import nnlab.grader.Score;
import nnlab.grader.authoring.RepositoryLayout;
import nnlab.grader.course.CourseMain;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;

/**
 * Typical mistakes written independently of the grader are graded like submissions, and the student's view before
 * the due date is read for how it names each: the catalogue, a located method, the diagnosis dictionary — and the
 * patches that are named today stay named, so a regression of the feedback turns the build red.
 */
class TypicalMistakesTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FINGERPRINT = "0123456789abcdef";
    private static final List<TaskRegion> UPDATE = List.of(new TaskRegion("Perceptron.update", "§1.5", 80, 96));
    /** The typical mistakes' namings pinned by the last measurement: assignment, patch, how (see the file). */
    private static final String PINNED = "typical/named.txt";

    /** Results whose one test fails and shows {@code view} (its diagnosis) to the student, naming {@code mistakes}. */
    private static ResultsDocument failing(String view, List<Score.Mistake> mistakes) {
        ObjectNode doc = JSON.createObjectNode().put("score", 0).put("execution_time", 1).put("output", "");
        doc.putObject("extra_data").put("assignment", "ps1");
        ObjectNode t = doc.putArray("tests").addObject().put("name", "1.5.1 update").put("number", "1.5.1")
                .put("score", 0).put("max_score", 2).put("status", "failed").put("visibility", "visible")
                .put("output", view);
        t.putObject("extra_data").put("diagnosis", view).put("fingerprint", FINGERPRINT)
                .set("mistakes", JSON.valueToTree(mistakes));
        return ResultsDocument.of(doc);
    }

    @Nested
    class TheStudentsView {
        @Test
        void namesAMistakeByTheCatalogueOrLocatesTheChangedMethod() {
            Score.Mistake sign = new Score.Mistake("UPDATE_SIGN", "the update climbs the gradient.");
            TypicalMistakes.Outcome named = TypicalMistakes.outcome("p", UPDATE,
                    failing(Score.MISTAKE_PREFIX + sign.message(), List.of(sign)), DiagnosisDictionary.EMPTY);
            assertEquals("mistake UPDATE_SIGN", named.catalogue());
            TypicalMistakes.Outcome located = TypicalMistakes.outcome("p", UPDATE,
                    failing("What differs: parameters after update (§1.5): every entry differs.", List.of()),
                    DiagnosisDictionary.EMPTY);
            assertEquals("locates Perceptron.update", located.catalogue());
            assertTrue(located.killed() && located.named() && located.namedWithoutDictionary());
        }

        @Test
        void countsTheDictionaryOnlyWhenItsSentenceNamesAChangedMethod() {
            Score.Mistake right = new Score.Mistake("dictionary:Perceptron.update:sign",
                    "Perceptron.update (§1.5): your values are what it gives with the sign of one term flipped.");
            Score.Mistake wrong = new Score.Mistake("dictionary:Adam.update:constant",
                    "Adam.update (§4.5): your values are what it gives with a constant changed.");
            String differs = "What differs: parameters: every entry differs.";
            TypicalMistakes.Outcome byDictionary = TypicalMistakes.outcome("p", UPDATE, failing(Score.MISTAKE_PREFIX
                    + right.message() + "\n" + differs, List.of(right)), DiagnosisDictionary.EMPTY);
            assertNull(byDictionary.catalogue(), "the dictionary's own sentence does not count as locating");
            assertEquals("Perceptron.update", byDictionary.dictionary());
            assertTrue(byDictionary.named());
            TypicalMistakes.Outcome misled = TypicalMistakes.outcome("p", UPDATE, failing(Score.MISTAKE_PREFIX
                    + wrong.message() + "\n" + differs, List.of(wrong)), DiagnosisDictionary.EMPTY);
            assertEquals(TypicalMistakes.ANOTHER_METHOD, misled.dictionary());
            assertFalse(misled.named(), "a sentence about another method names nothing");
        }

        @Test
        void looksTheFingerprintUpInTheCommittedDictionaryAsTheGraderWould() {
            DiagnosisDictionary committed = new DiagnosisDictionary("v", "d", List.of(new DiagnosisDictionary.Entry(
                    "1.5.1", FINGERPRINT, "Perceptron.update", "§1.5", "sign", "the sign of one term flipped",
                    java.util.Set.of("m1-arithmetic"))));
            ResultsDocument differs = failing("What differs: parameters: every entry differs.", List.of());
            assertEquals("Perceptron.update", TypicalMistakes.outcome("p", UPDATE, differs, committed).dictionary());
            Score.Mistake catalogued = new Score.Mistake("UPDATE_SIGN", "the update climbs the gradient.");
            assertNull(TypicalMistakes.outcome("p", UPDATE, failing(Score.MISTAKE_PREFIX + catalogued.message(),
                    List.of(catalogued)), committed).dictionary(), "the catalogue's name comes first, as in the grader");
        }
    }

    @Nested
    @Tag("slow")
    class Graded {
        @Test
        void ownPatchesAreAppliedGradedAndReadForTheMethodsTheyChange(@TempDir Path out) throws Exception {
            List<Path> patches;
            try (var files = Files.list(resource("typical/ps1"))) {
                patches = files.sorted().toList();
            }
            TypicalMistakes.Figures figures = measure("ps1", patches, out);
            assertEquals(2, figures.patches());
            assertEquals(2, figures.killed(), figures::toString);
            assertEquals(List.of("Perceptron.update"), figures.outcomes().get(0).tasks());
            assertEquals(List.of("Perceptron.weightedSum"), figures.outcomes().get(1).tasks());
            assertTrue(Files.isRegularFile(out.resolve("typical.json")));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ps1", "ps2"})
        void theTypicalMistakesNamedAtTheLastMeasurementAreStillNamed(String assignment, @TempDir Path out)
                throws Exception {
            Path repository = RepositoryLayout.findRepository(Path.of(""));
            List<Path> patches = TypicalMistakes.patches(repository, assignment);
            assumeFalse(patches.isEmpty(), "assignments/" + assignment + "/typical-mistakes holds no patch");
            Map<String, String> pinned = pinned(assignment);
            TypicalMistakes.Figures figures = measure(assignment, patches, out);
            for (TypicalMistakes.Outcome o : figures.outcomes()) {
                String how = pinned.get(o.patch());
                if ("named".equals(how)) {
                    assertTrue(o.named(), () -> o.patch() + " is no longer named or located in the student's view: "
                            + o + "; see " + out.resolve("results").resolve(o.patch()));
                } else if ("named-without-dictionary".equals(how)) {
                    assertTrue(o.namedWithoutDictionary(), () -> o.patch() + " is no longer named without the"
                            + " dictionary: " + o);
                }
            }
        }

        private TypicalMistakes.Figures measure(String assignment, List<Path> patches, Path out) throws Exception {
            return TypicalMistakes.measure(RepositoryLayout.findRepository(Path.of("")),
                    Grader.find(assignment).orElseThrow().spec(), patches, out, 1, 2, CourseMain.childCommand(),
                    new PrintStream(PrintStream.nullOutputStream()));
        }
    }

    /** The pinned namings of {@code assignment}'s typical mistakes: patch → "named", "named-without-dictionary". */
    private static Map<String, String> pinned(String assignment) throws IOException, URISyntaxException {
        Map<String, String> pinned = new TreeMap<>();
        for (String line : Files.readAllLines(resource(PINNED))) {
            String[] f = line.split("\\s+");
            if (!line.isBlank() && !line.startsWith("#") && f[0].equals(assignment)) {
                pinned.put(f[1], f[2]);
            }
        }
        return pinned;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TypicalMistakesTests.class.getResource(name).toURI());
    }
}
