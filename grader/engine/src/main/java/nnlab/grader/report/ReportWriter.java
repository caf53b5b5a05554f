package nnlab.grader.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import nnlab.grader.Reader;

/**
 * Turns final results into what people read: a student's page, a TA's page and a terminal summary.
 * The feedback-report module provides one through {@link ServiceLoader}, so the engine does not depend on how reports
 * are drawn; without it on the class path the command lines write {@code results.json} alone.
 *
 * <p>Call it only after the results file is complete: a report that cannot be written must never cost a result.
 */
public interface ReportWriter {

    /**
     * Writes the student's report of {@code results} to {@code studentHtml} and the TA's to {@code taHtml}, replacing
     * both. The student's report shows what the student may see at this moment (after-due-date tests only once the
     * release moment recorded in the results has passed: {@link ResultsDocument#studentAt}).
     *
     * @throws IOException when a report cannot be written
     */
    void write(ResultsDocument results, Path studentHtml, Path taHtml) throws IOException;

    /**
     * Returns the terminal summary of {@code results} for {@code reader}: for a TA every test, for a student exactly
     * what that student's report shows; ANSI colours only when {@code colour}.
     */
    String terminalSummary(ResultsDocument results, Reader reader, boolean colour);

    /**
     * Returns whether to colour a summary: only when standard output is a terminal ({@code console} non-null, as
     * {@link System#console()} says) and {@code environment} has no {@code NO_COLOR} (the no-color convention).
     */
    static boolean colourWanted(Object console, Map<String, String> environment) {
        return console != null && !environment.containsKey("NO_COLOR");
    }

    /** Returns the report writer on the class path, or empty when the feedback-report module is not there. */
    static Optional<ReportWriter> installed() {
        return ServiceLoader.load(ReportWriter.class).findFirst();
    }

    /**
     * Returns where the student's report of {@code resultsJson} goes: {@code report.html} beside
     * {@code results.json}, else {@code NAME.html}.
     */
    static Path studentReportBeside(Path resultsJson) {
        return resultsJson.resolveSibling(baseName(resultsJson) + ".html");
    }

    /** Returns where the TA's report of {@code resultsJson} goes: {@code report-ta.html}, else {@code NAME-ta.html}. */
    static Path taReportBeside(Path resultsJson) {
        return resultsJson.resolveSibling(baseName(resultsJson) + "-ta.html");
    }

    private static String baseName(Path resultsJson) {
        String file = resultsJson.getFileName().toString().replaceFirst("(?i)\\.json$", "");
        return file.equals("results") ? "report" : file;
    }
}
