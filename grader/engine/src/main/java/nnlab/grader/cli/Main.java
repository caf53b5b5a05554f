package nnlab.grader.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import nnlab.grader.Assignment;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The grader's command line: {@code grade --assignment ps1 --submission PATH [--out results.json] [--seed N]}
 * writes the results and, when the feedback-report module is on the class path, the student's and the TA's reports
 * beside them ({@code report.html}, {@code report-ta.html}).
 *
 * <p>Exit codes: 0 graded (whatever the score), 2 bad usage (one line on stderr, nothing written: an unknown
 * assignment, a submission path that does not exist), 3 submission refused (results still written),
 * 4 the grader itself failed (results still written, with a "grader error" entry).
 */
@Command(name = "nnlab-grader", mixinStandardHelpOptions = true, version = "nnlab grader " + Grader.VERSION,
        description = "Grades submissions of an nnlab problem set.", subcommands = {Main.Grade.class})
public final class Main implements Runnable {

    /** Exit code: the submission was refused (zip-slip, not a zip, no sources). */
    public static final int REFUSED = 3;
    /** Exit code: the grader failed; results.json holds a "grader error" entry. */
    public static final int GRADER_ERROR = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return CommandLines.configure(new CommandLine(new Main())).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code grade} command. */
    @Command(name = "grade", mixinStandardHelpOptions = true,
            description = "Grades one submission (a folder or a zip) and writes Gradescope's results.json.")
    static final class Grade implements Callable<Integer> {

        @Option(names = "--assignment", required = true, description = "The problem set, e.g. ps1.")
        String assignment;

        @Option(names = "--submission", required = true, description = "A submission folder or zip.")
        Path submission;

        @Option(names = "--out", defaultValue = "results.json", description = "Where to write results (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--seed", description = "The run's seed: it steers the probes only, never the points"
                + " (default: drawn secretly, recorded).")
        Long seed;

        @Option(names = "--in-process", description = "Run trusted code (e.g. the reference) in this JVM, unsandboxed.")
        boolean inProcess;

        @Option(names = "--verbose", description = "Also print the matrix backend's log lines (OpenCL devices found).")
        boolean verbose;

        @CommandLine.Mixin
        ReportOptions reports = new ReportOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
            CommandLines.chatter(verbose);
            Assignment found = Grader.find(assignment)
                    .orElseThrow(() -> CommandLines.unknownAssignment(assignment, Grader.known()));
            CommandLines.existing("--submission", submission);
            ResultsDocument results = new Grader(found).grade(submission,
                    new Grader.Options(seed, inProcess, this.out, null, null));
            results.write(this.out);
            reports.publish(results, this.out, results.output(), out, err);
            if (results.extraData().graderError() != null) {
                return GRADER_ERROR;
            }
            return results.extraData().refused() != null ? REFUSED : 0;
        }
    }
}
