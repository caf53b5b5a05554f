package nnlab.grader.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

import nnlab.grader.report.ReportWriter;

/**
 * What the command lines print and write after {@code results.json} is final: the reports through the installed
 * {@link ReportWriter} and the terminal summary. Nothing here can fail the command: the results file already stands.
 */
public final class Feedback {

    /** Whose terminal summary to print. */
    public enum View {
        /** Exactly what the student's report shows. */
        STUDENT,
        /** Every test, for the course staff. */
        TA
    }

    private Feedback() {
    }

    /**
     * Writes the reports of the complete {@code resultsJson} to {@code studentHtml} and {@code taHtml} (null paths:
     * no reports) and prints the terminal summary for {@code view} to {@code out}, then {@code notes}. Without a
     * report writer on the class path, or when it fails, prints {@code plainSummary} instead and says why on
     * {@code err}.
     */
    public static void publish(Path resultsJson, Path studentHtml, Path taHtml, View view, String plainSummary,
                               String notes, PrintWriter out, PrintWriter err) {
        String summary = plainSummary;
        boolean written = false;
        try {
            Optional<ReportWriter> writer = ReportWriter.installed();
            if (writer.isEmpty()) {
                if (studentHtml != null) {
                    err.println("No report module on the class path: wrote " + resultsJson + " only.");
                }
            } else {
                if (studentHtml != null) {
                    writer.get().write(resultsJson, studentHtml, taHtml);
                    written = true;
                }
                summary = writer.get().terminalSummary(resultsJson, view == View.TA,
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
