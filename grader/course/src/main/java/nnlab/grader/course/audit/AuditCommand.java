package nnlab.grader.course.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import nnlab.grader.Assignment;
import nnlab.grader.authoring.RepositoryLayout;
import nnlab.grader.cli.ExitCode;
import nnlab.grader.cli.CommandLines;
import nnlab.grader.course.CourseMain;
import nnlab.grader.course.Shard;
import nnlab.grader.run.Grader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code course audit}: how many machine-made mistakes an assignment's hidden tests catch, and which they miss. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Measures an assignment's hidden tests with machine-made mutants: single changes by standard"
                + " operators inside every task's solution block of the reference, each graded as a submission (the"
                + " correct sample plus the change) by the warm batch grader. Writes OUT/audit.json and OUT/index.html"
                + " (the survivors' diffs and the tests that ran on them) and prints the figures per part and task."
                + " A survivor listed in assignments/ID/audit-equivalent.txt is reported as equivalent (allow-listed)."
                + " A re-run with the same options grades only the mutants without a result. With --dictionary it also"
                + " regenerates the assignment's diagnosis dictionary. Exit code 6 when a mutant survived without an"
                + " allow-list entry, 5 when the grader failed on one, else 0.")
public final class AuditCommand implements Callable<Integer> {
    @Option(names = "--assignment", required = true, description = "The problem set, e.g. ps1.") String assignment;
    @Option(names = "--out", description = "The audit's folder (default: audit-ID).") Path out;
    @Option(names = "--max", description = "Take only the first N mutants that compile, in the seed's order (default:"
            + " all).") Integer max;
    @Option(names = "--seed", defaultValue = "1", description = "Draws the mutants' order and is the grading's run seed"
            + " (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--jobs", defaultValue = "1", description = "Mutants graded at once (default: ${DEFAULT-VALUE}).") int jobs;
    @Option(names = "--shard", description = "Grade only shard K of N (K/N), like grade-all --shard; copy the shards'"
            + " results/ into one folder and re-run without --shard for the whole report.") String shardText;
    @Option(names = "--operators", split = ",", description = "Only these operators, comma-separated (default: all):"
            + " arithmetic, relational, negate, constant, remove, swap-arguments, return-value, increment, transpose,"
            + " loop-bound.")
    List<String> operators;
    @Option(names = "--dictionary", description = "Also (re)write the assignment's diagnosis dictionary from the killed"
            + " mutants: assignments/ID/grader-tests/src/main/resources/nnlab-ID/diagnosis-dictionary.tsv (rebuild the"
            + " grader to use it).") boolean dictionary;
    @Option(names = "--typical", description = "Instead of mutants, grade the assignment's typical mistakes"
            + " (assignments/ID/typical-mistakes/*.patch, each applied to the correct sample) and tell how the student's"
            + " view names each, without and with the diagnosis dictionary; writes OUT/typical.json.") boolean typical;
    @Option(names = "--repository", description = "The course repository (default: the one holding the current"
            + " folder).") Path repository;

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) {
            throw new CommandLines.UsageError("--jobs must be at least 1");
        }
        if (max != null && max < 1) {
            throw new CommandLines.UsageError("--max must be at least 1");
        }
        Shard shard;
        List<MutationOperator> ops;
        Path root;
        try {
            shard = shardText == null ? null : Shard.parse(shardText);
            ops = MutationOperator.parse(operators == null ? null : String.join(",", operators));
            root = repository != null ? repository : RepositoryLayout.findRepository(Path.of(""));
        } catch (IllegalArgumentException e) {
            throw new CommandLines.UsageError(e.getMessage());
        }
        Assignment a = Grader.find(assignment)
                .orElseThrow(() -> CommandLines.unknownAssignment(assignment, Grader.known()));
        Path folder = out != null ? out : Path.of("audit-" + assignment);
        if (typical) {
            List<Path> patches = TypicalMistakes.patches(root, assignment);
            if (patches.isEmpty()) {
                throw new CommandLines.UsageError("assignments/" + assignment + "/" + TypicalMistakes.FOLDER
                        + " holds no .patch file");
            }
            TypicalMistakes.measure(root, a.spec(), patches, folder, seed, jobs, CourseMain.childCommand(), System.err)
                    .print(System.out);
            return ExitCode.OK.code();
        }
        AuditReport report = new Audit(new Audit.Options(root, a.spec(), folder, ops, seed, max, jobs, shard,
                CourseMain.childCommand(), System.err)).run();
        report.print(System.out);
        if (dictionary) {
            Path file = Diagnoses.file(root, assignment);
            Files.createDirectories(file.getParent());
            Files.writeString(file, report.made().text(assignment));
            System.out.println("Diagnosis dictionary: " + report.made().entries().size() + " entries written to " + file);
        }
        System.out.println("Report: " + folder.resolve("index.html").toAbsolutePath());
        return exitCode(report.totals()).code();
    }

    /**
     * The audit's exit code: {@link ExitCode#BATCH_ERRORS} when the grader failed on a mutant (the figures are
     * incomplete), else {@link ExitCode#SURVIVORS} when a mutant survived without an allow-list entry, so that a CI job
     * or an author running the audit notices, else {@link ExitCode#OK}.
     */
    static ExitCode exitCode(AuditReport.Counts totals) {
        if (totals.errors() > 0) {
            return ExitCode.BATCH_ERRORS;
        }
        return totals.survived() > 0 ? ExitCode.SURVIVORS : ExitCode.OK;
    }
}
