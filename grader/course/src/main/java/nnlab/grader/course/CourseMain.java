package nnlab.grader.course;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import nnlab.grader.Assignment;
import nnlab.grader.AssignmentSpec;
import nnlab.grader.authoring.AuthoringCommands;
import nnlab.grader.authoring.RepositoryLayout;
import nnlab.grader.cli.CommandLines;
import nnlab.grader.cli.ExitCode;
import nnlab.grader.report.SubmissionStatus;
import nnlab.grader.report.html.BatchFolder;
import nnlab.grader.report.html.BatchPage;
import nnlab.grader.run.Grader;
import nnlab.grader.report.ResultsDocument;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nnlab-grader course}, the course's commands: {@code grade} (one submission, with lateness: the same command
 * as {@code nnlab-grader grade}), {@code grade-all} (a folder, in warm worker processes, optionally one shard of it),
 * {@code merge} (shards into one batch), {@code gradebook}, {@code junit}, {@code classroom}, {@code bundle} (the
 * Gradescope zip), {@code benchmark}, and for authors {@code assign} (the starter project from the reference),
 * {@code sample} (a sample submission), {@code audit} and {@code reference-runs} (the reference's training runs the
 * graders read). {@code grader/course/bin/course} runs it; its exit codes are
 * {@link ExitCode}'s.
 */
@Command(name = "course", mixinStandardHelpOptions = true, version = "nnlab course " + Grader.VERSION,
        description = "Runs the nnlab grader for a course: late days, batches, gradebooks, CI outputs.",
        subcommands = {GradeCommand.class, CourseMain.GradeAll.class, CourseMain.Reports.class,
                CourseMain.GradebookCommand.class, CourseMain.Junit.class, CourseMain.Classroom.class,
                CourseMain.BundleCommand.class, CourseMain.Merge.class, CourseMain.BenchmarkCommand.class,
                AuthoringCommands.Assign.class, AuthoringCommands.Sample.class, SimilarityCommand.class,
                nnlab.grader.course.audit.AuditCommand.class, ReferenceRunsCommand.class})
public final class CourseMain implements Runnable {

    /**
     * A grader JVM's flags (batch workers, and grader/bin/quiet-java repeats them): C1 only and the serial collector.
     * A grader JVM runs for seconds or grades a few hundred submissions, and C2's and G1's threads cost more processor
     * time than they save there (grader/README.md, "Speed").
     */
    static final List<String> GRADER_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** The environment variable that replaces {@link #GRADER_JVM_FLAGS}, as it does in grader/bin/quiet-java. */
    static final String JVM_FLAGS_VARIABLE = "NNLAB_JVM_FLAGS";

    /**
     * Returns the flags of a grader JVM this one starts (a batch worker, the benchmark's cold grading): {@code
     * variable}'s flags, separated by blanks, when it is set (an empty value: the JVM's own defaults), else
     * {@link #GRADER_JVM_FLAGS}; so {@code NNLAB_JVM_FLAGS} means for a batch what it means for grader/bin/quiet-java.
     */
    static List<String> graderJvmFlags(String variable) {
        return variable == null ? GRADER_JVM_FLAGS
                : java.util.Arrays.stream(variable.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Assignment assignment(String id) {
        return Grader.find(id).orElseThrow(() -> CommandLines.unknownAssignment(id, Grader.known()));
    }

    /** Reads a user's input file, turning an unreadable one into a usage error that names the option. */
    static <T> T readInput(String option, Path file, IoReader<T> reader) {
        CommandLines.existing(option, file);
        try {
            return reader.read();
        } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new CommandLines.UsageError(option + " " + file + ": " + e.getMessage());
        }
    }

    /** Something that reads a file. */
    @FunctionalInterface
    interface IoReader<T> {
        T read() throws IOException;
    }

    static ZoneId zone(AssignmentSpec spec) {
        return spec.timeZone() == null ? java.time.ZoneOffset.UTC : ZoneId.of(spec.timeZone());
    }

    /** Options shared by the commands that apply the late policy. */
    static final class LateOptions {
        @Option(names = "--ledger", description = "Course-wide late-day ledger (JSON), read and updated atomically.")
        Path ledger;

        @Option(names = "--late-day-budget", description = "The course's late-day budget, written when the ledger is new.")
        Integer budget;

        LateDayLedger open() {
            return ledger == null ? null : new LateDayLedger(ledger, budget);
        }
    }

    /** {@code grade-all}: a folder of submissions. */
    @Command(name = "grade-all", mixinStandardHelpOptions = true,
            description = "Grades every subfolder or file of --submissions in --jobs warm grader processes, one"
                    + " submission at a time each (a grader that dies: the submission is graded once more in a fresh one);"
                    + " skips submissions with a final result unless --regrade; writes results/, junit/ and the"
                    + " gradebooks into --out.")
    static final class GradeAll implements Callable<Integer> {
        @Option(names = "--assignment", required = true, description = "The problem set, e.g. ps1.") String assignment;
        @Option(names = "--submissions", required = true, description = "Folder with one subfolder or zip per submission.") Path submissions;
        @Option(names = "--out", required = true, description = "Folder for results/, junit/, reports/, the gradebooks and index.html.") Path out;
        @Option(names = "--jobs", defaultValue = "1", description = "Submissions graded at once (default: ${DEFAULT-VALUE}).") int jobs;
        @Option(names = "--timestamps", description = "CSV of submission times (header submission,submitted_at; a row"
                + " per submission name, e.g. s01,2027-02-20T10:15:00-05:00) that students cannot set, e.g. GitHub's"
                + " push times; every submission needs one (see --allow-missing-times). Stored results get the late"
                + " policy again without regrading. See docs/ta-guide.md.") Path timestamps;
        @Option(names = "--allow-missing-times", description = "Grade submissions missing from --timestamps as on time,"
                + " with a warning, instead of refusing to start.") boolean allowMissingTimes;
        @Option(names = "--regrade", description = "Grade again submissions that already have a final result.") boolean regrade;
        @Option(names = "--seed", description = "One run seed (probes only, never the points) for every submission"
                + " (default: a secret one each).") Long seed;
        @Option(names = "--shard", description = "Grade only shard K of N (K/N, e.g. 2/4): the submissions whose name"
                + " hashes to it, the same split on every machine; writes shard.json for course merge.") String shardText;
        @Option(names = "--similarity", description = "After grading, run course similarity over the batch (default"
                + " threshold; similarity.html is linked from index.html). With --shard, run it at the merge instead.")
        boolean similarity;
        @CommandLine.Mixin GradebookOptions gradebook = new GradebookOptions();
        @CommandLine.Mixin LateOptions late = new LateOptions();

        @Override
        public Integer call() throws Exception {
            if (jobs < 1) {
                throw new CommandLines.UsageError("--jobs must be at least 1");
            }
            Shard shard;
            try {
                shard = shardText == null ? null : Shard.parse(shardText);
            } catch (IllegalArgumentException e) {
                throw new CommandLines.UsageError("--shard: " + e.getMessage());
            }
            AssignmentSpec s = assignment(assignment).spec();
            if (!Files.isDirectory(submissions)) {
                throw new CommandLines.UsageError("--submissions " + submissions + ": not a folder; pass the folder"
                        + " that holds one subfolder or zip per submission");
            }
            Roster r = gradebook.readRoster();
            Map<String, Instant> times = timestamps == null ? Map.of()
                    : readInput("--timestamps", timestamps, () -> SubmissionTimes.fromCsv(timestamps, zone(s)));
            PrintStream err = System.err;
            List<BatchGrader.Submission> all = BatchGrader.list(submissions);
            checkTimes(all, r, times, err);
            reportRoster(all, r, err);
            BatchGrader.Summary summary = new BatchGrader(new BatchGrader.Options(s, submissions, out, jobs, r, times,
                    regrade, seed, late.open(), childCommand(), err, System.console() != null, shard)).run();
            BatchFolder batch = new BatchFolder(out);
            BatchFolder.Read read = batch.read();
            Gradebook book = gradebook.write(s, batch, r, read);
            System.out.print(summaryTable(book, summary));
            System.out.println("Gradebooks written to " + out.toAbsolutePath());
            if (similarity && shard != null) {
                err.println("similarity: not run on one shard (it needs every submission): pass --similarity "
                        + submissions + " to course merge");
            } else if (similarity) {
                SimilarityCommand.run(SimilarityCommand.repository(null), assignment, submissions, null, out,
                        Similarity.DEFAULT_THRESHOLD, err);
            }
            batchPage(batch, read);
            boolean errors = book.rows().stream().anyMatch(row -> row.status() == SubmissionStatus.GRADER_ERROR);
            return (errors ? ExitCode.BATCH_ERRORS : ExitCode.OK).code();
        }

        /**
         * Says once that no late policy applies when there are no times, and refuses to start (or, when allowed, warns)
         * when the timestamps file misses submissions: a gap would otherwise grade a late submission as on time.
         */
        void checkTimes(List<BatchGrader.Submission> all, Roster roster, Map<String, Instant> times,
                        PrintStream err) {
            if (times.isEmpty() && timestamps == null) {
                err.println("No --timestamps: no late policy applied; every submission is graded as on time.");
                return;
            }
            List<String> missing = all.stream().map(BatchGrader.Submission::name)
                    .filter(name -> BatchGrader.timeOf(name, roster, times) == null).toList();
            if (missing.isEmpty()) {
                return;
            }
            String list = missing.size() + " submission(s) have no time in " + timestamps + ": " + String.join(", ", missing);
            if (!allowMissingTimes) {
                throw new CommandLines.UsageError(list + "; add them, or pass --allow-missing-times to grade them as"
                        + " on time");
            }
            err.println("Warning: " + list + "; graded as on time (--allow-missing-times).");
        }

        /** Lists the submissions no roster student owns and the roster students with no submission. */
        void reportRoster(List<BatchGrader.Submission> all, Roster roster, PrintStream err) {
            if (roster.isEmpty()) {
                return;
            }
            List<String> unknown = all.stream().map(BatchGrader.Submission::name)
                    .filter(name -> roster.find(name).isEmpty()).toList();
            java.util.Set<String> owners = new java.util.HashSet<>();
            all.forEach(sub -> roster.find(sub.name()).ifPresent(st -> owners.add(st.id())));
            List<String> absentees = roster.students().stream().filter(st -> !owners.contains(st.id()))
                    .map(st -> st.name() + " (" + st.id() + ")").toList();
            if (!unknown.isEmpty()) {
                err.println("Roster: " + unknown.size() + " submission(s) match no roster student (graded, kept out of"
                        + " the Canvas import and listed in " + BatchFolder.NOT_ON_ROSTER + "): "
                        + String.join(", ", unknown));
            }
            if (!absentees.isEmpty()) {
                err.println("Roster: " + absentees.size() + " student(s) have no submission ("
                        + (gradebook.absent == GradebookOptions.Absent.ZERO ? "0 points" : "left blank") + ", --absent): "
                        + String.join(", ", absentees));
            }
        }
    }

    /**
     * Returns the command that starts one batch grader process with this JVM's java and classpath (its class path
     * made absolute, so it does not depend on the working folder).
     */
    public static List<String> childCommand() {
        return javaCommand(ChildMain.class);
    }

    /**
     * Returns the command that starts {@code mainClass} in a grader JVM with this JVM's java and classpath (absolute)
     * and {@link #graderJvmFlags}.
     */
    static List<String> javaCommand(Class<?> mainClass) {
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Bundle.currentClasspath().stream().map(Path::toString)
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(launcher));
        command.addAll(graderJvmFlags(System.getenv(JVM_FLAGS_VARIABLE)));
        command.addAll(List.of("-cp", classpath, mainClass.getName()));
        return command;
    }

    static String summaryTable(Gradebook book, BatchGrader.Summary summary) {
        List<Gradebook.Row> rows = book.rows().stream().filter(r -> r.status() != SubmissionStatus.NO_SUBMISSION).toList();
        long graded = rows.stream().filter(r -> r.status() == SubmissionStatus.GRADED).count();
        long notGradable = rows.stream().filter(r -> r.status() == SubmissionStatus.NOT_GRADABLE).count();
        long errors = rows.stream().filter(r -> r.status() == SubmissionStatus.GRADER_ERROR).count();
        double[] scores = rows.stream().filter(r -> r.status() == SubmissionStatus.GRADED)
                .mapToDouble(Gradebook.Row::score).sorted().toArray();
        double mean = scores.length == 0 ? Double.NaN : java.util.Arrays.stream(scores).average().orElse(Double.NaN);
        double median = scores.length == 0 ? Double.NaN : scores.length % 2 == 1 ? scores[scores.length / 2]
                : (scores[scores.length / 2 - 1] + scores[scores.length / 2]) / 2;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n%-28s %s%n", "Submissions", rows.size()));
        sb.append(String.format(Locale.ROOT, "%-28s %d%n", "  graded", graded));
        sb.append(String.format(Locale.ROOT, "%-28s %d%n", "  not gradable", notGradable));
        sb.append(String.format(Locale.ROOT, "%-28s %d%n", "  grader errors", errors));
        sb.append(String.format(Locale.ROOT, "%-28s %d now, %d already final%n", "  graded in this run",
                summary.graded().size(), summary.skipped().size()));
        long absent = book.rows().size() - rows.size();
        if (absent > 0) {
            sb.append(String.format(Locale.ROOT, "%-28s %d%n", "Roster, no submission", absent));
        }
        if (!book.notOnRoster().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%-28s %d (not in the Canvas import: %s)%n", "Not on the roster",
                    book.notOnRoster().size(), BatchFolder.NOT_ON_ROSTER));
        }
        sb.append(String.format(Locale.ROOT, "%-28s %.2f / %.2f%n", "Mean score (graded)", mean, book.rows().isEmpty()
                ? 0 : book.rows().get(0).maxScore()));
        sb.append(String.format(Locale.ROOT, "%-28s %.2f%n", "Median score (graded)", median));
        sb.append(String.format(Locale.ROOT, "%-28s %.1f s%n", "Wall time of this run", summary.wallSeconds()));
        List<BatchGrader.Outcome> slowest = summary.graded().stream()
                .sorted(Comparator.comparingDouble(BatchGrader.Outcome::seconds).reversed()).limit(3).toList();
        if (!slowest.isEmpty()) {
            sb.append("Slowest:\n");
            slowest.forEach(o -> sb.append(String.format(Locale.ROOT, "  %-26s %6.1f s  %s %.2f%n", o.name(), o.seconds(),
                    o.status().json(), o.score())));
        }
        return sb.toString();
    }

    /**
     * Brings the batch's reports and its {@code index.html} up to date; a failure is reported, not thrown, because
     * the results and gradebooks are already written.
     */
    static void batchPage(BatchFolder batch, BatchFolder.Read read) {
        try {
            writeBatchPage(batch, read);
        } catch (IOException | RuntimeException e) {
            System.err.println("The batch page could not be written (" + e.getMessage() + "); the results and"
                    + " gradebooks are complete. Retry with: course reports --out " + batch.root());
        }
    }

    private static void writeBatchPage(BatchFolder batch, BatchFolder.Read read) throws IOException {
        long start = System.nanoTime();
        Path index = BatchPage.write(batch, read, Instant.now(), Gradebook.readNotes(batch));
        System.out.printf(Locale.ROOT, "Batch page (links to every report): %s (reports brought up to date in"
                + " %.1f s)%n", index, (System.nanoTime() - start) / 1e9);
    }

    /** {@code reports}: rewrites a batch's reports and its page, e.g. after the due date or a manual fix. */
    @Command(name = "reports", mixinStandardHelpOptions = true,
            description = "Writes OUT/reports/NAME.html (student), OUT/reports/ta/NAME.html (TA) and OUT/index.html"
                    + " from OUT/results; only reports that are missing or out of date are rewritten.")
    static final class Reports implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "The folder grade-all wrote (with results/).") Path out;

        @Override
        public Integer call() throws IOException {
            BatchFolder batch = new BatchFolder(out);
            if (!batch.isBatch()) {
                throw new CommandLines.UsageError("--out " + out + " has no results/ folder: pass grade-all's --out"
                        + " folder");
            }
            writeBatchPage(batch, batch.read());
            return 0;
        }
    }

    /** {@code merge}: one batch from the shards of {@code grade-all --shard K/N}. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Combines the --out folders of every grade-all --shard K/N run into --out: results/, junit/,"
                    + " batch-log.jsonl, the gradebooks and the batch page, as one unsharded grade-all would have"
                    + " written them. Refuses shards of different assignments, cases versions or seeds, and"
                    + " overlapping or missing shards.")
    static final class Merge implements Callable<Integer> {
        @Option(names = "--assignment", required = true, description = "The problem set, e.g. ps1.") String assignment;
        @Option(names = "--out", required = true, description = "Folder for the merged batch.") Path out;
        @CommandLine.Mixin GradebookOptions gradebook = new GradebookOptions();
        @Option(names = "--similarity", paramLabel = "SUBMISSIONS", description = "After merging, run course similarity"
                + " over the merged submissions of this folder (the one the shards graded); linked from index.html.")
        Path similarity;
        @CommandLine.Parameters(arity = "1..*", paramLabel = "SHARD", description = "The --out folder of each shard.")
        List<Path> shards;

        @Override
        public Integer call() throws Exception {
            AssignmentSpec spec = assignment(assignment).spec();
            shards.forEach(p -> CommandLines.existing("SHARD", p));
            if (similarity != null) {
                SimilarityCommand.requireFolder("--similarity", similarity);
            }
            List<String> merged;
            try {
                merged = Shard.merge(shards, out, spec);
            } catch (IllegalArgumentException e) {
                throw new CommandLines.UsageError(e.getMessage());
            }
            BatchFolder batch = new BatchFolder(out);
            BatchFolder.Read read = batch.read();
            Gradebook book = gradebook.write(spec, batch, gradebook.readRoster(), read);
            System.out.println("Merged " + shards.size() + " shard(s), " + merged.size() + " submission(s), into "
                    + out.toAbsolutePath());
            if (similarity != null) {
                SimilarityCommand.run(SimilarityCommand.repository(null), assignment, similarity,
                        SimilarityCommand.resultNames(out), out, Similarity.DEFAULT_THRESHOLD, System.err);
            }
            batchPage(batch, read);
            boolean errors = book.rows().stream().anyMatch(row -> row.status() == SubmissionStatus.GRADER_ERROR);
            return (errors ? ExitCode.BATCH_ERRORS : ExitCode.OK).code();
        }
    }

    /** {@code gradebook}: rebuilds the gradebooks from a batch's results. */
    @Command(name = "gradebook", mixinStandardHelpOptions = true,
            description = "Writes gradebook-canvas.csv, gradebook.csv and gradebook.json from OUT/results (and"
                    + " gradebook-not-on-roster.csv when the roster misses submissions), then brings OUT/index.html up"
                    + " to date.")
    static final class GradebookCommand implements Callable<Integer> {
        @Option(names = "--assignment", required = true, description = "The problem set, e.g. ps1.") String assignment;
        @Option(names = "--out", required = true, description = "The folder grade-all wrote (with results/).") Path out;
        @CommandLine.Mixin GradebookOptions gradebook = new GradebookOptions();

        @Override
        public Integer call() throws Exception {
            AssignmentSpec spec = assignment(assignment).spec();
            BatchFolder batch = new BatchFolder(out);
            if (!batch.isBatch()) {
                throw new CommandLines.UsageError("--out " + out + " has no results/ folder: pass grade-all's --out"
                        + " folder");
            }
            BatchFolder.Read read = batch.read();
            Gradebook book = gradebook.write(spec, batch, gradebook.readRoster(), read);
            System.out.println(book.rows().size() + " rows written to " + out.toAbsolutePath());
            batchPage(batch, read);
            return 0;
        }
    }

    /** {@code junit}: JUnit XML from a results.json. */
    @Command(name = "junit", mixinStandardHelpOptions = true, description = "Converts results.json to JUnit XML.")
    static final class Junit implements Callable<Integer> {
        @Option(names = "--results", required = true, description = "A results.json the grader wrote.") Path results;
        @Option(names = "--out", required = true, description = "Where to write the JUnit XML.") Path out;
        @Option(names = "--suite", defaultValue = "nnlab", description = "The test suite's name (default: ${DEFAULT-VALUE}).") String suite;

        @Override
        public Integer call() throws IOException {
            JunitXml.write(readInput("--results", results, () -> ResultsDocument.read(results)), suite, out);
            return 0;
        }
    }

    /** {@code classroom}: GitHub Classroom's result from a results.json. */
    @Command(name = "classroom", mixinStandardHelpOptions = true,
            description = "Writes GitHub Classroom's result (base64 JSON) as result=… to $GITHUB_OUTPUT, or prints it.")
    static final class Classroom implements Callable<Integer> {
        @Option(names = "--results", required = true, description = "A results.json the grader wrote.") Path results;
        @Option(names = "--github-output", description = "Default: $GITHUB_OUTPUT; printed when neither is set.") Path output;

        @Override
        public Integer call() throws IOException {
            ResultsDocument r = readInput("--results", results, () -> ResultsDocument.read(results));
            Path target = output != null ? output
                    : System.getenv("GITHUB_OUTPUT") != null ? Path.of(System.getenv("GITHUB_OUTPUT")) : null;
            if (target == null) {
                System.out.println("result=" + ClassroomResult.encode(r));
            } else {
                ClassroomResult.appendOutput(r, target);
            }
            return 0;
        }
    }

    /** {@code bundle}: the Gradescope autograder zip. */
    @Command(name = "bundle", mixinStandardHelpOptions = true,
            description = "Builds the Gradescope autograder zip (setup.sh, run_autograder, the grader's jars).")
    static final class BundleCommand implements Callable<Integer> {
        @Option(names = "--assignment", required = true, description = "The problem set, e.g. ps1.") String assignment;
        @Option(names = "--out", defaultValue = "autograder.zip", description = "Where to write the zip (default: ${DEFAULT-VALUE}).") Path out;
        @Option(names = "--leaderboard", description = "Give Gradescope a leaderboard entry (Part 5's held-out"
                + " accuracies) with every result; enable the leaderboard in the assignment's settings too.") boolean leaderboard;

        @Override
        public Integer call() throws IOException {
            assignment(assignment);
            List<String> names = Bundle.build(assignment, Bundle.currentClasspath(), out, leaderboard);
            System.out.println("Wrote " + out.toAbsolutePath() + " (" + names.size() + " entries, "
                    + Files.size(out) / 1024 + " KiB)");
            return 0;
        }
    }

    /** {@code benchmark}: how fast a batch grades, per submission and per stage. */
    @Command(name = "benchmark", mixinStandardHelpOptions = true,
            description = "Builds --count typical submissions (the correct and buggy samples, the catalogued mutants),"
                    + " grades them as grade-all does and prints wall and CPU seconds per submission and per stage;"
                    + " then times the correct sample sandboxed and in process in this JVM and prints the ratio, and"
                    + " graded cold in a fresh grader JVM as grader/bin/grade does.")
    static final class BenchmarkCommand implements Callable<Integer> {
        @Option(names = "--assignment", defaultValue = "ps1", description = "The problem set (default: ${DEFAULT-VALUE}).") String assignment;
        @Option(names = "--repository", defaultValue = ".", description = "The nnlab repository, for the samples and the"
                + " mutant catalogue (default: the current folder).") Path repository;
        @Option(names = "--count", defaultValue = "20", description = "Submissions in the batch (default: ${DEFAULT-VALUE}).") int count;
        @Option(names = "--jobs", defaultValue = "2", description = "Submissions graded at once (default: ${DEFAULT-VALUE}).") int jobs;
        @Option(names = "--seed", defaultValue = "1", description = "The run seed of every grading (default: ${DEFAULT-VALUE}).") long seed;
        @Option(names = "--repeats", defaultValue = "3", description = "Timed single gradings each way (default: ${DEFAULT-VALUE}).") int repeats;
        @Option(names = "--work", description = "Scratch folder, emptied first (default: a new temporary folder).") Path work;
        @Option(names = "--batch-only", description = "Time the batch alone, not the single gradings.") boolean batchOnly;

        @Override
        public Integer call() throws Exception {
            if (count < 1 || jobs < 1 || repeats < 1) {
                throw new CommandLines.UsageError("--count, --jobs and --repeats must be at least 1");
            }
            Path descriptor = RepositoryLayout.descriptor(repository, assignment);
            if (!Files.isRegularFile(descriptor)) {
                throw new CommandLines.UsageError("--repository " + repository.toAbsolutePath() + " has no "
                        + descriptor + " to make the samples from: run from the repository's root or pass --repository");
            }
            Path folder = work != null ? work : Files.createTempDirectory("nnlab-benchmark");
            new Benchmark(new Benchmark.Options(assignment(assignment), repository.toAbsolutePath().normalize(),
                    folder.toAbsolutePath(), count, jobs, seed, repeats, batchOnly, System.out, System.err)).run();
            return 0;
        }
    }
}
