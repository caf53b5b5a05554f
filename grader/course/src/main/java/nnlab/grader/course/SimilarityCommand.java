package nnlab.grader.course;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import nnlab.grader.authoring.AuthoringCommands;
import nnlab.grader.authoring.RepositoryLayout;
import nnlab.grader.cli.CommandLines;
import nnlab.grader.cli.ExitCode;
import nnlab.grader.report.html.BatchFolder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code similarity}: which submissions of a batch share their code (JPlag, run as a separate process). */
@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = "Compares the students' files of every subfolder or zip of --submissions with each other and"
                + " with the reference and the sample submissions, using JPlag (GPL-3.0, run as its own process) with"
                + " the generated starter as base code; writes similarity.json, similarity.csv and similarity.html"
                + " (pairs at or above --min-similarity, side by side, and the distribution of every pair) into --out,"
                + " where the batch page links to it. Staff only: nothing reaches a student's report.")
final class SimilarityCommand implements Callable<Integer> {

    @Option(names = "--assignment", required = true, description = "The problem set, e.g. ps1.") String assignment;
    @Option(names = "--submissions", required = true, description = "Folder with one subfolder or zip per submission"
            + " (as for grade-all).") Path submissions;
    @Option(names = "--out", required = true, description = "Folder for the three files (grade-all's --out puts the"
            + " link on its batch page).") Path out;
    @Option(names = "--min-similarity", defaultValue = "60", paramLabel = "P", description = "Flag pairs whose average"
            + " similarity is at least P percent (default: ${DEFAULT-VALUE}; see the page's histogram).") double percent;
    @Option(names = "--shard-results", paramLabel = "DIR", description = "A batch folder (course merge's --out, or one"
            + " grade-all --shard's): compare only the submissions it holds a result for.") Path shardResults;
    @picocli.CommandLine.Mixin AuthoringCommands.RepositoryOption repository = new AuthoringCommands.RepositoryOption();

    @Override
    public Integer call() throws Exception {
        CourseMain.assignment(assignment);
        if (percent < 0 || percent > 100) {
            throw new CommandLines.UsageError("--min-similarity " + percent + ": a percentage from 0 to 100, e.g. 60");
        }
        requireFolder("--submissions", submissions);
        Set<String> only = shardResults == null ? null : resultNames(shardResults);
        return run(repository(repository.given()), assignment, submissions, only, out, percent / 100, System.err);
    }

    /**
     * Runs the check and writes its files into {@code out}; returns 0, or {@link ExitCode#GRADER_ERROR} with one line
     * on {@code err} when the set could not be compared (JPlag refused or failed, a sample no longer applies, a
     * submission could not be read); the batch's own results are untouched either way.
     */
    static int run(Path repository, String assignment, Path submissions, Set<String> only, Path out, double threshold,
                   PrintStream err) throws InterruptedException {
        long start = System.nanoTime();
        Similarity.Result result;
        try {
            result = new Similarity(new Similarity.Options(repository, assignment, submissions, only, threshold,
                    err, System.console() != null)).run();
            Similarity.write(result, out);
        } catch (IllegalStateException | IllegalArgumentException | IOException e) {
            // Said in one line and never thrown: grade-all and merge call this after their own results are final.
            err.println("similarity: " + e.getMessage() + " (the batch's own results are unchanged)");
            return ExitCode.GRADER_ERROR.code();
        }
        result.notCompared().forEach(n -> err.println("similarity: " + n.name() + " not compared: " + n.text()));
        System.out.printf(Locale.ROOT, "Similarity: %d pair(s) at or above %s%% of %d compared, in %.1f s: %s%n",
                result.flagged().size(), Similarity.percent(threshold), result.pairs().size(),
                (System.nanoTime() - start) / 1e9, out.resolve(Similarity.HTML_FILE).toAbsolutePath());
        return 0;
    }

    /** The names of the submissions a batch folder holds a result for. */
    static Set<String> resultNames(Path batch) throws IOException {
        BatchFolder folder = new BatchFolder(batch);
        if (!folder.isBatch()) {
            throw new CommandLines.UsageError("--shard-results " + batch + " has no results/ folder: pass the --out of"
                    + " course merge or of grade-all");
        }
        return new TreeSet<>(folder.names());
    }

    static void requireFolder(String option, Path folder) {
        CommandLines.existing(option, folder);
        if (!Files.isDirectory(folder)) {
            throw new CommandLines.UsageError(option + " " + folder + ": not a folder; pass the folder that holds one"
                    + " subfolder or zip per submission");
        }
    }

    /**
     * The course repository (for the starter, the samples and JPlag's module): {@code explicit}, else the one holding
     * the current folder, else the one this code was built in.
     */
    static Path repository(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        try {
            return RepositoryLayout.findRepository(Path.of(""));
        } catch (IllegalArgumentException notHere) {
            try {
                Path code = Path.of(SimilarityCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return RepositoryLayout.findRepository(code);
            } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
                throw new CommandLines.UsageError(notHere.getMessage());
            }
        }
    }
}
