package nnlab.grader.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import nnlab.grader.Assignment;
import nnlab.grader.AssignmentSpec;
import nnlab.grader.Disclosure;
import nnlab.grader.GradedTest;
import nnlab.grader.Limits;
import nnlab.grader.DiagnosisDictionary;
import nnlab.grader.Score;
import nnlab.grader.StudentException;
import nnlab.grader.TestStatus;
import nnlab.grader.Visibility;
import nnlab.grader.compile.Compilation;
import nnlab.grader.intake.Intake;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;
import nnlab.grader.report.TestData;
import nnlab.grader.report.TestResult;
import nnlab.grader.runtime.FileTrees;
import nnlab.grader.sandbox.ChildJvm;
import nnlab.grader.sandbox.CompilerJvm;
import nnlab.grader.sandbox.Endpoint;
import nnlab.grader.sandbox.Isolation;
import nnlab.grader.sandbox.MachineLoad;
import nnlab.grader.sandbox.Sandbox;

/**
 * Grades one submission: discovers the assignment's tests and records a placeholder for each, reads and compiles the
 * submission, runs the tests with the submission in a sandboxed JVM (or in process, for trusted code) and the
 * reference as oracle, and returns the Gradescope results. It never throws for a bad submission; a failure of the
 * grader itself becomes a visible "grader error" entry plus a hidden one with the trace.
 *
 * <p>Tests run in three passes in order of increasing secrecy, visible, after-due-date, hidden, in one submission JVM
 * with fresh student classes and state for every test (the JVM is replaced only when the reset is not enough, or
 * after a crash or a limit): whatever student code keeps beyond a reset can only ever reach the output of a later test,
 * one at least as secret, so no hidden input is ever printed under a test the student sees. Separate JVMs per pass
 * gave the same guarantee at two more JVM starts per submission.
 */
public final class Grader {

    /** The grader's version, recorded in every result. */
    public static final String VERSION = "0.1.0";
    /** The session id of test discovery, which happens before the session (and its endpoints) exist. */
    private static final String DISCOVERY_SESSION = "discovery";

    /** How to grade. */
    public record Options(Long seed, boolean inProcess, Path placeholderFile, String only, Limits limits,
                          Compilation.Budget compileBudget) {
        /** The options with the default compile budget. */
        public Options(Long seed, boolean inProcess, Path placeholderFile, String only, Limits limits) {
            this(seed, inProcess, placeholderFile, only, limits, Compilation.Budget.DEFAULT);
        }

        /** Sandboxed grading with a secret seed, every test, the assignment's limits and no placeholder file. */
        public static Options defaults() {
            return new Options(null, false, null, null, null);
        }

        /** Returns these options with another compile budget than the default. */
        public Options withCompileBudget(Compilation.Budget other) {
            return new Options(seed, inProcess, placeholderFile, only, limits, other);
        }

        /** Returns these options with a fixed seed. */
        public Options withSeed(long fixed) {
            return new Options(fixed, inProcess, placeholderFile, only, limits, compileBudget);
        }

        /**
         * Returns these options running only tests whose number starts with {@code prefix} (e.g. "1."), or with one of
         * several prefixes separated by commas (e.g. "1.,2.").
         */
        public Options onlyTests(String prefix) {
            return new Options(seed, inProcess, placeholderFile, prefix, limits, compileBudget);
        }

        /** Returns these options with other sandbox limits than the assignment's. */
        public Options withLimits(Limits other) {
            return new Options(seed, inProcess, placeholderFile, only, other, compileBudget);
        }

        /** Returns these options running the submission in this JVM, unsandboxed (trusted code only). */
        public Options unsandboxed() {
            return new Options(seed, true, placeholderFile, only, limits, compileBudget);
        }
    }

    private final Assignment assignment;
    private final CompilerJvm warmCompiler;

    /** Creates a grader for {@code assignment} that starts a compiler process for each submission. */
    public Grader(Assignment assignment) {
        this(assignment, null);
    }

    /**
     * Creates a grader for {@code assignment} that compiles every submission with {@code warmCompiler} (when it has the
     * default budget's heap), a process kept across submissions: the caller owns and closes it. The compiler replaces
     * its process after any failure and before a submission whose whole budget would outlive it.
     */
    public Grader(Assignment assignment, CompilerJvm warmCompiler) {
        this.assignment = assignment;
        this.warmCompiler = warmCompiler;
    }

    /**
     * Returns the longest one grading's submission-side work may take by the wall clock on a machine that is not
     * overloaded, whatever the submission does: every compiler pass within the compile budget and the starter's own
     * pass at their backstops ({@link CompilerJvm#WALL_FACTOR}), and every call within the per-submission budgets
     * ({@link ChildJvm#longestWallSeconds}). The grader's own work comes on top.
     */
    public static long longestWallSeconds(Limits limits, Compilation.Budget compile) {
        return (long) (compile.totalSeconds() + compile.passSeconds()) * CompilerJvm.WALL_FACTOR
                + ChildJvm.longestWallSeconds(limits);
    }

    /** Returns the assignment registered under {@code id}. */
    public static Optional<Assignment> find(String id) {
        return ServiceLoader.load(Assignment.class).stream().map(ServiceLoader.Provider::get)
                .filter(a -> a.id().equals(id)).findFirst();
    }

    /** Returns the ids of every registered assignment. */
    public static List<String> known() {
        // Sorted: with several plug-ins the classpath's order would otherwise decide the order of the message.
        return ServiceLoader.load(Assignment.class).stream().map(p -> p.get().id()).sorted().toList();
    }

    /**
     * Returns a facade of {@code api} over {@code assignment}'s oracle in this JVM, as a graded test's {@code @Oracle}
     * parameter is one: for work with the reference outside a grading, such as {@link Assignment#trainReference()}.
     */
    public static <T> T oracle(Assignment assignment, Class<T> api) {
        return Facades.create(api, new InProcessEndpoint(assignment.oracleLoader(), assignment.valueTypes()));
    }

    /** Grades {@code submission} (a folder or a zip) and returns its results. */
    public ResultsDocument grade(Path submission, Options options) {
        long start = System.nanoTime();
        long seed = options.seed() != null ? options.seed() : new SecureRandom().nextLong();
        ResultsBuilder results = new ResultsBuilder();
        RunData.Builder extra = results.run().run(seed, VERSION, jdk(), assignment.id());
        List<String> summary = new ArrayList<>();
        Map<String, ResultsBuilder.Entry> byId = new LinkedHashMap<>();
        Path work = null;
        Endpoint[] opened = new Endpoint[1];
        try {
            describeAssignment(extra, assignment.spec());
            AssignmentSpec.Cases cases = assignment.spec().cases();
            Sandbox sandbox = options.inProcess() ? null : Sandbox.detect();
            Isolation isolation = options.inProcess()
                    ? new Isolation("in-process", List.of("in-process"), List.of("trusted code, not sandboxed"))
                    : sandbox.isolation();
            extra.isolation(new RunData.Isolation(isolation.level(), isolation.layers(), isolation.warnings()));
            Launcher launcher = LauncherFactory.create();
            long t0 = System.nanoTime();
            TestPlan plan = launcher.discover(request(DISCOVERY_SESSION, options.only()));
            placeholders(plan, byId, results);
            extra.timing("discovery", millis(t0));
            if (options.placeholderFile() != null) {
                results.output("Grading did not finish: these placeholders are all that was recorded.");
                results.write(options.placeholderFile());
            }

            work = Files.createTempDirectory("nnlab-grade");
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
            t0 = System.nanoTime();
            Intake.Result intake = Intake.read(submission, work);
            extra.timing("intake", millis(t0));
            summary.addAll(intake.notes());
            if (intake.refusal() != null) {
                summary.add("Submission refused: " + intake.refusal() + ".");
                extra.refused(intake.refusal());
                byId.values().forEach(t -> t.details("Not run: the submission was refused (" + intake.refusal() + ")."));
                return finish(results, summary, start);
            }
            t0 = System.nanoTime();
            Path classes = Files.createDirectories(work.resolve("classes"));
            Endpoint student = studentEndpoint(options, sandbox, classes, work);
            opened[0] = student;
            if (student instanceof ChildJvm child) {
                Thread early = new Thread(child::prestart, "submission-jvm-start");
                early.setDaemon(true);
                early.start();
            }
            Compilation.Result compiled;
            Compilation.Budget budget = options.compileBudget();
            List<String> compileOverloads;
            long compileCpuMillis;
            if (warmCompiler != null && warmCompiler.heapMegabytes() == budget.heapMegabytes()) {
                warmCompiler.renewUnlessItLives(budget.totalSeconds() + budget.passSeconds());
                int overloadsBefore = warmCompiler.overloads().size();
                long cpuBefore = warmCompiler.usedCpuMillis();
                compiled = Compilation.compile(intake.sources(), assignment.starterSources(), classes, budget, warmCompiler);
                List<String> all = warmCompiler.overloads();
                compileOverloads = all.subList(overloadsBefore, all.size());
                compileCpuMillis = warmCompiler.usedCpuMillis() - cpuBefore;
            } else {
                try (CompilerJvm javac = new CompilerJvm(sandbox != null ? sandbox : Sandbox.detect(),
                        budget.heapMegabytes(), budget.totalSeconds() + budget.passSeconds(), work)) {
                    compiled = Compilation.compile(intake.sources(), assignment.starterSources(), classes, budget, javac);
                    compileOverloads = javac.overloads();
                    compileCpuMillis = javac.usedCpuMillis();
                }
            }
            extra.timing("compile", millis(t0));
            report(compiled, summary, extra);
            copyResources(classes);
            worldReadable(classes);

            t0 = System.nanoTime();
            ChildJvm child = student instanceof ChildJvm c ? c : null;
            List<RunData.Retry> retries = new ArrayList<>();
            compileOverloads.forEach(reason -> retries.add(new RunData.Retry("compile", reason, true)));
            if (child != null) {
                child.load().sample();
            }
            try (student;
                 Endpoint oracle = new InProcessEndpoint(assignment.oracleLoader(), assignment.valueTypes());
                 GradingSession session = new GradingSession(StarterFramesEndpoint.wrap(student, compiled.replaced()),
                         oracle, seed, cases.seed())) {
                Listener listener = new Listener(session, byId,
                        () -> child == null ? List.of() : child.overloads(), assignment.dictionary());
                // Visibility's order is increasing secrecy: what survives a reset flows only towards later passes.
                for (Visibility pass : Visibility.values()) {
                    launcher.execute(launcher.discover(request(session.id(), options.only(), pass)), listener);
                    retryOverloaded(launcher, session, student, listener, byId, retries, results);
                }
                if (child != null) {
                    extra.timing("submission_jvm", child.usedMillis());
                    extra.submissionJvmStarts(child.starts());
                    extra.load(load(child, compileCpuMillis, retries));
                }
            }
            extra.timing("tests", millis(t0));
        } catch (Throwable e) {
            graderError(results, e);
        } finally {
            if (opened[0] != null) {
                opened[0].close();
            }
            if (work != null) {
                FileTrees.deleteQuietly(work); // A leftover temp folder is harmless.
            }
        }
        return finish(results, summary, start);
    }

    /**
     * Grades once more, in a fresh JVM, every test of the pass just run whose call the machine's load stopped (the
     * child wanted a processor and did not get one: see {@code CallClock}); a test stopped again is not graded: its
     * entry says so, and the run records a grader error, so no student loses points to a busy machine and the TA
     * knows to grade it again. Retrying the call alone is not possible: it may use objects earlier calls of the
     * test made in the JVM that was stopped.
     */
    private void retryOverloaded(Launcher launcher, GradingSession session, Endpoint student, Listener listener,
                                 Map<String, ResultsBuilder.Entry> byId, List<RunData.Retry> retries,
                                 ResultsBuilder results) {
        Map<String, String> stopped = listener.takeOverloaded();
        if (stopped.isEmpty()) {
            return;
        }
        student.recycle();
        stopped.keySet().forEach(session::forget);
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(stopped.keySet().stream().map(DiscoverySelectors::selectUniqueId).toList())
                .configurationParameter(GradingSession.PARAMETER, session.id())
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .build(), listener);
        Map<String, String> again = listener.takeOverloaded();
        List<String> notGraded = new ArrayList<>();
        stopped.forEach((id, reason) -> {
            ResultsBuilder.Entry test = byId.get(id);
            String number = test == null ? id : test.number;
            retries.add(new RunData.Retry(number, reason, !again.containsKey(id)));
            if (again.containsKey(id) && test != null) {
                notGraded.add(number);
                test.outcome(0, TestStatus.FAILED);
                test.details("Not graded: the grading machine was too busy to finish this test, twice (this is not your"
                        + " code's fault, and it costs you nothing): the course staff will grade it again.");
            }
        });
        if (!notGraded.isEmpty()) {
            results.add("0.0", "Grader error — not your fault", 0, Visibility.VISIBLE, "The grading machine was"
                    + " overloaded: test " + String.join(", ", notGraded) + " could not be graded. This is not your"
                    + " fault: tell the course staff, who will grade your submission again.");
            results.run().graderError("the grading machine was overloaded: test " + String.join(", ", notGraded)
                    + " stopped twice (" + again.values().iterator().next() + ")");
            student.recycle();
        }
    }

    /** The machine's load and the processor time the submission used, as the TA's view records them. */
    private static RunData.Load load(ChildJvm child, long compileCpuMillis, List<RunData.Retry> retries) {
        MachineLoad load = child.load();
        load.sample();
        return new RunData.Load(Runtime.getRuntime().availableProcessors(), orNull(load.first().loadAverage()),
                orNull(load.max().loadAverage()), orNull(load.last().loadAverage()), orNull(load.max().cpuPressure()),
                child.usedCpuMillis(), child.maxCallCpuMillis(), child.maxCallMillis(), compileCpuMillis, retries);
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private Endpoint studentEndpoint(Options options, Sandbox sandbox, Path classes, Path work) throws IOException {
        if (options.inProcess()) {
            URL[] urls = {classes.toUri().toURL()};
            return new InProcessEndpoint(() -> new URLClassLoader("submission", urls, ClassLoader.getPlatformClassLoader()),
                    assignment.valueTypes());
        }
        Limits limits = options.limits() != null ? options.limits() : assignment.spec().limits();
        return new ChildJvm(sandbox, limits, assignment.valueTypes(), classes, work);
    }

    private LauncherDiscoveryRequest request(String sessionId, String only) {
        return request(sessionId, only, null);
    }

    /**
     * Returns the request for the tests numbered {@code only…} (all when null) of visibility {@code pass} (all when
     * null; a test without a number counts as hidden).
     */
    private LauncherDiscoveryRequest request(String sessionId, String only, Visibility pass) {
        return LauncherDiscoveryRequestBuilder.request()
                .filters((PostDiscoveryFilter) descriptor -> FilterResult.includedIf(
                        !(descriptor.getSource().orElse(null) instanceof MethodSource ms)
                        || (only == null || numberOf(ms).map(n -> Stream.of(only.split(",")).anyMatch(n::startsWith))
                                .orElse(true))
                        && (pass == null || visibilityOf(ms) == pass)))
                .selectors(assignment.testClasses().stream().map(DiscoverySelectors::selectClass).toList())
                .configurationParameter(GradingSession.PARAMETER, sessionId)
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .build();
    }

    private void placeholders(TestPlan plan, Map<String, ResultsBuilder.Entry> byId, ResultsBuilder results) {
        List<Map.Entry<String, GradedTest>> found = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, found);
        }
        found.sort(Comparator.comparing(e -> numberKey(e.getValue().number())));
        for (Map.Entry<String, GradedTest> e : found) {
            GradedTest g = e.getValue();
            byId.put(e.getKey(), results.add(g.number(), g.name(), g.points(), Disclosure.of(g),
                    "Not run: grading stopped before this test."));
        }
    }

    private static void collect(TestPlan plan, TestIdentifier id, List<Map.Entry<String, GradedTest>> found) {
        if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource ms) {
            Method m = ms.getJavaMethod();
            GradedTest g = m.getAnnotation(GradedTest.class);
            if (g != null) {
                found.add(Map.entry(id.getUniqueId(), g));
            }
        }
        for (TestIdentifier child : plan.getChildren(id)) {
            collect(plan, child, found);
        }
    }

    private static Optional<String> numberOf(MethodSource source) {
        GradedTest g = source.getJavaMethod().getAnnotation(GradedTest.class);
        return Optional.ofNullable(g).map(GradedTest::number);
    }

    private static Visibility visibilityOf(MethodSource source) {
        GradedTest g = source.getJavaMethod().getAnnotation(GradedTest.class);
        return g == null ? Visibility.HIDDEN : g.visibility();
    }

    private static String numberKey(String number) {
        StringBuilder sb = new StringBuilder();
        for (String part : number.split("\\.")) {
            sb.append(String.format("%6s", part)).append('.');
        }
        return sb.toString();
    }

    private void report(Compilation.Result compiled, List<String> summary, RunData.Builder extra) {
        List<String> errors = compiled.errors().stream().map(Compilation.Error::toString).toList();
        extra.compilation(new RunData.Compilation(errors, compiled.replaced(), compiled.dropped(), compiled.failures(),
                compiled.compiled()));
        compiled.failures().forEach(f -> summary.add(capitalized(f) + "."));
        if (!errors.isEmpty()) {
            summary.add("Compiler errors:");
            errors.stream().limit(30).forEach(e -> summary.add("  " + e));
        }
        compiled.replaced().forEach(f -> summary.add("Replaced " + f + " by the starter's version because it did not"
                + " compile: its methods earn no points."));
        compiled.dropped().forEach(f -> summary.add("Left out " + f + " because it did not compile."));
        if (!compiled.compiled()) {
            summary.add("The submission could not be compiled even with the starter's files.");
        }
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void copyResources(Path classes) throws IOException {
        for (Map.Entry<String, byte[]> e : assignment.submissionResources().entrySet()) {
            Path target = classes.resolve(e.getKey()).normalize();
            if (!target.startsWith(classes)) {
                throw new IllegalStateException("resource outside the classes folder: " + e.getKey());
            }
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
    }

    private static void worldReadable(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    /** Dates in results.json: RFC 3339 with the assignment's own offset, to the second. */
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /**
     * Records what a report needs to present the results: the due date, when after-due-date tests may be shown (once
     * the last late submission is in: the due date plus the allowed late days, so no one who can still submit sees
     * them), the parts' titles and sections, and the version of the scoring cases. The run's seed and the isolation
     * level stay in extra_data only, which students do not see: with the seed, the run's probes could be regenerated.
     */
    private static void describeAssignment(RunData.Builder extra, AssignmentSpec spec) {
        if (spec.due() != null) {
            try {
                OffsetDateTime due = OffsetDateTime.parse(spec.due());
                int lateDays = spec.lateDays() == null ? 0 : spec.lateDays().allowed();
                extra.schedule(due.format(RFC_3339), due.plusDays(lateDays).format(RFC_3339));
            } catch (DateTimeParseException e) {
                // assignment.schema.json requires an offset; without a readable due date, reports show the least.
            }
        }
        List<RunData.Part> parts = spec.parts().stream()
                .map(p -> new RunData.Part(p.id(), p.title(), p.points(), p.sections())).toList();
        // The version names the cases every test scored with, so a regrade is reproducible; the seed stays secret.
        extra.assignment(parts, new RunData.Cases(spec.cases().version(), spec.cases().digest()));
    }

    private static ResultsDocument finish(ResultsBuilder results, List<String> summary, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        results.executionSeconds(seconds);
        results.run().timing("total", Math.round(seconds * 1000));
        StringBuilder out = new StringBuilder(String.format(java.util.Locale.ROOT, "Score: %.2f / %.2f%n",
                results.score(), results.maxScore()));
        summary.forEach(s -> out.append(s).append('\n'));
        results.output(out.toString());
        return results.document();
    }

    private static void graderError(ResultsBuilder results, Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        results.add("0.0", "Grader error — not your fault", 0, Visibility.VISIBLE,
                "The grader itself failed while grading this submission. This is not your fault: tell the course staff."
                        + " Tests that did not run are marked as such.");
        results.add("0.1", "Grader error trace (staff only)", 0, Visibility.HIDDEN, trace.toString());
        results.run().graderError(e.toString());
    }

    /**
     * Returns the results of a grading that left none (its process died or ran out of time): no test, and a grader
     * error that says {@code reason}, so the student is told it is not their fault; valid against the schema.
     */
    public static ResultsDocument notGraded(String assignment, Long seed, String reason, double seconds) {
        RunData extra = RunData.of(seed == null ? 0 : seed, VERSION, assignment, jdk(),
                Map.of("total", Math.round(seconds * 1000))).withGraderError(reason);
        return ResultsDocument.of(seconds, "Grading failed: " + reason + ". This is not your fault: the course staff"
                + " will regrade.", extra);
    }

    /** Returns the grader's JVM, as recorded. */
    public static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static final class Listener implements TestExecutionListener {
        private final GradingSession session;
        private final Map<String, ResultsBuilder.Entry> byId;
        private final java.util.function.Supplier<List<String>> overloads;
        private final Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, Integer> overloadsAtStart = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, String> overloaded = new LinkedHashMap<>();
        private final DiagnosisDictionary dictionary;

        /**
         * {@code overloads} returns why each call so far was stopped as overloaded, oldest first; {@code dictionary}
         * names what a failing test's values reproduce when the catalogue names nothing.
         */
        Listener(GradingSession session, Map<String, ResultsBuilder.Entry> byId,
                 java.util.function.Supplier<List<String>> overloads, DiagnosisDictionary dictionary) {
            this.session = session;
            this.byId = byId;
            this.overloads = overloads;
            this.dictionary = dictionary;
        }

        /** Returns the tests (unique id → why) that a call stopped as overloaded since the last time, and forgets them. */
        synchronized Map<String, String> takeOverloaded() {
            Map<String, String> taken = new LinkedHashMap<>(overloaded);
            overloaded.clear();
            return taken;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
            overloadsAtStart.put(id.getUniqueId(), overloads.get().size());
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            ResultsBuilder.Entry t = byId.get(id.getUniqueId());
            if (t != null) {
                t.details("Skipped: " + reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            ResultsBuilder.Entry t = byId.get(id.getUniqueId());
            if (t == null) {
                return;
            }
            Long begin = started.get(id.getUniqueId());
            if (begin != null) {
                t.durationMillis = millis(begin);
            }
            List<String> seen = overloads.get();
            int before = overloadsAtStart.getOrDefault(id.getUniqueId(), seen.size());
            if (seen.size() > before) {
                synchronized (this) {
                    overloaded.put(id.getUniqueId(), seen.get(before));
                }
            }
            Score score = session.existingScore(id.getUniqueId());
            StringBuilder out = new StringBuilder();
            boolean success = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            double fraction;
            if (score != null && score.cases() > 0) {
                fraction = success ? (double) score.passed() / score.cases() : 0;
            } else {
                fraction = success ? 1 : 0;
            }
            t.outcome(ResultsDocument.round(t.maxScore * fraction), TestStatus.of(fraction));
            if (score != null && fraction < 1) {
                diagnose(t.number, score, result);
            }
            if (score != null) {
                out.append(score.feedback());
                t.attached.putAll(score.data());
                t.probes = TestData.Probes.of(score, fraction == 1);
            }
            result.getThrowable().ifPresent(e -> out.append(out.length() == 0 ? "" : "\n").append(describe(e)));
            StringBuilder diagnosis = new StringBuilder(score == null ? "" : score.diagnosis());
            result.getThrowable().ifPresent(e -> {
                String brief = briefly(e);
                if (!brief.isEmpty()) {
                    diagnosis.append(diagnosis.length() == 0 ? "" : "\n").append(brief);
                }
            });
            t.diagnosis(diagnosis.toString(), score == null ? List.of() : score.mistakes());
            String printed = session.output(id.getUniqueId());
            if (!printed.isBlank()) {
                out.append("\n\nYour code printed:\n").append(printed);
            }
            t.details(out.length() == 0 && fraction == 1 ? "Passed." : out.toString());
        }

        /**
         * Keeps the fingerprint of a failing test's values for the trusted side (the audit reads it; no report shows
         * it) and, when the catalogue named nothing, names the machine-made mistakes of the dictionary that give the
         * same values on this test.
         */
        private void diagnose(String number, Score score, TestExecutionResult result) {
            result.getThrowable().ifPresent(score::uncaught);
            String fingerprint = score.fingerprint();
            if (fingerprint == null) {
                return;
            }
            score.data(TestData.FINGERPRINT, fingerprint);
            if (!score.catalogued()) {
                dictionary.lookup(number, fingerprint).forEach(e -> score.mistake(e.mistakeId(), e.sentence()));
            }
        }

        /**
         * A failure in words that reveal no value: what kind of failure, the exception's class and where in the
         * student's code — never its message, which student code may have filled with a hidden input.
         */
        private static String briefly(Throwable e) {
            return e instanceof StudentException s ? s.brief() : "";
        }

        private static String describe(Throwable e) {
            if (e instanceof StudentException s) {
                return s.describe();
            }
            if (e instanceof AssertionError) {
                return String.valueOf(e.getMessage());
            }
            return "The test could not check your code: " + e;
        }
    }
}
