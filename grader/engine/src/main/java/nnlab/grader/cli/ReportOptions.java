package nnlab.grader.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import nnlab.grader.Reader;
import nnlab.grader.report.ReportWriter;
import nnlab.grader.report.ResultsDocument;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The report options of every command that grades one submission (a picocli mixin), and what they lead to. */
public final class ReportOptions {

    @Option(names = "--no-report", description = "Write results.json only, no HTML reports beside it.")
    boolean noReport;

    @Option(names = "--view", defaultValue = "ta", converter = ReaderConverter.class,
            description = "What the terminal summary shows: ta (every test), student (what the student's report"
                    + " shows now) or student-after-due-date. Default: ${DEFAULT-VALUE}.")
    Reader view;

    /**
     * Writes the reports of {@code results} beside {@code resultsJson}, where they are complete
     * ({@code report.html} for the student, {@code report-ta.html} for the TA), unless {@code --no-report}, and prints
     * the terminal summary followed by {@code notes} (the results' top-level output).
     */
    public void publish(ResultsDocument results, Path resultsJson, String notes, PrintWriter out, PrintWriter err) {
        Feedback.publish(results, resultsJson, noReport ? null : ReportWriter.studentReportBeside(resultsJson),
                noReport ? null : ReportWriter.taReportBeside(resultsJson), view, notes, out, err);
    }

    /** Reads a reader as a command line names it. */
    static final class ReaderConverter implements ITypeConverter<Reader> {
        @Override
        public Reader convert(String value) {
            try {
                return Reader.fromCommandLine(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
