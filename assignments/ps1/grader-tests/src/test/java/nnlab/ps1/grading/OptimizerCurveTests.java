package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;
import nnlab.grader.report.TestData;
import nnlab.grader.run.Grader;
import nnlab.testsupport.GradedResults;
import nnlab.testsupport.Trees;

/**
 * The training curves the Part 4 tests record for the report: shown, never scored, and never paid for with the
 * submission's time budget.
 */
class OptimizerCurveTests {

    private static final List<String> OPTIMIZER_TESTS = List.of("4.1.1", "4.2.1", "4.3.1", "4.4.1", "4.5.1");
    /** Same arithmetic on both sides: the curves may differ only by rounding. */
    private static final double SAME_CURVE = 1e-12;
    /** Slow enough that 30 updates exceed the curve's 2 s, fast enough for the scored 15 to pass easily. */
    private static final int SLOW_UPDATE_MILLIS = 150;

    @Test
    void aCorrectOptimizerDrawsTheReferencesCurve(@TempDir Path tmp) {
        ResultsDocument results = Grading.grade(Grading.CORRECT,
                Grader.Options.defaults().withSeed(Grading.SEED).onlyTests("4.").unsandboxed(), tmp);
        for (String number : OPTIMIZER_TESTS) {
            TestResult t = GradedResults.test(results, number);
            double[] mine = t.extraData().doubles(TestData.LOSS_HISTORY);
            double[] reference = t.extraData().doubles(TestData.REFERENCE_LOSS_HISTORY);
            assertEquals(30, mine.length, number);
            for (int epoch = 0; epoch < mine.length; epoch++) {
                assertEquals(reference[epoch], mine[epoch], SAME_CURVE * Math.abs(reference[epoch]), number);
            }
            assertTrue(reference[29] < reference[0],
                    number + ": the fixed problem is one the optimizer makes progress on");
        }
    }

    @Test
    void aSlowOptimizerKeepsItsPointsAndDrawsNoCurve(@TempDir Path tmp) throws IOException {
        Path submission = Trees.copy(Grading.CORRECT, tmp.resolve("sub"));
        Path rmsProp = submission.resolve("src/main/java/nnlab/RmsProp.java");
        String source = Files.readString(rmsProp);
        String signature = "public void update(double[] parameters, double[] gradient) {";
        String slowed = source.replace(signature, signature + "\n        try { Thread.sleep(" + SLOW_UPDATE_MILLIS
                + "); } catch (InterruptedException e) { throw new IllegalStateException(e); }");
        assertFalse(slowed.equals(source), "the patch no longer applies to RmsProp.java");
        Files.writeString(rmsProp, slowed);

        ResultsDocument results = Grading.grade(submission, Grader.Options.defaults().withSeed(Grading.SEED).onlyTests("4.2"),
                Files.createDirectory(tmp.resolve("out")));

        TestResult t = GradedResults.test(results, "4.2.1");
        assertEquals(t.maxScore(), t.score(), 1e-9, t.details());
        assertFalse(t.extraData().attached().containsKey(TestData.LOSS_HISTORY), "a curve that would take longer than its budget is"
                + " left out instead of spending the submission's time");
    }
}
