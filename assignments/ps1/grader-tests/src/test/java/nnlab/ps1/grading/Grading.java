package nnlab.ps1.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import nnlab.grader.authoring.Samples;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;
import nnlab.testsupport.GradedResults;

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
    static final Path STARTER = REPOSITORY.resolve("starter-code");
    static final Grader GRADER = new Grader(new Ps1Assignment());

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

    /** Grades {@code submission} with the fixed plug-in, writes the results into {@code out}, validates them. */
    static ResultsDocument grade(Path submission, Grader.Options options, Path out) {
        return GradedResults.grade(GRADER, submission, options, out);
    }
}
