package nnlab.ps2.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.authoring.MutantCatalogue;
import nnlab.grader.run.Grader;
import nnlab.testsupport.Trees;

/**
 * The suite's power, measured: every catalogued mutant of the correct sample loses points in its own part and in no
 * part it does not declare, and its feedback names the mistake — in what the student sees before the due date (the
 * engine's {@link nnlab.grader.Disclosure}, the policy every report uses) for at least 90% of the catalogue, as text
 * and as the structured {@code mistakes} record, with no hidden case's value in that view. Graded in process (trusted code) for speed; a few
 * through the sandbox to show the two paths agree. The table of the note is written to target/mutant-table.md.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutantCatalogueTests {

    /**
     * Parts 1–3 only: every mutant that can lose points in Part 4 declares it (it trains the recipes with the
     * mistake), so grading Part 4's two trainings per mutant would check nothing and triple the suite's time.
     */
    private static final String GRADED_PARTS = "1.,2.,3.";
    private static final Grader.Options IN_PROCESS = Grader.Options.defaults().withSeed(Grading.SEED).unsandboxed()
            .onlyTests(GRADED_PARTS);
    private static final Grader.Options SANDBOXED = Grader.Options.defaults().withSeed(Grading.SEED)
            .onlyTests(GRADED_PARTS);
    private static final int MINIMUM_CATALOGUE = 30;
    /** The share of the catalogue whose mistake a student must see named before the due date. */
    private static final double NAMED_BEFORE_DUE_DATE = 0.9;
    /** Mutants graded through the sandbox as well: a layer, a mask drawn from the run's generator, a callback. */
    private static final List<String> SANDBOX_SPOT_CHECKS = List.of("conv-flipped-kernel", "dropout-mask-redrawn",
            "min-delta-inclusive");
    private static final double NO_LOSS = 1e-9;
    /** Gradings in flight at once: the build machine has two cores. */
    private static final int PARALLEL_GRADINGS = 2;

    private final List<MutantCatalogue.Outcome> outcomes = new ArrayList<>();
    private Path tmp;

    @BeforeAll
    void gradeEveryMutant() throws Exception {
        tmp = Files.createTempDirectory("nnlab-mutants");
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_GRADINGS);
        try {
            List<Future<MutantCatalogue.Outcome>> futures = new ArrayList<>();
            for (MutantCatalogue.Mutant m : Mutants.catalogue()) {
                futures.add(pool.submit(() -> Mutants.grade(m, tmp, IN_PROCESS)));
            }
            for (Future<MutantCatalogue.Outcome> f : futures) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @AfterAll
    void writeTable() throws IOException {
        String table = Mutants.CATALOGUE.table(outcomes);
        System.out.println(table);
        System.out.println(MutantCatalogue.namedSummary(outcomes));
        Files.writeString(Path.of("target", "mutant-table.md"), table);
        Trees.delete(tmp);
    }

    @Test
    void theCatalogueHoldsAtLeastThirtyDistinctMistakes() {
        Set<String> ids = new HashSet<>();
        outcomes.forEach(o -> assertTrue(ids.add(o.mutant().id()), "duplicate id " + o.mutant().id()));
        assertTrue(ids.size() >= MINIMUM_CATALOGUE, () -> ids.size() + " mutants");
    }

    @TestFactory
    Stream<DynamicTest> eachMutantLosesPointsInItsOwnPartOnly() {
        return outcomes.stream().map(o -> DynamicTest.dynamicTest(o.mutant().id(), () -> {
            MutantCatalogue.Mutant m = o.mutant();
            Map<Integer, Double> lost = o.lostByPart();
            assertTrue(lost.getOrDefault(m.part(), 0.0) > NO_LOSS,
                    () -> m.id() + " should lose points in Part " + m.part() + ": " + lost);
            for (int part = 1; part <= Mutants.PARTS; part++) {
                if (part != m.part() && !m.dependents().contains(part)) {
                    int p = part;
                    assertEquals(0, lost.getOrDefault(part, 0.0), NO_LOSS, () -> m.id() + " lost points in Part " + p
                            + ", which it does not declare: " + lost + "\n" + outputsOf(o, p));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> feedbackNamesTheCataloguedMistake() {
        return outcomes.stream().filter(o -> o.mutant().hint() != null).map(o -> DynamicTest.dynamicTest(o.mutant().id(),
                () -> assertTrue(o.hintShown(), () -> o.mutant().id() + " should be told: "
                        + Mistake.valueOf(o.mutant().hint()).message() + "\n" + outputsOf(o, o.mutant().part()))));
    }

    @Test
    void everyMutantHasAHint() {
        List<String> unnamed = outcomes.stream().filter(o -> o.mutant().hint() == null).map(o -> o.mutant().id()).toList();
        assertTrue(unnamed.isEmpty(), () -> "every ps2 mutant names its mistake; these do not: " + unnamed);
    }

    @Test
    void theStudentsViewBeforeTheDueDateNamesTheMistakeOfNinetyPercentOfTheCatalogue() {
        List<String> unnamed = outcomes.stream().filter(o -> !o.namedBeforeDueDate()).map(o -> o.mutant().id())
                .toList();
        double named = 1 - (double) unnamed.size() / outcomes.size();
        assertTrue(named >= NAMED_BEFORE_DUE_DATE, () -> String.format(java.util.Locale.ROOT,
                "%.0f%% named before the due date; not named: %s", 100 * named, unnamed));
    }

    @TestFactory
    Stream<DynamicTest> theStudentsViewBeforeTheDueDateNamesEachHint() {
        return outcomes.stream().filter(o -> o.mutant().hint() != null).map(o -> DynamicTest.dynamicTest(o.mutant().id(),
                () -> assertTrue(o.namedBeforeDueDate(), () -> o.mutant().id() + ": a student should be told before the"
                        + " due date: " + Mistake.valueOf(o.mutant().hint()).message() + "\nThey see:\n"
                        + o.studentViewByTest())));
    }

    @TestFactory
    Stream<DynamicTest> theStudentsViewBeforeTheDueDateRevealsNoHiddenCase() {
        return outcomes.stream().map(o -> DynamicTest.dynamicTest(o.mutant().id(), () -> o.studentViewByTest()
                .forEach((number, text) -> assertFalse(text.contains("on this hidden case") || text.contains("your value:"),
                        () -> number + " shows a hidden case's value before the due date: " + text))));
    }

    @Nested
    class ThroughTheSandbox {
        @Test
        void spotChecksScoreAsInProcess(@TempDir Path dir) throws IOException {
            for (MutantCatalogue.Outcome o : outcomes) {
                if (SANDBOX_SPOT_CHECKS.contains(o.mutant().id())) {
                    MutantCatalogue.Outcome sandboxed = Mutants.grade(o.mutant(), dir, SANDBOXED);
                    assertEquals(o.lostByPart(), sandboxed.lostByPart(), o.mutant().id());
                    assertEquals(o.hintShown(), sandboxed.hintShown(), o.mutant().id());
                }
            }
        }
    }

    private static String outputsOf(MutantCatalogue.Outcome o, int part) {
        StringBuilder sb = new StringBuilder();
        o.outputByTest().forEach((number, output) -> {
            if (MutantCatalogue.partOf(number) == part && !output.equals("Passed.")) {
                sb.append(number).append(": ").append(output).append('\n');
            }
        });
        return sb.toString();
    }
}
