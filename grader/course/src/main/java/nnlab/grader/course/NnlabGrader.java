package nnlab.grader.course;

import java.util.List;

import nnlab.grader.cli.CommandLines;
import nnlab.grader.cli.ExitCode;
import nnlab.grader.run.Grader;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one root of the nnlab command line, {@code nnlab-grader}: {@code grade} (one submission), {@code report}
 * (reports of results already written) and {@code course …} (batches, gradebooks, CI outputs, authoring). The
 * scripts are thin entry points into it: {@code grader/bin/grade ARGS} runs {@code nnlab-grader ARGS},
 * {@code grader/course/bin/course ARGS} runs {@code nnlab-grader course ARGS}, {@code grader/bin/grade-sample} runs
 * {@code course sample} and then {@code grade}. It lives in the course module because that one sees every command's
 * implementation (the engine, the report pages, the course tools).
 *
 * <p>Exit codes: {@link ExitCode}; a user's mistake is one line on stderr and {@link ExitCode#USAGE}.
 */
@Command(name = "nnlab-grader", mixinStandardHelpOptions = true, version = "nnlab grader " + Grader.VERSION,
        description = "Grades submissions of an nnlab problem set.",
        subcommands = {GradeCommand.class, ReportCommand.class, CourseMain.class})
public final class NnlabGrader implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line in this JVM and returns its exit code. */
    public static int run(String... args) {
        // Before any command loads the matrix backend, whose log lines only --verbose shows.
        CommandLines.chatter(List.of(args).contains("--verbose"));
        return commandLine().execute(args);
    }

    /** Returns the whole command tree, configured as every nnlab command line is, ready to execute. */
    public static CommandLine commandLine() {
        return CommandLines.configure(new CommandLine(new NnlabGrader()));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
