package nnlab.ps2.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import nnlab.grader.authoring.Samples;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;
import nnlab.testsupport.GradedResults;
import nnlab.testsupport.Trees;
import nnlab.testsupport.WarmGraders;

/**
 * Test support: the repository's folders and grading with a fixed seed, every result held to the schema ({@link
 * GradedResults}).
 */
final class Grading {

    static final long SEED = 20260326L;
    static final Path REPOSITORY = Path.of(System.getProperty("nnlab.repository", "../../..")).toAbsolutePath().normalize();
    static final Path STARTER = REPOSITORY.resolve("starter-code/ps2");
    static final Grader GRADER = new Grader(new Ps2Assignment());
    /**
     * Graders with warm compilers, one per grading in flight (the build machine has two cores), for the suites that
     * grade submissions to pin what they score rather than the cold single-submission path {@link #GRADER} takes.
     */
    static final WarmGraders WARM = new WarmGraders(new Ps2Assignment(), 2);
    private static Path correct;

    private Grading() {
    }

    /**
     * Returns the correct sample, written once per test JVM by the authoring tool from the reference's markers (the
     * reference's student files with every ps2 task solved), into a temporary folder deleted at exit.
     */
    static synchronized Path correct() {
        if (correct == null) {
            try {
                Path folder = Files.createTempDirectory("nnlab-ps2-correct");
                correct = Samples.write(REPOSITORY, "ps2", Samples.CORRECT, folder);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Trees.delete(folder)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return correct;
    }

    /**
     * Grades {@code submission} with the fixed plug-in through a warm compiler ({@link #WARM}, as a batch does), writes
     * the results into {@code out}, validates them.
     */
    static ResultsDocument grade(Path submission, Grader.Options options, Path out) {
        return WARM.with(grader -> GradedResults.grade(grader, submission, options, out));
    }

    /** {@link #grade}, through the cold single-submission path that {@code grader/bin/grade} takes ({@link #GRADER}). */
    static ResultsDocument gradeCold(Path submission, Grader.Options options, Path out) {
        return GradedResults.grade(GRADER, submission, options, out);
    }
}
