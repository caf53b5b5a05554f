package nnlab.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import nnlab.grader.Assignment;
import nnlab.grader.AssignmentSpec;
import nnlab.grader.DiagnosisDictionary;
import nnlab.grader.GradedTest;
import nnlab.grader.ReferenceRuns;
import nnlab.grader.run.MirrorCheck;

/**
 * What every grader plug-in must hold to, whatever its assignment: its mirror interfaces match the reference's public
 * API, its graded tests' points add up to each part's in assignment.json, every test number is unique and in a part,
 * the starter's sources are bundled, its diagnosis dictionary was made for its cases and names no value, and its
 * reference runs are what its oracle gives. An assignment's {@code MirrorInterfacesTests} extends this with its plug-in
 * and entry mirror, and adds its own checks.
 */
public abstract class PluginContractTests {

    /** Points that differ by less than this add up. */
    private static final double POINTS_TOLERANCE = 1e-9;

    /** The plug-in under test. */
    protected final Assignment assignment;
    private final Class<?> entryMirror;

    /** Checks {@code assignment}, whose entry mirror interface (ps1's {@code Ps1}) is {@code entryMirror}. */
    protected PluginContractTests(Assignment assignment, Class<?> entryMirror) {
        this.assignment = assignment;
        this.entryMirror = entryMirror;
    }

    @Test
    void mirrorInterfacesMatchTheReferencesPublicApi() {
        assertEquals(List.of(), MirrorCheck.problems(entryMirror, assignment.oracleLoader()));
    }

    @Test
    void pointsPerPartMatchAssignmentJson() {
        AssignmentSpec spec = assignment.spec();
        for (AssignmentSpec.Part part : spec.parts()) {
            double sum = 0;
            for (Class<?> type : assignment.testClasses()) {
                for (Method m : type.getDeclaredMethods()) {
                    GradedTest g = m.getAnnotation(GradedTest.class);
                    if (g != null && spec.partOf(g.number()) == part) {
                        sum += g.points();
                    }
                }
            }
            assertEquals(part.points(), sum, POINTS_TOLERANCE, part.id());
        }
    }

    @Test
    void everyTestNumberIsUniqueAndBelongsToAPart() {
        Set<String> numbers = new TreeSet<>();
        for (Class<?> type : assignment.testClasses()) {
            for (Method m : type.getDeclaredMethods()) {
                GradedTest g = m.getAnnotation(GradedTest.class);
                if (g != null) {
                    assertFalse(!numbers.add(g.number()), "duplicate number " + g.number());
                    assertFalse(assignment.spec().partOf(g.number()) == null, g.number() + " is in no part");
                }
            }
        }
    }

    @Test
    void starterSourcesAreBundled() {
        assertFalse(assignment.starterSources().isEmpty(),
                "the " + assignment.id() + " starter's sources are missing from the plug-in");
        assertFalse(Arrays.asList(assignment.starterSources().keySet().toArray()).isEmpty());
    }

    // A dictionary of other cases names nothing, silently: the committed one must be regenerated with the cases.
    @Test
    void diagnosisDictionaryIsMadeForTheseCasesOrSaysHowToRegenerateIt() throws IOException {
        String id = assignment.id();
        String regenerate = DiagnosisDictionary.REGENERATE.replace("ID", id);
        String text;
        try (InputStream in = assignment.getClass().getClassLoader()
                .getResourceAsStream("nnlab-" + id + "/" + DiagnosisDictionary.FILE)) {
            assertNotNull(in, id + " has no diagnosis dictionary: make it with " + regenerate);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        DiagnosisDictionary committed = DiagnosisDictionary.parse(text);
        AssignmentSpec.Cases cases = assignment.spec().cases();
        assertEquals(cases.digest(), committed.digest(), () -> "the diagnosis dictionary was made for the cases "
                + committed.version() + ", not " + cases.version() + ": it names nothing until it is regenerated with "
                + regenerate);
        assertFalse(assignment.dictionary().entries().isEmpty(), "the plug-in reads the committed dictionary");
        assertEquals(text, committed.text(id), "the file is as the command writes it: regenerate, never edit");
    }

    // The training tests read the reference's runs from a file instead of training the oracle: a file the oracle no
    // longer gives (the reference, a recipe or the data changed) would hold students to a reference that is gone.
    // Trains the oracle once per suite, as one grader JVM used to for its first submission: seconds (ps2's CNN), so slow,
    // like the end-to-end suites that read the file; -Pfast leaves it to the full suite.
    @Test
    @Tag("slow")
    void referenceRunsAreWhatTheOracleGivesOrSayHowToRegenerateThem() throws IOException {
        String id = assignment.id();
        String regenerate = ReferenceRuns.REGENERATE.replace("ID", id);
        ReferenceRuns recomputed = assignment.trainReference();
        String text;
        try (InputStream in = assignment.getClass().getClassLoader().getResourceAsStream(ReferenceRuns.resource(id))) {
            if (recomputed.isEmpty()) {
                assertNull(in, id + " has reference runs but trains nothing: delete " + ReferenceRuns.resource(id));
                return;
            }
            assertNotNull(in, id + " has no reference runs: make them with " + regenerate);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ReferenceRuns committed = ReferenceRuns.parse(text);
        assertEquals(List.of(), committed.differences(recomputed), () -> "the committed reference runs are not what the"
                + " oracle gives (the reference, a recipe or the data changed): regenerate them with " + regenerate);
        assertEquals(text, committed.text(id), "the file is as the command writes it: regenerate, never edit");
    }

    @Test
    void diagnosisDictionaryNamesAMethodItsSectionAndAKindOfChangeNeverAValue() {
        for (DiagnosisDictionary.Entry e : assignment.dictionary().entries()) {
            assertTrue(e.method().matches("[A-Z][A-Za-z0-9]*\\.[a-z][A-Za-z0-9]*"), e::toString);
            assertTrue(e.section().matches("§[0-9]+(\\.[0-9]+)*"), e::toString);
            assertFalse(e.phrase().matches(".*[0-9].*"), () -> "a kind of change holds no number: " + e);
        }
    }
}
