package nnlab.grader.course;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.compile.Compilation;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;
import nnlab.grader.report.SubmissionStatus;
import nnlab.grader.report.html.BatchFolder;
import nnlab.grader.run.Grader;
import nnlab.grader.runtime.FileTrees;

/**
 * Grades a folder of submissions, each subfolder or file one submission, {@code jobs} at a time, in as many warm
 * grader processes ({@link BatchWorker}), each grading one submission after another. A submission's result is final
 * once {@code results/NAME.json} exists: it is written atomically when its grader has answered, so killing the batch
 * loses at most the submissions in flight, and a re-run grades exactly the ones without a final result (all of them
 * with {@code regrade}). A grader process that dies takes no result with it: its submission is graded once more in a
 * fresh one, and a submission that two grader processes died on is recorded as a grader error with both causes.
 * Where each file goes is the {@link BatchFolder}'s business.
 */
public final class BatchGrader {

    /**
     * Seconds a grader process gets beyond the longest the assignment's own budgets let a submission take (see
     * {@link #limitSeconds}) before it is killed: the grader's own work (discovery, the reference's side of each test,
     * the reports) under load.
     */
    static final int GRACE_SECONDS = 120;

    /** How to run the batch; {@code shard} null grades every submission, else only that shard's (and writes its manifest). */
    public record Options(AssignmentSpec spec, Path submissions, Path out, int jobs, Roster roster,
                          Map<String, Instant> times, boolean regrade, Long seed, LateDayLedger ledger,
                          List<String> javaCommand, PrintStream err, boolean tty, Shard shard) {
    }

    /** One submission: its name (the folder's name, or the file's without its extension) and where it is. */
    public record Submission(String name, Path path) {
    }

    /** What happened to one submission in this run. */
    public record Outcome(String name, SubmissionStatus status, double score, double seconds) {
    }

    /** The run's result: what was graded now and what was already final. */
    public record Summary(List<Outcome> graded, List<String> skipped, double wallSeconds) {
    }

    /** Grader processes a submission may be tried in before it is recorded as a grader error. */
    static final int ATTEMPTS = 2;

    private final Options options;
    private final BatchFolder batch;
    private final Map<BatchWorker, Boolean> running = new ConcurrentHashMap<>();
    private final java.util.Queue<BatchWorker> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Creates a batch with {@code options}. */
    public BatchGrader(Options options) {
        this.options = options;
        this.batch = new BatchFolder(options.out());
    }

    /** Lists the submissions in {@code folder}: every non-hidden entry, sorted by name. */
    public static List<Submission> list(Path folder) throws IOException {
        List<Submission> all = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.sorted().toList()) {
                String file = p.getFileName().toString();
                if (file.startsWith(".")) {
                    continue;
                }
                String name = safe(Files.isDirectory(p) ? file : file.replaceFirst("\\.[A-Za-z0-9]{1,5}$", ""));
                if (!names.add(name)) {
                    name = safe(file);
                    names.add(name);
                }
                all.add(new Submission(name, p));
            }
        }
        return all;
    }

    /** Grades every submission without a final result (or all, with regrade) and writes the gradebooks. */
    public Summary run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Files.createDirectories(batch.results());
        List<Submission> todo = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Submission> listed = list(options.submissions());
        if (options.shard() != null) {
            options.shard().writeManifest(options.out(), options.spec(), options.seed(),
                    listed.stream().map(Submission::name).toList());
            listed = listed.stream().filter(s -> options.shard().contains(s.name())).toList();
        }
        for (Submission s : listed) {
            ResultsDocument kept = options.regrade() ? null : finalResults(batch.result(s.name()));
            if (kept != null) {
                skipped.add(s.name());
                reapplyLateness(s, kept);
            } else {
                todo.add(s);
            }
        }
        options.err().printf(Locale.ROOT, "Grading %d submission(s) with %d job(s); %d already graded (use --regrade"
                + " to grade them again%s).%n", todo.size(), options.jobs(), skipped.size(),
                skipped.isEmpty() || options.times().isEmpty() ? ""
                        : "; the late policy was applied to their stored results from this run's times");
        Progress progress = new Progress(options.err(), options.tty(), todo.size());
        Thread killer = new Thread(this::killAll, "kill-graders");
        Runtime.getRuntime().addShutdownHook(killer);
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Submission s : todo) {
                futures.add(pool.submit(() -> {
                    Outcome o = grade(s);
                    outcomes.add(o);
                    progress.finished(o.name(), o.status().json(), o.score(), o.seconds());
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("batch worker failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            for (BatchWorker w = idle.poll(); w != null; w = idle.poll()) {
                w.retire();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs anyway.
            }
        }
        return new Summary(outcomes, skipped, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Returns how long a grader process may take for one submission of {@code spec}: the longest its own budgets allow
     * (compiling, the starter's pass and every call, at their wall-clock backstops: {@link Grader#longestWallSeconds})
     * plus {@link #GRACE_SECONDS}, so a slow submission always ends scored, never as a grader error.
     */
    static long limitSeconds(AssignmentSpec spec) {
        return Grader.longestWallSeconds(spec.limits(), Compilation.Budget.DEFAULT) + GRACE_SECONDS;
    }

    private Outcome grade(Submission s) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Path work = batch.work(s.name());
        FileTrees.delete(work);
        Files.createDirectories(work);
        Path raw = batch.rawResults(s.name());
        long limit = limitSeconds(options.spec());
        Integer exit = null;
        String reason = null;
        List<String> deaths = new ArrayList<>();
        while (exit == null && reason == null) {
            BatchWorker worker = idle.poll();
            if (worker == null) {
                Files.createDirectories(batch.work());
                worker = new BatchWorker(options.javaCommand(), batch.workersLog());
            }
            running.put(worker, Boolean.TRUE);
            log("started", s.name(), null, worker.pid());
            BatchWorker.Reply reply;
            try {
                reply = worker.grade(options.spec().id(), s.path(), raw, batch.graderLog(s.name()), options.seed(),
                        limit);
            } finally {
                running.remove(worker);
            }
            if (reply instanceof BatchWorker.Answered answered) {
                exit = answered.exit();
                idle.add(worker);
            } else if (reply instanceof BatchWorker.TimedOut) {
                reason = "the grader did not finish within " + limit + " s";
            } else if (reply instanceof BatchWorker.Died died) {
                deaths.add(died.cause());
                log("worker_died", s.name(), died.cause(), worker.pid());
                if (deaths.size() >= ATTEMPTS) {
                    reason = "the grader process died on this submission " + deaths.size() + " times ("
                            + String.join("; ", deaths) + "; see work/" + s.name() + "/grader.log)";
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ResultsDocument results = reason == null ? finalResults(raw) : null;
        SubmissionStatus status;
        if (results != null) {
            RunData extra = results.extraData();
            if (extra.refused() != null) {
                status = SubmissionStatus.NOT_GRADABLE;
                reason = extra.refused();
            } else if (extra.graderError() != null) {
                status = SubmissionStatus.GRADER_ERROR;
                reason = extra.graderError();
            } else {
                status = SubmissionStatus.GRADED;
            }
        } else {
            status = SubmissionStatus.GRADER_ERROR;
            reason = reason != null ? reason : "the grader answered with code " + exit + " without results"
                    + " (see work/" + s.name() + "/grader.log)";
            results = Grader.notGraded(options.spec().id(), options.seed(), reason, seconds);
        }
        Roster.Student student = options.roster().lookup(s.name());
        Instant submitted = timeOf(s.name(), options.roster(), options.times());
        if (submitted != null) {
            results = LateGrading.apply(results, options.spec(), student.id(), submitted, options.ledger(), null);
        }
        // Results of a batch are staff-only: the leaderboard there feeds the batch page's ranking.
        results = Leaderboard.addTo(results);
        results = results.withExtraData(results.extraData().withBatch(new RunData.Batch(s.name(), status, reason,
                exit, deaths.isEmpty() ? null : List.copyOf(deaths), ResultsDocument.round(seconds), new RunData.Student(student.name(), student.id(),
                student.sisUserId(), student.sisLoginId(), student.section()), null)));
        JunitXml.write(results, options.spec().id() + "." + s.name(), batch.junit(s.name()));
        results.write(batch.result(s.name()));
        log("finished", s.name(), status.json(), null);
        if (status != SubmissionStatus.GRADER_ERROR) {
            FileTrees.delete(work);
        }
        return new Outcome(s.name(), status, results.score(), seconds);
    }

    /**
     * Returns the submission time of submission {@code name}: by its own name, else by its roster student's id; null
     * when {@code times} has neither.
     */
    static Instant timeOf(String name, Roster roster, Map<String, Instant> times) {
        Instant byName = times.get(name);
        return byName != null ? byName : times.get(roster.lookup(name).id());
    }

    /**
     * Applies the late policy to {@code before}, the final result kept from an earlier run, when this run knows the
     * submission's time: the stored raw score is kept, so nothing is graded again and applying it twice changes
     * nothing.
     */
    private void reapplyLateness(Submission s, ResultsDocument before) throws IOException {
        Instant submitted = timeOf(s.name(), options.roster(), options.times());
        if (submitted == null) {
            return;
        }
        ResultsDocument results = LateGrading.apply(before, options.spec(), options.roster().lookup(s.name()).id(),
                submitted, options.ledger(), null);
        if (!results.equals(before)) {
            JunitXml.write(results, options.spec().id() + "." + s.name(), batch.junit(s.name()));
            results.write(batch.result(s.name()));
        }
    }

    private synchronized void log(String event, String name, String status, Long worker) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("event", event);
        line.put("submission", name);
        line.put("pid", ProcessHandle.current().pid());
        if (worker != null) {
            line.put("worker_pid", worker);
        }
        if (status != null) {
            line.put("status", status);
        }
        Files.writeString(batch.log(),
                ResultsDoc.JSON.copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private void killAll() {
        running.keySet().forEach(BatchWorker::close);
        idle.forEach(BatchWorker::close);
    }

    /**
     * Returns the final results in {@code file}, read once; null when there are none: no file, or one that is not a
     * complete results document (a grader killed while writing leaves none, since results are written atomically).
     */
    static ResultsDocument finalResults(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return ResultsDocument.read(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._@-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}
