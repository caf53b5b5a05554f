package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nnlab.grader.authoring.Samples;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;
import nnlab.grader.report.RunData;
import nnlab.grader.run.Grader;
import nnlab.testsupport.Trees;

/**
 * Verdicts that do not depend on the machine's load: the correct and the loop-based samples of ps1 and ps2's correct
 * sample score every point while the machine runs {@link #SPINNERS_PER_PROCESSOR} × nproc busy processes, each in its
 * own session ({@code setsid}: Linux's autogroup scheduling would otherwise give them all one share together and hide
 * the problem), and a fit that does 30 times the reference's work in one call loses that call, loaded or not.
 *
 * <p>Each sample is graded {@link #repetitions()} times: once in the suite (a grading under this load takes minutes
 * on two processors, and the per-call figures it records show the margin), three times for the full check that
 * grader/README.md documents ({@code NNLAB_LOAD_REPETITIONS=3}). The loaded gradings run side by side, each beside
 * the busy sessions and the others, so the wait for the machine is paid once rather than once per grading.
 */
@Tag("slow")
class LoadTests {

    /** Busy processes per processor: what a shared CI runner or a grading host at a deadline looks like, and more. */
    static final int SPINNERS_PER_PROCESSOR = 6;
    private static final String REPETITIONS = "NNLAB_LOAD_REPETITIONS";
    /** The samples that must score every point under load: ps1's correct and loop-based, ps2's correct. */
    private static final int SAMPLES = 3;
    private static final String DIGITS = "5.2.1";
    private static final String SEQUENTIAL = "src/main/java/nnlab/Sequential.java";
    private static final String FIT_START = "        Random random = new Random(seed);\n        double[] history";
    /** Fits the reference's 1 adds to make one call do 30 times its work. */
    private static final int EXTRA_FITS = 29;
    private static final String REPEAT_FIELD = "    private static final ThreadLocal<Boolean> REPEATING ="
            + " ThreadLocal.withInitial(() -> false);\n";

    @TempDir
    static Path dir;

    private static int repetitions() {
        String set = System.getenv(REPETITIONS);
        return set == null || set.isBlank() ? 1 : Integer.parseInt(set.strip());
    }

    /** Busy loops in sessions of their own; closing ends them. */
    static final class Spinners implements AutoCloseable {
        private final List<Process> processes = new ArrayList<>();

        Spinners(int count) throws IOException {
            for (int i = 0; i < count; i++) {
                processes.add(new ProcessBuilder("setsid", "bash", "-c", "while :; do :; done")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
        }

        @Override
        public void close() {
            for (Process p : processes) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    /** Returns the slow variants: 29 more fits in the call itself, or in a helper thread the call waits for. */
    static Stream<Arguments> slowFits() {
        String again = "for (int r = 0; r < " + EXTRA_FITS + "; r++) { setParameters(start); fit(x, y, epochs, batchSize,"
                + " seed); } setParameters(start);";
        return Stream.of(
                Arguments.of("30 fits in the call", "        if (!REPEATING.get()) { REPEATING.set(true); try {"
                        + " double[] start = parameters(); " + again + " } finally { REPEATING.set(false); } }\n"),
                Arguments.of("29 fits in a helper thread the call joins", "        if (!REPEATING.get()) { double[] start"
                        + " = parameters(); Thread helper = new Thread(() -> { REPEATING.set(true); " + again + " });"
                        + " helper.start(); try { helper.join(); } catch (InterruptedException e) {"
                        + " Thread.currentThread().interrupt(); } }\n"));
    }

    /** Writes ps1's correct sample with {@code slowdown} at the start of Sequential.fit's loop. */
    private static Path slowSample(String name, String slowdown) throws IOException {
        Path submission = Trees.copy(Course.sample("ps1", Samples.CORRECT), dir.resolve(name.replace(' ', '-')));
        Path file = submission.resolve(SEQUENTIAL);
        String text = Files.readString(file);
        assertTrue(text.contains(FIT_START), "the correct sample's fit no longer starts its loop as this test expects");
        text = text.replace(FIT_START, slowdown + FIT_START)
                .replace("public final class Sequential {\n", "public final class Sequential {\n" + REPEAT_FIELD);
        Files.writeString(file, text);
        return submission;
    }

    private static ResultsDocument grade(String assignment, Path submission, String only) {
        Grader.Options options = Grader.Options.defaults().withSeed(Course.SEED);
        return new Grader(Grader.find(assignment).orElseThrow()).grade(submission, only == null ? options
                : options.onlyTests(only));
    }

    /** Fails unless the digits recipe lost its points to the processor-time limit of one call, with a true message. */
    private static void assertLostTheCallToItsProcessorLimit(ResultsDocument results) {
        TestResult digits = results.tests().stream().filter(t -> t.number().equals(DIGITS)).findFirst().orElseThrow();
        assertEquals(0, digits.score(), digits::output);
        assertTrue(digits.output().contains("s of processor time (all its threads together) in one call"),
                digits::output);
        assertNull(results.extraData().graderError(), results::output);
    }

    /** Loads the machine on purpose, so it runs alone, after the module's other classes. */
    @Nested
    @Tag("machine-load")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnAMachineLoadedWithSixBusySessionsPerProcessor {
        private final Map<String, List<ResultsDocument>> graded = new LinkedHashMap<>();
        private final Map<String, ResultsDocument> slow = new LinkedHashMap<>();
        private Spinners spinners;

        @BeforeAll
        void gradeTheSamplesUnderLoad() throws IOException, InterruptedException, ExecutionException {
            Path ps1Correct = Course.sample("ps1", Samples.CORRECT);
            Path ps1Loops = Course.sample("ps1", "loops");
            Path ps2Correct = Course.sample("ps2", Samples.CORRECT);
            List<Arguments> slowFits = slowFits().toList();
            List<Path> slowSamples = new ArrayList<>();
            for (Arguments a : slowFits) {
                slowSamples.add(slowSample("loaded " + a.get()[0], (String) a.get()[1]));
            }
            Map<String, List<Future<ResultsDocument>>> gradings = new LinkedHashMap<>();
            Map<String, Future<ResultsDocument>> slowGradings = new LinkedHashMap<>();
            spinners = new Spinners(SPINNERS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors());
            // The suite's five gradings at once: each submission JVM is a session of its own beside the busy ones, so
            // none gets more than the share it would get alone, and the load only grows; the machine's wait is paid once.
            ExecutorService pool = Executors.newFixedThreadPool(SAMPLES + slowFits.size());
            try {
                for (int i = 0; i < repetitions(); i++) {
                    gradings.computeIfAbsent("ps1 correct", k -> new ArrayList<>())
                            .add(pool.submit(() -> grade("ps1", ps1Correct, null)));
                    gradings.computeIfAbsent("ps1 loops", k -> new ArrayList<>())
                            .add(pool.submit(() -> grade("ps1", ps1Loops, null)));
                    gradings.computeIfAbsent("ps2 correct", k -> new ArrayList<>())
                            .add(pool.submit(() -> grade("ps2", ps2Correct, null)));
                }
                for (int i = 0; i < slowFits.size(); i++) {
                    Path sample = slowSamples.get(i);
                    slowGradings.put((String) slowFits.get(i).get()[0], pool.submit(() -> grade("ps1", sample, DIGITS)));
                }
                for (Map.Entry<String, List<Future<ResultsDocument>>> e : gradings.entrySet()) {
                    for (Future<ResultsDocument> f : e.getValue()) {
                        graded.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(f.get());
                    }
                }
                for (Map.Entry<String, Future<ResultsDocument>> e : slowGradings.entrySet()) {
                    slow.put(e.getKey(), e.getValue().get());
                }
            } finally {
                pool.shutdownNow();
            }
            graded.forEach((name, runs) -> runs.forEach(r -> print(name, r)));
            slow.forEach((name, r) -> print("slow: " + name, r));
        }

        /** Prints the figures a grading recorded, for the README's check and the TA's eye. */
        private void print(String name, ResultsDocument r) {
            RunData.Load load = r.extraData().load();
            System.out.printf(java.util.Locale.ROOT, "LOAD %-45s score %6.2f / %6.2f  load avg max %5.1f  submission CPU"
                    + " %6.1f s  costliest call %5.1f s CPU, longest %6.1f s wall  retries %d  grader error %s%n", name,
                    r.score(), r.maxScore(), load.loadAverageMax(), load.submissionCpuMs() / 1e3,
                    load.maxCallCpuMs() / 1e3, load.maxCallWallMs() / 1e3, load.retries().size(),
                    r.extraData().graderError());
        }

        @AfterAll
        void stopTheLoad() {
            if (spinners != null) {
                spinners.close();
            }
        }

        @Test
        void theCorrectAndLoopBasedSamplesScoreEveryPointEveryTime() {
            graded.forEach((name, runs) -> runs.forEach(r -> {
                assertEquals(r.maxScore(), r.score(), 1e-9, () -> name + ": " + r.summary());
                assertNull(r.extraData().graderError(), () -> name + ": " + r.output());
            }));
        }

        @Test
        void theResultsRecordTheLoadTheyWereGradedUnder() {
            graded.forEach((name, runs) -> runs.forEach(r -> {
                RunData.Load load = r.extraData().load();
                assertTrue(load.loadAverageMax() != null && load.loadAverageMax() > load.processors(),
                        () -> name + " was graded on a loaded machine: " + load);
                assertTrue(load.maxCallCpuMs() > 0 && load.submissionCpuMs() >= load.maxCallCpuMs(), load::toString);
            }));
        }

        @Test
        void aFitWithThirtyTimesTheWorkStillLosesItsCall() {
            slow.values().forEach(LoadTests::assertLostTheCallToItsProcessorLimit);
        }
    }

    /** Loads nothing beyond its own grading: runs beside the module's other classes. */
    @Nested
    class OnAQuietMachine {
        @ParameterizedTest(name = "{0}")
        @MethodSource("nnlab.grader.course.LoadTests#slowFits")
        void aFitWithThirtyTimesTheWorkLosesItsCall(String name, String slowdown) throws IOException {
            assertLostTheCallToItsProcessorLimit(grade("ps1", slowSample("quiet " + name, slowdown), DIGITS));
        }
    }
}
