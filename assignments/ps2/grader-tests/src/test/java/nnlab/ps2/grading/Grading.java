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

/**
 * Test support: the repository's folders and grading with a fixed seed, every result held to the schema ({@link
 * GradedResults}).
 */
final class Grading {

    static final long SEED = 20260326L;
    static final Path REPOSITORY = Path.of(System.getProperty("nnlab.repository", "../../..")).toAbsolutePath().normalize();
    static final Path STARTER = REPOSITORY.resolve("assignments/ps2/starter");
    static final Grader GRADER = new Grader(new Ps2Assignment());
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

    /** Grades {@code submission} with the fixed plug-in, writes the results into {@code out}, validates them. */
    static ResultsDocument grade(Path submission, Grader.Options options, Path out) {
        return GradedResults.grade(GRADER, submission, options, out);
    }
}
