package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.authoring.MutantCatalogue;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;
import nnlab.grader.report.TestData;
import nnlab.grader.report.RunData;
import nnlab.grader.run.Grader;
import nnlab.testsupport.GradedResults;
import nnlab.testsupport.Trees;

/**
 * Fair scores: a submission's points are a function of the submission and the assignment version alone. Every
 * catalogued mutant and every sample is graded under five run seeds, in process (trusted code) like the catalogue
 * test, and must score the same in every test; probes may flag a mistake for the TA but never move points. The
 * samples are graded whole; each mutant in the parts it can lose points in (its own and its dependents', which
 * {@link MutantCatalogueTests} holds it to) among Parts 1–4, where every test that draws cases or probes lives: Part 5
 * trains on the bundled data sets with fixed seeds and draws from neither seed, and it costs more than Parts 1–4
 * together. The other parts run the mutant's unchanged code paths, which the samples cover under every run seed.
 * The time the gradings took is printed.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FairScoreTests {

    private static final List<Long> RUN_SEEDS = List.of(1L, 2L, 3L, 4L, 5L);
    /** Gradings in flight at once: the build machine has two cores. */
    private static final int PARALLEL_GRADINGS = 2;
    /** The mistakes whose scores were seen to vary with the run seed before the cases were fixed. */
    private static final List<String> MEASURED = List.of("leaky-relu-slope-0.01", "perceptron-predict-thresholds-weighted-sum");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The last part whose tests draw cases or probes. */
    private static final int LAST_DRAWING_PART = 4;

    /** Each submission's results, one per run seed, in the order of {@link #RUN_SEEDS}. */
    private final Map<String, List<ResultsDocument>> graded = new LinkedHashMap<>();
    private Path tmp;

    @BeforeAll
    void gradeEverySubmissionUnderEveryRunSeed() throws Exception {
        long start = System.nanoTime();
        tmp = Files.createTempDirectory("nnlab-fair");
        Map<String, Path> submissions = new LinkedHashMap<>();
        Map<String, String> parts = new LinkedHashMap<>();
        submissions.put("sample correct", Grading.CORRECT);
        submissions.put("sample buggy", Grading.BUGGY);
        submissions.put("sample loops", Grading.LOOPS);
        for (MutantCatalogue.Mutant m : Mutants.catalogue()) {
            submissions.put(m.id(), Mutants.apply(m, Files.createDirectories(tmp.resolve(m.id()))));
            parts.put(m.id(), drawingPartsOf(m));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_GRADINGS);
        try {
            Map<String, List<Future<ResultsDocument>>> futures = new LinkedHashMap<>();
            submissions.forEach((name, folder) -> futures.put(name, RUN_SEEDS.stream().map(seed -> {
                Grader.Options options = Grader.Options.defaults().withSeed(seed).unsandboxed();
                Grader.Options graded = parts.containsKey(name) ? options.onlyTests(parts.get(name)) : options;
                return pool.submit(() -> Grading.WARM.with(grader -> grader.grade(folder, graded)));
            }).toList()));
            for (Map.Entry<String, List<Future<ResultsDocument>>> e : futures.entrySet()) {
                List<ResultsDocument> results = new ArrayList<>();
                for (Future<ResultsDocument> f : e.getValue()) {
                    results.add(f.get());
                }
                graded.put(e.getKey(), results);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "FairScoreTests: %d submissions × %d run seeds graded in %.1f s%n",
                submissions.size(), RUN_SEEDS.size(), (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    void deleteCopies() {
        Trees.delete(tmp);
    }

    @TestFactory
    Stream<DynamicTest> everySubmissionScoresTheSameInEveryTestUnderFiveRunSeeds() {
        return graded.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<Map<String, Double>> scores = e.getValue().stream().map(GradedResults::scores).toList();
            assertEquals(scores.get(0), scores.get(scores.size() - 1), () -> e.getKey() + " scores differ with the run"
                    + " seed:\n" + differences(scores));
            assertTrue(scores.stream().allMatch(scores.get(0)::equals), () -> e.getKey() + " scores differ with the"
                    + " run seed:\n" + differences(scores));
        }));
    }

    @Test
    void theMistakesMeasuredToDependOnTheSeedAreCatalogued() {
        List<String> ids = Mutants.catalogue().stream().map(MutantCatalogue.Mutant::id).toList();
        assertTrue(ids.containsAll(MEASURED), () -> "missing from mutants.json: " + MEASURED);
        for (String id : MEASURED) {
            List<Double> lost = graded.get(id).stream().map(r -> ResultsDocument.round(r.maxScore() - r.score())).toList();
            System.out.println("FairScoreTests: " + id + " loses " + lost + " points under run seeds " + RUN_SEEDS);
            assertTrue(lost.get(0) > 0, () -> id + " should lose points");
        }
    }

    @Test
    void theCorrectSamplesScoreFullMarksUnderEveryRunSeed() {
        for (String sample : List.of("sample correct", "sample loops")) {
            for (ResultsDocument r : graded.get(sample)) {
                assertEquals(100, r.score(), 1e-9, r::summary);
            }
        }
    }

    @Test
    void resultsNameTheCasesVersionButNeverTheCaseSeed() throws IOException {
        AssignmentSpec.Cases cases = new Ps1Assignment().spec().cases();
        ResultsDocument results = graded.get("sample buggy").get(0);
        Path file = tmp.resolve("results.json");
        results.write(file);
        GradedResults.assertValid(file);
        RunData.Cases recorded = results.extraData().cases();
        assertEquals(cases.version(), recorded.version());
        assertEquals(cases.digest(), recorded.digest());
        assertFalse(Files.readString(file).contains(Long.toString(cases.seed())), "the case seed is as secret as the"
                + " hidden tests: results record its version and digest only");
    }

    /**
     * A submission wrong only on inputs wider than any fixed case of 1.1.2: the fixed cases miss it, the probes (which
     * draw wider inputs) find it under every run seed, the TA's data flags it, and the points stay those of the
     * correct sample.
     */
    @Nested
    class Probes {
        /** Sums only the first five terms of w·x: 1.1.2's fixed cases have at most five features, its probes more. */
        private static final String NARROW_SUM = "h += i < 5 ? weights[i] * x[i] : 0;";
        /** The perceptron's part: the only one the narrow sum can touch. */
        private static final String PART_1 = "1.";

        @Test
        void aMistakeOnlyAProbeFindsIsFlaggedForTheTaAndCostsNothing(@TempDir Path dir) throws IOException {
            Path submission = Trees.copy(Grading.CORRECT, dir.resolve("narrow"));
            Path perceptron = submission.resolve("src/main/java/nnlab/Perceptron.java");
            String text = Files.readString(perceptron);
            String sum = "h += weights[i] * x[i];";
            assertEquals(text.indexOf(sum), text.lastIndexOf(sum), "the patch needs one summing line");
            Files.writeString(perceptron, text.replace(sum, NARROW_SUM));
            Map<String, Double> correct = new TreeMap<>(GradedResults.scores(graded.get("sample correct").get(0)));
            correct.keySet().removeIf(number -> !number.startsWith(PART_1));
            for (long seed : RUN_SEEDS) {
                ResultsDocument results = Grading.grade(submission, Grader.Options.defaults().withSeed(seed).unsandboxed()
                        .onlyTests(PART_1), Files.createDirectories(dir.resolve("out" + seed)));
                assertEquals(correct, GradedResults.scores(results), "probes must not move points (run seed " + seed + ")");
                TestResult t = GradedResults.test(results, "1.1.2");
                TestData.Probes probes = t.extraData().probes();
                assertTrue(probes != null && probes.flag(), () -> "run seed " + seed + ": " + probes);
                assertEquals("Passed.", t.output(), "the student is told nothing of probes");
                assertFalse(JSON.writeValueAsString(results.output()).contains("probe"), results::output);
            }
        }

        @Test
        void theCorrectSampleRaisesNoFlag() {
            for (ResultsDocument r : graded.get("sample correct")) {
                for (TestResult t : r.tests()) {
                    TestData.Probes probes = t.extraData().probes();
                    assertTrue(probes == null || !probes.flag(), () -> t.number() + ": " + probes);
                }
            }
        }
    }

    /** Returns the test-number prefixes of the parts {@code m} can lose points in that draw cases or probes. */
    private static String drawingPartsOf(MutantCatalogue.Mutant m) {
        return Stream.concat(Stream.of(m.part()), m.dependents().stream())
                .filter(part -> part <= LAST_DRAWING_PART)
                .map(part -> part + ".")
                .collect(Collectors.joining(","));
    }

    private static String differences(List<Map<String, Double>> scores) {
        StringBuilder sb = new StringBuilder();
        for (String number : new TreeSet<>(scores.get(0).keySet())) {
            Map<Long, Double> byRun = new TreeMap<>();
            for (int i = 0; i < scores.size(); i++) {
                byRun.put(RUN_SEEDS.get(i), scores.get(i).get(number));
            }
            if (byRun.values().stream().distinct().count() > 1) {
                sb.append("  ").append(number).append(" by run seed: ").append(byRun).append('\n');
            }
        }
        return sb.toString();
    }
}
