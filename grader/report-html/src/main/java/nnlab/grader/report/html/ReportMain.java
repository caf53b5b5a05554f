package nnlab.grader.report.html;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import nnlab.grader.Reader;
import nnlab.grader.report.ReportWriter;
import nnlab.grader.report.ResultsDocument;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The command line for reports of results already written: {@code student RESULTS.json [OUT.html]
 * [student|student-after-due-date|ta]} writes one report (the student's view as of now by default) and prints the
 * terminal summary; {@code batch OUT} brings a {@code grade-all} output folder's reports and {@code index.html} up to
 * date.
 *
 * <p>Exit codes: 0 written, 1 the results cannot be read or a page cannot be written, {@value #USAGE} bad usage (one
 * line on stderr that says what to do, as every nnlab command line does).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes feedback reports from results the grader already wrote.",
        subcommands = {ReportMain.Student.class, ReportMain.Batch.class})
public final class ReportMain implements Runnable {

    /** Exit code of a usage error: a bad reader, a missing argument, a folder that does not exist. */
    static final int USAGE = 2;
    /** Exit code when the results cannot be read or a page cannot be written. */
    static final int NOT_WRITTEN = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs one command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command and returns its exit code. */
    static int run(String... args) {
        return new CommandLine(new ReportMain())
                .registerConverter(Reader.class, ReportMain::reader)
                .setParameterExceptionHandler((e, a) -> usage(e.getCommandLine(), e.getMessage()))
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    if (e instanceof CommandLine.ParameterException) {
                        return usage(cl, e.getMessage());
                    }
                    if (e instanceof IOException) {
                        cl.getErr().println("Report not written: " + e.getMessage());
                        cl.getErr().flush();
                        return NOT_WRITTEN;
                    }
                    throw e;
                })
                .execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: student or batch");
    }

    /** Reads a reader as written on the command line: student, student-after-due-date or ta. */
    private static Reader reader(String value) {
        try {
            return Reader.fromCommandLine(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** Reports a usage error as one line and exit code {@value #USAGE}, as the grader's command lines do. */
    private static int usage(CommandLine cl, String message) {
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": " + message + " (see " + name + " --help)");
        err.flush();
        return USAGE;
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

        @Parameters(index = "2", arity = "0..1", paramLabel = "READER",
                description = "student, student-after-due-date or ta (default: the student's view as of now).")
        Reader reader;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ResultsDocument document = ResultsDocument.read(results);
            Path html = out != null ? out : results.resolveSibling("report.html");
            Reader shown = reader != null ? reader : document.studentAt(Instant.now());
            HtmlReport.write(document, html, shown);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(TerminalSummary.render(document, shown,
                    ReportWriter.colourWanted(System.console(), System.getenv())));
            stdout.println("Report: " + html.toAbsolutePath());
            stdout.flush();
            return 0;
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
        public Integer call() throws IOException {
            if (!Files.isDirectory(out)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        out + " is not a folder: give grade-all's output folder");
            }
            PrintWriter stdout = spec.commandLine().getOut();
            BatchFolder batch = new BatchFolder(out);
            stdout.println("Batch page: " + BatchPage.write(batch, batch.read(), Instant.now(), BatchPage.Notes.NONE)
                    .toAbsolutePath());
            stdout.flush();
            return 0;
        }
    }
}
