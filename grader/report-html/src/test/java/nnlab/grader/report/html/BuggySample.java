package nnlab.grader.report.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import nnlab.grader.Reader;
import nnlab.grader.authoring.Samples;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;
import nnlab.ps1.grading.Ps1Assignment;

/**
 * The bundled buggy sample of problem set 1, graded once per test JVM in process with a fixed seed; its results and
 * reports are kept under {@code target/report-artifacts} for people to open.
 */
final class BuggySample {

    /** The seed every recorded expectation about the sample stands for. */
    static final long SEED = 20_261_122L;
    static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent().getParent();
    static final Path ARTIFACTS = Path.of("target", "report-artifacts").toAbsolutePath();

    private static ResultsDocument results;

    private BuggySample() {
    }

    /** Writes problem set 1's sample submission {@code name} (the reference's student files, patched) afresh. */
    static Path sample(String name) {
        try {
            return Samples.writeFresh(REPOSITORY, "ps1", name, Path.of("target", "samples").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the in-process results, grading on first use. */
    static synchronized ResultsDocument results() {
        if (results == null) {
            Grader grader = new Grader(new Ps1Assignment());
            results = grader.grade(sample("buggy"),
                    Grader.Options.defaults().withSeed(SEED).unsandboxed());
            try {
                Files.createDirectories(ARTIFACTS);
                results.write(ARTIFACTS.resolve("results.json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return results;
    }

    /** Returns the results as written to {@code results.json}. */
    static ResultsDocument json() {
        return results();
    }

    /** Writes the sample's report for {@code audience} under the artifacts folder and returns the file. */
    static Path report(Reader audience) {
        String view = audience.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        Path file = ARTIFACTS.resolve("buggy-" + view + ".html");
        try {
            Files.writeString(file, HtmlReport.render(json(), audience));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
