package nnlab.grader.course.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.DiagnosisDictionary;
import nnlab.grader.Score;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;

/**
 * The audit's dictionary is made from killed mutants' failing tests, and its naming is measured honestly: a mutant
 * counts as named by the dictionary only through an entry of its own method that another mutant made too.
 */
class DiagnosesTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AssignmentSpec SPEC = new AssignmentSpec("ps1", "Problem set 1", List.of(
            new AssignmentSpec.Part("4", "Optimizers", 10, List.of("4.1"))), 10, null, null, null, null,
            new AssignmentSpec.Cases("2026.1", 1));
    private static final String TEST = "4.1.2";
    private static final String SHARED = "aaaaaaaaaaaaaaaa";
    private static final Map<String, ChangeKind> KINDS = Map.of(
            "m1-arithmetic", new ChangeKind("sign", "the sign of one term flipped"),
            "m2-remove", new ChangeKind("remove", "one statement left out"),
            "m3-constant", new ChangeKind("constant", "a constant changed"),
            "m4-constant", new ChangeKind("constant", "a constant changed"),
            "m5-negate", new ChangeKind("negate", "a condition negated"));

    /** A mutant of {@code task} in Part 4. */
    private static Mutant mutant(String id, String task) {
        return new Mutant(id, id.substring(id.indexOf('-') + 1), task, "§4.1", 4, "src/main/java/nnlab/X.java", 1, "",
                "");
    }

    /** Results in which test {@link #TEST} fails with {@code fingerprint}, shown as {@code visibility}. */
    private static ResultsDocument failing(String fingerprint, String visibility, List<Score.Mistake> mistakes,
                                           String diagnosis) {
        ObjectNode doc = JSON.createObjectNode().put("score", 9).put("execution_time", 1).put("output", "");
        doc.putObject("extra_data").put("assignment", "ps1");
        ArrayNode tests = doc.putArray("tests");
        ObjectNode failed = tests.addObject().put("name", TEST + " update").put("number", TEST).put("score", 0)
                .put("max_score", 1).put("status", "failed").put("visibility", visibility).put("output", diagnosis);
        ObjectNode extra = failed.putObject("extra_data").put("diagnosis", diagnosis);
        extra.set("mistakes", JSON.valueToTree(mistakes));
        if (fingerprint != null) {
            extra.put("fingerprint", fingerprint);
        }
        tests.addObject().put("name", "4.1.1 other").put("number", "4.1.1").put("score", 9).put("max_score", 9)
                .put("status", "passed").put("visibility", "visible").put("output", "Passed.");
        return ResultsDocument.of(doc);
    }

    private static ResultsDocument failing(String fingerprint) {
        return failing(fingerprint, "visible", List.of(), "What differs: parameters: every entry differs.");
    }

    private static List<AuditReport.Fate> fates(List<AuditReport.Graded> graded) {
        List<AuditReport.Fate> fates = new ArrayList<>();
        graded.forEach(g -> fates.add(AuditReport.fate(g.mutant(), g.results())));
        return fates;
    }

    @Nested
    class TheDictionary {
        @Test
        void holdsEachKilledMutantsFailingTestsWithTheKindOfItsChange() {
            List<AuditReport.Graded> graded = List.of(
                    new AuditReport.Graded(mutant("m1-arithmetic", "Sgd.update"), failing(SHARED)),
                    new AuditReport.Graded(mutant("m2-remove", "Sgd.update"), failing(null)));
            DiagnosisDictionary made = Diagnoses.dictionary(SPEC, graded, KINDS);
            assertEquals(1, made.entries().size(), "a test without a fingerprint makes no entry");
            DiagnosisDictionary.Entry e = made.entries().get(0);
            assertEquals(List.of(TEST, SHARED, "Sgd.update", "§4.1", "sign", "the sign of one term flipped"),
                    List.of(e.test(), e.fingerprint(), e.method(), e.section(), e.kind(), e.phrase()));
            assertEquals(Set.of("m1-arithmetic"), e.mutants());
            assertEquals(SPEC.cases().digest(), made.digest());
        }
    }

    @Nested
    class TheNaming {
        @Test
        void countsAMutantNamedByItsDictionaryOnlyThroughAnotherMutantsEntry() {
            List<AuditReport.Graded> graded = List.of(
                    // Two changes of Sgd.update give the same values: each names the other.
                    new AuditReport.Graded(mutant("m1-arithmetic", "Sgd.update"), failing(SHARED)),
                    new AuditReport.Graded(mutant("m2-remove", "Sgd.update"), failing(SHARED)),
                    // Values of its own: only its own entry would name it.
                    new AuditReport.Graded(mutant("m3-constant", "Sgd.update"), failing("bbbbbbbbbbbbbbbb")),
                    // The same values as a change of another method: that entry names the wrong method.
                    new AuditReport.Graded(mutant("m4-constant", "Adam.update"), failing(SHARED)),
                    // The values are only shown after the due date: nothing a student sees before it names it.
                    new AuditReport.Graded(mutant("m5-negate", "Sgd.update"),
                            failing("cccccccccccccccc", "after_due_date", List.of(), "")));
            List<AuditReport.Fate> fates = fates(graded);
            DiagnosisDictionary made = Diagnoses.dictionary(SPEC, graded, KINDS);
            Diagnoses.Figures figures = Diagnoses.measure(graded, fates, made, DiagnosisDictionary.EMPTY);
            assertEquals(new Diagnoses.Naming(5, 0, 2, 4), figures.totals(), figures::toString);
            assertEquals(Diagnoses.OTHER, figures.named().get("m1-arithmetic"));
            assertEquals(Diagnoses.OTHER, figures.named().get("m2-remove"));
            assertEquals(Diagnoses.OWN, figures.named().get("m3-constant"));
            assertEquals(Diagnoses.OWN, figures.named().get("m4-constant"));
            assertNull(figures.named().get("m5-negate"));
        }

        @Test
        void countsTheCommittedDictionarysEntryOfAnotherMutantButNotItsOwn() {
            AuditReport.Graded alone = new AuditReport.Graded(mutant("m3-constant", "Sgd.update"),
                    failing("bbbbbbbbbbbbbbbb"));
            DiagnosisDictionary committed = new DiagnosisDictionary("v", SPEC.cases().digest(),
                    List.of(new DiagnosisDictionary.Entry(TEST, "bbbbbbbbbbbbbbbb", "Sgd.update", "§4.1", "constant",
                            "a constant changed", Set.of("m3-constant"))));
            DiagnosisDictionary made = Diagnoses.dictionary(SPEC, List.of(alone), KINDS);
            assertEquals(new Diagnoses.Naming(1, 0, 0, 1),
                    Diagnoses.measure(List.of(alone), fates(List.of(alone)), made, committed).totals());
            DiagnosisDictionary another = new DiagnosisDictionary("v", committed.digest(),
                    List.of(new DiagnosisDictionary.Entry(TEST, "bbbbbbbbbbbbbbbb", "Sgd.update", "§4.1", "constant",
                            "a constant changed", Set.of("m9-constant"))));
            assertEquals(new Diagnoses.Naming(1, 0, 1, 1),
                    Diagnoses.measure(List.of(alone), fates(List.of(alone)), made, another).totals());
        }

        @Test
        void leavesTheDictionarysLinesOutOfTheCataloguesNaming() {
            Score.Mistake reproduced = new Score.Mistake("dictionary:Sgd.update:sign",
                    "Sgd.update (§4.1): your values are what it gives with the sign of one term flipped.");
            String diagnosis = Score.MISTAKE_PREFIX + reproduced.message() + "\nWhat differs: parameters: every entry"
                    + " differs.";
            ResultsDocument results = failing(SHARED, "visible", List.of(reproduced), diagnosis);
            Mutant m = mutant("m1-arithmetic", "Sgd.update");
            assertNull(AuditReport.namedBy(m, results), "the view names Sgd.update only through the dictionary");
            TestResult t = results.tests().get(0);
            assertFalse(Diagnoses.withoutDictionary(t, t.output()).contains("Sgd.update"));
            assertTrue(Diagnoses.withoutDictionary(t, t.output()).contains("What differs"));
            assertTrue(Diagnoses.catalogued(t).isEmpty());
        }
    }
}
