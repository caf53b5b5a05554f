package nnlab.grader.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import nnlab.grader.Assignment;
import nnlab.grader.AssignmentSpec;
import nnlab.grader.cli.CommandLines;
import nnlab.grader.cli.ExitCode;
import nnlab.grader.cli.ReportOptions;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code grade}, the one command that grades one submission in this process: {@code nnlab-grader grade} (what
 * {@code grader/bin/grade grade} runs) and {@code nnlab-grader course grade} are this command. It writes results.json
 * and, unless {@code --no-report}, the student's and the TA's reports beside it, applying the late policy when a
 * submission time is known; its exit code is {@link ExitCode#of} the results it wrote.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grades one submission (a folder or a zip) and writes Gradescope's results.json, applying the"
                + " late policy when a submission time is known (--submitted-at, or --metadata: Gradescope's"
                + " submission_metadata.json).")
final class GradeCommand implements Callable<Integer> {
    @Option(names = "--assignment", required = true, description = "The problem set, e.g. ps1.") String assignment;
    @Option(names = "--submission", required = true, description = "A submission folder or zip.") Path submission;
    @Option(names = "--out", defaultValue = "results.json", description = "Where to write results: a file, or a folder"
            + " to write results.json in (default: ${DEFAULT-VALUE}).") Path out;
    @Option(names = "--seed", description = "The run's seed: it steers the probes only, never the points (default:"
            + " drawn secretly, recorded).") Long seed;
    @Option(names = "--in-process", description = "Run trusted code (e.g. the reference) in this JVM, unsandboxed.") boolean inProcess;
    @Option(names = "--submitted-at", description = "Submission time, e.g. 2027-02-20T10:15:00-05:00.") String submittedAt;
    @Option(names = "--metadata", description = "Gradescope's submission_metadata.json: its created_at is the"
            + " submission time, and its due dates (the assignment's, or a student's extension) replace"
            + " assignment.json's; ignored when missing.") Path metadata;
    @Option(names = "--leaderboard", description = "Add Gradescope's leaderboard (Part 5's held-out accuracies) to"
            + " results.json; off unless the course enables a leaderboard.") boolean leaderboard;
    @Option(names = "--verbose", description = "Also print the matrix backend's log lines (OpenCL devices found).") boolean verbose;
    @Option(names = "--student", description = "Student id for the ledger (default: from the metadata, else the submission's name).") String student;
    @Option(names = "--junit", description = "Also write JUnit XML here.") Path junit;
    @Option(names = "--classroom-output", description = "Also append GitHub Classroom's result=… line to this file.") Path classroom;
    @CommandLine.Mixin CourseMain.LateOptions late = new CourseMain.LateOptions();
    @CommandLine.Mixin ReportOptions reports = new ReportOptions();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLines.chatter(verbose);
        Assignment a = CourseMain.assignment(assignment);
        AssignmentSpec s = a.spec();
        CommandLines.existing("--submission", submission);
        out = resultsFile(out);
        Instant when = null;
        Instant due = null;
        String who = student;
        if (submittedAt != null) {
            when = CourseMain.readInput("--submitted-at", null, () -> SubmissionTimes.parse(submittedAt,
                    CourseMain.zone(s)));
        } else if (metadata != null && Files.isRegularFile(metadata)) {
            SubmissionTimes.Gradescope gradescope = CourseMain.readInput("--metadata", metadata,
                    () -> SubmissionTimes.fromGradescope(metadata, CourseMain.zone(s)));
            when = gradescope.createdAt();
            due = gradescope.due();
            if (who == null) {
                who = gradescope.sid();
            }
        }
        if (who == null || who.isBlank()) {
            who = submission.getFileName().toString().replaceFirst("(?i)\\.zip$", "");
        }
        ResultsDocument json = new Grader(a).grade(submission, new Grader.Options(seed, inProcess, out, null, null));
        String notes = json.output();
        if (when != null) {
            json = LateGrading.apply(json, s, who, when, late.open(), due);
            // The late policy may have taken points: say what counts, after the grading's own notes.
            notes = json.output() + String.format(Locale.ROOT, "Final score: %.2f / %.2f%n", json.score(),
                    json.maxScore());
        }
        if (leaderboard) {
            json = Leaderboard.addTo(json);
        }
        json.write(out);
        if (junit != null) {
            JunitXml.write(json, s.id() + "." + who, junit);
        }
        if (classroom != null) {
            ClassroomResult.appendOutput(json, classroom);
        }
        reports.publish(json, out, notes, spec.commandLine().getOut(), spec.commandLine().getErr());
        return ExitCode.of(json).code();
    }

    /**
     * Returns the results file {@code --out} names: {@code results.json} inside it when it is a folder. Checked before
     * grading, so a mistyped folder costs no grading.
     *
     * @throws CommandLines.UsageError when the file's folder does not exist
     */
    static Path resultsFile(Path out) {
        Path file = Files.isDirectory(out) ? out.resolve("results.json") : out;
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new CommandLines.UsageError("--out: the folder " + folder + " does not exist; create it, or name"
                    + " a results file in an existing folder");
        }
        return file;
    }
}
