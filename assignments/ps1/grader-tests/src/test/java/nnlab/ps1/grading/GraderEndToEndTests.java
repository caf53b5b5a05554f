package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.Reader;
import nnlab.grader.Assignment;
import nnlab.grader.AssignmentSpec;
import nnlab.grader.Disclosure;
import nnlab.grader.protocol.ValueType;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;
import nnlab.grader.run.Grader;
import nnlab.testsupport.GradedResults;
import nnlab.testsupport.Trees;

/**
 * The grader on whole submissions: the reference, the starter, one broken file, the buggy sample, a grader failure.
 * The reference through the sandbox and the grader failure go through the cold single-submission path that {@code
 * grader/bin/grade} takes; the other gradings, whose tests pin what they score, through the warm compiler a batch uses.
 */
@Tag("slow")
class GraderEndToEndTests {

    private static final Grader.Options SEEDED = Grader.Options.defaults().withSeed(Grading.SEED);

    /**
     * The reference as problem set 1 sees it: its correct sample, rendered from the shared reference library without the
     * later problem sets' code (the library folder itself also holds problem set 2's classes). Graded through the
     * sandbox once for the class: every test here reads that one result.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TheReference {
        private ResultsDocument sandboxed;

        @BeforeAll
        void gradeTheCorrectSampleThroughTheSandbox(@TempDir Path tmp) {
            sandboxed = Grading.gradeCold(Grading.CORRECT, SEEDED, tmp);
        }

        @Test
        void scoresFullMarksThroughTheSandboxAndTheSameInProcess(@TempDir Path tmp) {
            ResultsDocument inProcess = Grading.grade(Grading.CORRECT, SEEDED.unsandboxed(), tmp);
            GradedResults.assertFull(sandboxed, "");
            assertEquals(100, sandboxed.score(), 1e-9);
            // One JVM for the three visibility passes: the reset between tests leaves code that starts no thread in it.
            assertEquals(1, sandboxed.extraData().submissionJvmStarts(), sandboxed::summary);
            assertEquals(GradedResults.scores(inProcess), GradedResults.scores(sandboxed));
            System.out.println("isolation here: " + sandboxed.extraData().isolation());
        }

        @Test
        void correctSampleScoresFullMarksAndRecordsSeedAndIsolation() {
            assertEquals(100, sandboxed.score(), 1e-9, sandboxed::summary);
            assertEquals(Grading.SEED, sandboxed.extraData().seed());
            assertNotNull(sandboxed.extraData().isolation());
        }

        @Test
        void loopBasedSampleWrittenWithoutMatrixProductsScoresFullMarks(@TempDir Path tmp) {
            ResultsDocument results = Grading.grade(Grading.LOOPS, SEEDED, tmp);
            assertEquals(100, results.score(), 1e-9, results::summary);
        }
    }

    @Test
    void untouchedStarterScoresZero(@TempDir Path tmp) {
        ResultsDocument results = Grading.grade(Grading.STARTER, SEEDED, tmp);
        assertEquals(0, results.score(), 1e-9, results::summary);
        assertTrue(GradedResults.test(results, "1.1.1").details().contains("Not implemented yet"),
                () -> GradedResults.test(results, "1.1.1").details());
    }

    @Test
    void oneFileThatDoesNotCompileCostsOnlyItsTests(@TempDir Path tmp) throws IOException {
        Path submission = Trees.copy(Grading.CORRECT, tmp.resolve("sub"));
        Path adagrad = submission.resolve("src/main/java/nnlab/Adagrad.java");
        Files.writeString(adagrad, Files.readString(adagrad).replaceFirst("public void update", "public void update("));
        ResultsDocument results = Grading.grade(submission, SEEDED, Files.createDirectory(tmp.resolve("out")));
        assertEquals(0, GradedResults.test(results, "4.3.1").score(), results::summary);
        assertEquals(100 - GradedResults.test(results, "4.3.1").maxScore(), results.score(), 1e-9, results::summary);
        assertTrue(results.output().contains("nnlab/Adagrad.java:"), results::output);
        assertTrue(results.output().contains("Replaced nnlab/Adagrad.java"), results::output);
        String details = GradedResults.test(results, "4.3.1").textFor(Reader.TA);
        assertTrue(details.contains("(Adagrad.java:") && details.contains("the starter's Adagrad.java, used because yours"
                + " did not compile"), () -> "a frame in the replaced file must say whose line it is:\n" + details);
    }

    @Test
    void buggySampleLosesPointsInTheTestsOfItsMistakes(@TempDir Path tmp) {
        ResultsDocument results = Grading.grade(Grading.BUGGY, SEEDED, tmp);
        for (String failing : List.of("1.2.1", "2.2.1", "4.2.1")) {
            TestResult t = GradedResults.test(results, failing);
            assertTrue(t.score() < t.maxScore(), () -> failing + " should lose points: " + t.details());
        }
        GradedResults.assertFull(results, "1.1");
        GradedResults.assertFull(results, "1.3");
        GradedResults.assertFull(results, "4.1");
        GradedResults.assertFull(results, "5.");
        assertTrue(results.score() < 100);
        assertFalse(results.output().contains(Long.toString(Grading.SEED)), () -> "students see the top-level output"
                + " on Gradescope; with the seed they could regenerate the run's probes:\n" + results.output());
        assertEquals(Grading.SEED, results.extraData().seed(), "the TA's copy of the seed");
    }

    @Test
    void aGraderFailureStillWritesACompleteValidResult(@TempDir Path tmp) throws IOException {
        Ps1Assignment real = new Ps1Assignment();
        Assignment broken = new Assignment() {
            @Override public String id() { return "broken"; }
            @Override public AssignmentSpec spec() { return real.spec(); }
            @Override public List<Class<?>> testClasses() { return real.testClasses(); }
            @Override public Map<String, String> starterSources() { throw new IllegalStateException("starter unreadable"); }
            @Override public Map<String, byte[]> submissionResources() { return real.submissionResources(); }
            @Override public List<ValueType> valueTypes() { return real.valueTypes(); }
            @Override public ClassLoader oracleLoader() { return real.oracleLoader(); }
        };
        Path placeholders = tmp.resolve("placeholders.json");
        ResultsDocument results = new Grader(broken).grade(Grading.CORRECT,
                new Grader.Options(Grading.SEED, false, placeholders, null, null));
        results.write(tmp.resolve("results.json"));
        GradedResults.assertValid(tmp.resolve("results.json"));
        GradedResults.assertValid(placeholders);
        assertTrue(results.tests().stream().anyMatch(t -> t.name().contains("not your fault")));
        assertEquals(27 + 2, results.tests().size());
        assertEquals(0, results.score(), 1e-9);
    }
}
