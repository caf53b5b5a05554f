package nnlab.grader.report.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import nnlab.grader.Reader;
import nnlab.grader.authoring.Samples;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;
import nnlab.ps2.grading.Ps2Assignment;

/**
 * Problem set 2's correct sample graded on Part 4 only (the two trainings, which record training and validation losses
 * per epoch), once per test JVM, in process; its report is kept under {@code target/report-artifacts}.
 */
final class Ps2Sample {

    private static final long SEED = 20_270_326L;
    private static final String TRAINING_PART = "4.";

    private static ResultsDocument results;

    private Ps2Sample() {
    }

    /** Returns the in-process results of Part 4, grading on first use. */
    static synchronized ResultsDocument results() {
        if (results == null) {
            try {
                Path submission = Samples.write(BuggySample.REPOSITORY, "ps2", Samples.CORRECT,
                        Files.createTempDirectory("nnlab-ps2-sample"));
                results = new Grader(new Ps2Assignment()).grade(submission,
                        Grader.Options.defaults().withSeed(SEED).unsandboxed().onlyTests(TRAINING_PART));
                Files.createDirectories(BuggySample.ARTIFACTS);
                results.write(BuggySample.ARTIFACTS.resolve("ps2-results.json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return results;
    }

    /** Writes the sample's report for {@code audience} under the artifacts folder and returns the file. */
    static Path report(Reader audience) {
        ResultsDocument json = results();
        Path file = BuggySample.ARTIFACTS.resolve("ps2-" + audience.name().toLowerCase(java.util.Locale.ROOT) + ".html");
        try {
            Files.writeString(file, HtmlReport.render(json, audience));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
