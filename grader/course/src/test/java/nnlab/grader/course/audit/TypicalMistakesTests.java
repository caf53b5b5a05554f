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
import java.util.ArrayList;
import java.util.HashMap;
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
    /** The batches' run seed. */
    private static final long SEED = 1;
    /**
     * Graders per batch: one. The suite's test JVMs already keep every processor busy, so a second grader would only
     * pay the start-up again (its JVM, its compiler's JVM, a cold javac, the reference's run) for nothing these tests
     * assert: each patch's outcome is its own grading's.
     */
    private static final int JOBS = 1;
    /** The graded batches by assignment (see {@link #graded}). */
    private static final Map<String, Batch> GRADED = new HashMap<>();

    @TempDir
    static Path batches;

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
        void ownPatchesAreAppliedGradedAndReadForTheMethodsTheyChange() throws Exception {
            Batch ps1 = graded("ps1");
            List<String> own = ownPatches().stream().map(TypicalMistakesTests::name).toList();
            List<TypicalMistakes.Outcome> outcomes = ps1.figures().outcomes().stream()
                    .filter(o -> own.contains(o.patch())).toList();
            assertEquals(2, outcomes.size(), ps1.figures()::toString);
            assertEquals(2, outcomes.stream().filter(TypicalMistakes.Outcome::killed).count(), outcomes::toString);
            assertEquals(List.of("Perceptron.update"), outcomes.get(0).tasks());
            assertEquals(List.of("Perceptron.weightedSum"), outcomes.get(1).tasks());
            assertTrue(Files.isRegularFile(ps1.out().resolve("typical.json")));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ps1", "ps2"})
        void theTypicalMistakesNamedAtTheLastMeasurementAreStillNamed(String assignment) throws Exception {
            Path repository = RepositoryLayout.findRepository(Path.of(""));
            List<String> patches = TypicalMistakes.patches(repository, assignment).stream()
                    .map(TypicalMistakesTests::name).toList();
            assumeFalse(patches.isEmpty(), "assignments/" + assignment + "/typical-mistakes holds no patch");
            Map<String, String> pinned = pinned(assignment);
            Batch batch = graded(assignment);
            for (TypicalMistakes.Outcome o : batch.figures().outcomes()) {
                String how = patches.contains(o.patch()) ? pinned.get(o.patch()) : null;
                if ("named".equals(how)) {
                    assertTrue(o.named(), () -> o.patch() + " is no longer named or located in the student's view: "
                            + o + "; see " + batch.out().resolve("results").resolve(o.patch()));
                } else if ("named-without-dictionary".equals(how)) {
                    assertTrue(o.namedWithoutDictionary(), () -> o.patch() + " is no longer named without the"
                            + " dictionary: " + o);
                }
            }
        }
    }

    /** One assignment's patches graded together and where their batch is. */
    private record Batch(TypicalMistakes.Figures figures, Path out) {
    }

    /**
     * Returns {@code assignment}'s typical mistakes graded through one warm batch grader, once per test JVM and read by
     * every test of {@link Graded}; ps1's batch holds this test's own patches too, so one grader warms up for both.
     */
    private static synchronized Batch graded(String assignment) throws Exception {
        Batch batch = GRADED.get(assignment);
        if (batch == null) {
            Path repository = RepositoryLayout.findRepository(Path.of(""));
            List<Path> patches = new ArrayList<>(TypicalMistakes.patches(repository, assignment));
            if (assignment.equals("ps1")) {
                List<String> names = patches.stream().map(TypicalMistakesTests::name).toList();
                for (Path own : ownPatches()) {
                    assertFalse(names.contains(name(own)), () -> own + " has the name of a typical mistake: rename it");
                    patches.add(own);
                }
            }
            Path out = Files.createDirectories(batches.resolve(assignment));
            batch = new Batch(TypicalMistakes.measure(repository, Grader.find(assignment).orElseThrow().spec(),
                    patches, out, SEED, JOBS, CourseMain.childCommand(), new PrintStream(PrintStream.nullOutputStream())),
                    out);
            GRADED.put(assignment, batch);
        }
        return batch;
    }

    /** This test's own ps1 patches, sorted by name. */
    private static List<Path> ownPatches() throws IOException, URISyntaxException {
        try (var files = Files.list(resource("typical/ps1"))) {
            return files.sorted().toList();
        }
    }

    /** A patch's name as the outcomes give it: its file's, without {@code .patch}. */
    private static String name(Path patch) {
        return patch.getFileName().toString().replaceFirst("\\.patch$", "");
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
