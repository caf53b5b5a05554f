package nnlab.ps1.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import nnlab.grader.authoring.Samples;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;
import nnlab.testsupport.GradedResults;
import nnlab.testsupport.WarmGraders;

/**
 * Test support: the repository's folders and grading with a fixed seed, every result held to the schema ({@link
 * GradedResults}).
 */
final class Grading {

    static final long SEED = 20260219L;
    static final Path REPOSITORY = Path.of(System.getProperty("nnlab.repository", "../../..")).toAbsolutePath().normalize();
    static final Path CORRECT = sample(Samples.CORRECT);
    static final Path LOOPS = sample("loops");
    static final Path BUGGY = sample("buggy");
    static final Path STARTER = REPOSITORY.resolve("starter-code/ps1");
    static final Grader GRADER = new Grader(new Ps1Assignment());
    /**
     * Graders with warm compilers, one per grading in flight (the build machine has two cores), for the suites that
     * grade submissions to pin what they score rather than the cold single-submission path {@link #GRADER} takes.
     */
    static final WarmGraders WARM = new WarmGraders(new Ps1Assignment(), 2);

    private Grading() {
    }

    /** Writes the sample submission {@code name} (the reference's student files, patched) afresh under target/. */
    private static Path sample(String name) {
        try {
            return Samples.writeFresh(REPOSITORY, "ps1", name, Path.of("target", "samples").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
