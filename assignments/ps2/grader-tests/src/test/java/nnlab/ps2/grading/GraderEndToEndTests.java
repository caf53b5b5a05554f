package nnlab.ps2.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.authoring.Samples;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;
import nnlab.grader.run.Grader;
import nnlab.testsupport.GradedResults;

/**
 * Problem set 2 graded through the sandbox: the correct sample whole, through the cold single-submission path that
 * {@code grader/bin/grade} takes; the untouched starter and the buggy sample, whose tests pin what they score, through
 * the warm compiler a batch uses.
 */
@Tag("slow")
class GraderEndToEndTests {

    private static final Grader.Options SEEDED = Grader.Options.defaults().withSeed(Grading.SEED);

    @Test
    void correctSampleScoresFullMarksThroughTheSandbox(@TempDir Path tmp) {
        ResultsDocument results = Grading.gradeCold(Grading.correct(), SEEDED, tmp);
        GradedResults.assertFull(results, "");
        assertEquals(100, results.score(), 1e-9, results::summary);
        assertEquals(Grading.SEED, results.extraData().seed());
    }

    @Test
    void untouchedStarterScoresZero(@TempDir Path tmp) {
        ResultsDocument results = Grading.grade(Grading.STARTER, SEEDED, tmp);
        assertEquals(0, results.score(), 1e-9, results::summary);
        assertTrue(GradedResults.test(results, "3.1.1").details().contains("Not implemented yet: Conv2D.forward"),
                () -> GradedResults.test(results, "3.1.1").details());
    }

    @Test
    void buggySampleLosesPointsInTheTestsOfItsThreeMistakesAndNamesThem(@TempDir Path tmp) throws IOException {
        Path buggy = Samples.write(Grading.REPOSITORY, "ps2", "buggy", Files.createDirectory(tmp.resolve("buggy")));
        ResultsDocument results = Grading.grade(buggy, SEEDED.onlyTests("1.,2.,3."),
                Files.createDirectory(tmp.resolve("out")));
        for (String failing : List.of("1.2.1", "2.2.1", "3.1.1")) {
            TestResult t = GradedResults.test(results, failing);
            assertTrue(t.score() < t.maxScore(), () -> failing + " should lose points: " + t.details());
        }
        for (Mistake named : List.of(Mistake.PATIENCE_OFF_BY_ONE, Mistake.DROPOUT_NOT_SCALED,
                Mistake.CONV_FLIPPED_KERNEL)) {
            assertTrue(results.tests().stream().anyMatch(t -> t.details().contains(named.message())),
                    () -> named + " is not named:\n" + results.summary());
        }
        GradedResults.assertFull(results, "1.1");
        GradedResults.assertFull(results, "2.1");
        GradedResults.assertFull(results, "3.3");
    }
}
