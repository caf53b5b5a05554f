package nnlab.grader.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import nnlab.grader.Assignment;
import nnlab.grader.ReferenceRuns;
import nnlab.grader.authoring.AuthoringCommands;
import nnlab.grader.authoring.RepositoryLayout;
import nnlab.grader.cli.CommandLines;
import nnlab.grader.cli.ExitCode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code course reference-runs}: trains the reference with an assignment's recipes ({@link Assignment#trainReference})
 * and writes the {@link ReferenceRuns} file its training tests read, so that no grader trains the oracle itself.
 */
@Command(name = "reference-runs", mixinStandardHelpOptions = true,
        description = "Trains the reference (the oracle) with the assignment's training recipes and writes its runs (loss"
                + " per epoch, held-out accuracy), which the training tests read instead of training the oracle in"
                + " every grader: assignments/ID/grader-tests/src/main/resources/nnlab-ID/" + ReferenceRuns.FILE
                + " (rebuild the grader to use it). Run it after changing the reference, a recipe or the data: the"
                + " plug-in contract tests fail until then.")
public final class ReferenceRunsCommand implements Callable<Integer> {
    @Option(names = "--assignment", required = true, description = "The problem set, e.g. ps1.") String assignment;
    @Mixin AuthoringCommands.RepositoryOption repository = new AuthoringCommands.RepositoryOption();

    @Override
    public Integer call() throws Exception {
        Path root = repository.resolve();
        Assignment a = CourseMain.assignment(assignment);
        ReferenceRuns runs = a.trainReference();
        if (runs.isEmpty()) {
            throw new CommandLines.UsageError(assignment + " has no training tests: it needs no reference runs");
        }
        Path file = RepositoryLayout.graderResources(root, assignment).resolve(ReferenceRuns.FILE);
        String text = runs.text(assignment);
        boolean same = Files.isRegularFile(file) && Files.readString(file).equals(text);
        if (!same) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
        System.out.println("Reference runs of " + assignment + (same ? ": up to date in " : ": written to ") + file);
        return ExitCode.OK.code();
    }
}
