package nnlab.grader.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import nnlab.grader.Reader;
import nnlab.grader.report.ReportWriter;
import nnlab.grader.report.ResultsDocument;

/**
 * What the command lines print and write after {@code results.json} is final: the reports through the installed
 * {@link ReportWriter} and the terminal summary. Nothing here can fail the command: the results file already stands.
 */
public final class Feedback {

    private Feedback() {
    }

    /**
     * Writes the reports of {@code results}, complete in {@code resultsJson}, to {@code studentHtml} and
     * {@code taHtml} (null paths: no reports) and prints the terminal summary for {@code view} to {@code out}, then
     * {@code notes}; {@link Reader#STUDENT} stands for what the student's report shows now. Without a report writer on
     * the class path, or when it fails, prints the results' plain {@link ResultsDocument#summary()} instead and says
     * why on {@code err}.
     */
    public static void publish(ResultsDocument results, Path resultsJson, Path studentHtml, Path taHtml, Reader view,
                               String notes, PrintWriter out, PrintWriter err) {
        String summary = results.summary();
        boolean written = false;
        try {
            Optional<ReportWriter> writer = ReportWriter.installed();
            if (writer.isEmpty()) {
                if (studentHtml != null) {
                    err.println("No report module on the class path: wrote " + resultsJson + " only.");
                }
            } else {
                if (studentHtml != null) {
                    writer.get().write(results, studentHtml, taHtml);
                    written = true;
                }
                Reader reader = view == Reader.STUDENT ? results.studentAt(Instant.now()) : view;
                summary = writer.get().terminalSummary(results, reader,
                        ReportWriter.colourWanted(System.console(), System.getenv()));
            }
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            // Anything else a report module does wrong (a charting library without fonts, a broken service entry)
            // leaves the results as they are.
            err.println("The reports could not be written (" + e + "); " + resultsJson + " is complete.");
        }
        out.print(summary);
        // The summary ends with the total already; the notes' own score line would say it twice.
        notes.lines().filter(line -> !line.startsWith("Score:")).forEach(out::println);
        out.println("Results: " + resultsJson.toAbsolutePath());
        if (written) {
            out.println("Student's report: " + studentHtml.toAbsolutePath());
            out.println("TA's report: " + taHtml.toAbsolutePath());
        }
        out.flush();
        err.flush();
    }
}
