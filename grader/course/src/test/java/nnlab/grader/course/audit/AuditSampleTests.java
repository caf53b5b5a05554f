package nnlab.grader.course.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.authoring.RepositoryLayout;
import nnlab.grader.course.CourseMain;
import nnlab.grader.run.Grader;

/**
 * The audit in CI, on a small fixed sample of each assignment's mutants: every mutant drawn must be killed by the
 * hidden tests or be on the assignment's allow-list of equivalent mutants, so a change that weakens the hidden tests
 * (a case dropped, a check loosened) turns the build red with the surviving mutant's diff. The samples are the first
 * mutants of {@code course audit --seed 1}, whose 40-mutant runs are recorded in docs/authoring.md §7; each holds
 * mutants that only the tests sharpened after those runs kill (ps1: Sequential.fit's argument check; ps2:
 * onTrainBegin's reset, Regularizer.penalty with l1 = 1) and one allow-listed mutant (ps2).
 */
@Tag("slow")
class AuditSampleTests {

    /** The audit's seed: draws the sample and is the grading's run seed. */
    private static final long SEED = 1;
    /**
     * One warm grader grades the sample: the suite's test JVMs already keep every processor busy, so a second grader
     * would only pay the start-up again (its JVM, its compiler's JVM, a cold javac, the reference's run) for nothing this
     * test asserts: each mutant's fate is its own grading's. Parallel batches are BatchGradingTests' and
     * ShardedBatchTests'.
     */
    private static final int JOBS = 1;

    @ParameterizedTest(name = "{0}: the first {1} mutants of seed 1")
    @CsvSource({"ps1, 11", "ps2, 10"})
    void everyMutantOfTheSampleIsKilledOrAllowListed(String assignment, int mutants, @TempDir Path out)
            throws Exception {
        AuditReport report = new Audit(new Audit.Options(RepositoryLayout.findRepository(Path.of("")),
                Grader.find(assignment).orElseThrow().spec(), out, MutationOperator.parse(null), SEED, mutants, JOBS,
                null, CourseMain.childCommand(), new PrintStream(PrintStream.nullOutputStream()))).run();
        assertEquals(mutants, report.totals().made());
        assertEquals(0, report.totals().errors(), () -> "the grader could not grade some mutants: see "
                + out.resolve("index.html"));
        List<AuditReport.Fate> survivors = report.mutants().stream()
                .filter(f -> f.status().equals(AuditReport.SURVIVED)).toList();
        assertTrue(survivors.isEmpty(), () -> survivors.size() + " mutant(s) of " + assignment + " score full marks:"
                + " sharpen a hidden test that should catch it, or, if it is equivalent to the reference for every"
                + " input the handout defines, add its line (and why) to assignments/" + assignment + "/"
                + AllowList.FILE + ".\n" + survivors.stream().map(f -> f.mutant().id() + ": "
                        + AllowList.key(f.mutant()) + "\n" + f.mutant().diff()).collect(Collectors.joining("\n")));
    }
}
