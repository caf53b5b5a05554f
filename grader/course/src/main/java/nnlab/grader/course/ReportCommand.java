package nnlab.grader.course;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import nnlab.grader.Reader;
import nnlab.grader.cli.ExitCode;
import nnlab.grader.report.ReportWriter;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.html.BatchFolder;
import nnlab.grader.report.html.BatchPage;
import nnlab.grader.report.html.HtmlReport;
import nnlab.grader.report.html.TerminalSummary;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code nnlab-grader report}, reports of results already written: {@code student RESULTS.json [OUT.html]
 * [student|student-after-due-date|ta]} writes one report (the student's view as of now by default) and prints the
 * terminal summary; {@code batch OUT} brings a {@code grade-all} output folder's reports and {@code index.html} up to
 * date. The pages themselves are the report module's; this is only their command line.
 *
 * <p>Exit codes: {@link ExitCode#OK} written, {@link ExitCode#NOT_WRITTEN} the results cannot be read or a page cannot
 * be written (one line on stderr), {@link ExitCode#USAGE} bad usage.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes feedback reports from results the grader already wrote.",
        subcommands = {ReportCommand.Student.class, ReportCommand.Batch.class})
final class ReportCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: student or batch");
    }

    /** Prints why no page was written and returns {@link ExitCode#NOT_WRITTEN}. */
    private static int notWritten(CommandLine.Model.CommandSpec spec, IOException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("Report not written: " + e.getMessage());
        err.flush();
        return ExitCode.NOT_WRITTEN.code();
    }

    /** Reads a reader as written on the command line: student, student-after-due-date or ta. */
    static final class ReaderConverter implements CommandLine.ITypeConverter<Reader> {
        @Override
        public Reader convert(String value) {
            try {
                return Reader.fromCommandLine(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The {@code student} command: one report and the terminal summary. */
    @Command(name = "student", mixinStandardHelpOptions = true,
            description = "Writes one report of RESULTS.json and prints the terminal summary.")
    static final class Student implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "RESULTS.json", description = "A results.json the grader wrote.")
        Path results;

        @Parameters(index = "1", arity = "0..1", paramLabel = "OUT.html",
                description = "Where to write the report (default: report.html beside the results).")
        Path out;

        @Parameters(index = "2", arity = "0..1", paramLabel = "READER", converter = ReaderConverter.class,
                description = "student, student-after-due-date or ta (default: the student's view as of now).")
        Reader reader;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                ResultsDocument document = ResultsDocument.read(results);
                Path html = out != null ? out : results.resolveSibling("report.html");
                Reader shown = reader != null ? reader : document.studentAt(Instant.now());
                HtmlReport.write(document, html, shown);
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.print(TerminalSummary.render(document, shown,
                        ReportWriter.colourWanted(System.console(), System.getenv())));
                stdout.println("Report: " + html.toAbsolutePath());
                stdout.flush();
                return ExitCode.OK.code();
            } catch (IOException e) {
                return notWritten(spec, e);
            }
        }
    }

    /** The {@code batch} command: a batch folder's reports and index page. */
    @Command(name = "batch", mixinStandardHelpOptions = true,
            description = "Brings a grade-all output folder's reports and index.html up to date.")
    static final class Batch implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "OUT", description = "grade-all's output folder, with results/NAME.json.")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isDirectory(out)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        out + " is not a folder: give grade-all's output folder");
            }
            try {
                PrintWriter stdout = spec.commandLine().getOut();
                BatchFolder batch = new BatchFolder(out);
                stdout.println("Batch page: " + BatchPage.write(batch, batch.read(), Instant.now(), BatchPage.Notes.NONE)
                        .toAbsolutePath());
                stdout.flush();
                return ExitCode.OK.code();
            } catch (IOException e) {
                return notWritten(spec, e);
            }
        }
    }
}
