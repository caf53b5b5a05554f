package nnlab.grader.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import nnlab.grader.report.ReportWriter;

import picocli.CommandLine.Option;

/** The report options of every command that grades one submission (a picocli mixin), and what they lead to. */
public final class ReportOptions {

    @Option(names = "--no-report", description = "Write results.json only, no HTML reports beside it.")
    boolean noReport;

    @Option(names = "--view", defaultValue = "ta",
            description = "What the terminal summary shows: ta (every test) or student (what the student's report"
                    + " shows). Default: ${DEFAULT-VALUE}.")
    Feedback.View view;

    /**
     * Writes the reports beside the complete {@code resultsJson} ({@code report.html} for the student,
     * {@code report-ta.html} for the TA) unless {@code --no-report}, and prints the terminal summary followed by
     * {@code notes} (the results' top-level output).
     */
    public void publish(Path resultsJson, String plainSummary, String notes, PrintWriter out, PrintWriter err) {
        Feedback.publish(resultsJson, noReport ? null : ReportWriter.studentReportBeside(resultsJson),
                noReport ? null : ReportWriter.taReportBeside(resultsJson), view, plainSummary, notes, out, err);
    }
}
