package nnlab.grader.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import nnlab.grader.Text;
import nnlab.grader.protocol.Reply;
import nnlab.grader.sandbox.CompilerJvm;

/**
 * Compiles a submission in a separate, sandboxed compiler process with the JDK alone on the classpath, within one
 * time budget for everything below. The starter's files fill in whatever the submission lacks.
 *
 * <ol>
 *   <li>Everything is compiled together. If javac reports errors, every submitted file with errors is replaced by
 *   the starter's version (or dropped) at once, starter files that no longer compile against the submission are left
 *   out, and it compiles again: at most {@link #ERROR_PASSES} such passes, then once without any extra file (javac
 *   stops at the first class it cannot generate code for, so bombs of that kind show up one per pass), then the
 *   starter alone.</li>
 *   <li>If javac does not finish (it exceeds the pass time limit, runs out of memory, overflows its stack, or fails
 *   without a message), the files that replace starter files are compiled without the extra ones; if javac does not
 *   finish those either, each is compiled once alone with the starter. Then each extra file is compiled once with
 *   what survived. Each such probe gets {@link Budget#probeSeconds()} while the budget lasts (keeping one pass in
 *   reserve). Every file that brings javac down, or that the budget left untried, is left out with a message naming
 *   it; the rest go through step 1.</li>
 * </ol>
 *
 * <p>So a submission costs at most the budget plus one pass of the starter alone, whatever it holds; the result says
 * {@code compiled} only when every class it lists was written. Every limit counts the compiler's processor time, so
 * a loaded machine cannot fail honest code; the wall clock is a backstop {@link CompilerJvm#WALL_FACTOR} times larger.
 */
public final class Compilation {

    /** A compiler error in a submitted file. */
    public record Error(String file, long line, String message) {
        @Override
        public String toString() {
            return Text.name(file) + ":" + line + ": " + Text.name(message);
        }
    }

    /**
     * Where the classes went, the errors seen, the files replaced or dropped, why compilation failed for files that
     * javac could not finish, and whether classes were written.
     */
    public record Result(Path classes, List<Error> errors, List<String> replaced, List<String> dropped,
                         List<String> failures, boolean compiled) {
    }

    /**
     * The limits of one submission's compilation.
     *
     * @param totalSeconds  processor time of every compiler pass of the submission together
     * @param passSeconds   processor time of one pass over the whole submission
     * @param probeSeconds  processor time of one file compiled on its own after a pass did not finish
     * @param heapMegabytes the compiler process's heap
     */
    public record Budget(int totalSeconds, int passSeconds, int probeSeconds, int heapMegabytes) {

        /** The limits used unless an assignment or test asks for others. */
        public static final Budget DEFAULT = new Budget(90, 30, 10, 256);

        /** Checks that the limits fit together. */
        public Budget {
            if (probeSeconds < 1 || passSeconds < probeSeconds || totalSeconds < passSeconds || heapMegabytes < 64) {
                throw new IllegalArgumentException("compile budget needs 1 ≤ probe ≤ pass ≤ total seconds and a heap of at"
                        + " least 64 MB: " + this);
            }
        }
    }

    /** Passes after the first one that replace the files with errors, before falling back to the starter alone. */
    static final int ERROR_PASSES = 3;
    /** Errors kept for the report: javac lists every one (so one pass finds every broken file), a report needs few. */
    static final int MAX_ERRORS_PER_FILE = 5;
    static final int MAX_ERRORS = 100;

    private final Map<String, String> submitted;
    private final Map<String, String> starter;
    private final Budget budget;
    private final CompilerJvm javac;
    /** The wall-clock backstop of the whole budget: {@link CompilerJvm#WALL_FACTOR} times its processor time. */
    private final long deadline;
    private final long cpuAtStart;
    private final List<Error> errors = new ArrayList<>();
    private final List<String> replaced = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private Compilation(Map<String, String> submitted, Map<String, String> starter, Budget budget, CompilerJvm javac) {
        this.submitted = submitted;
        this.starter = starter;
        this.budget = budget;
        this.javac = javac;
        this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) budget.totalSeconds() * CompilerJvm.WALL_FACTOR);
        this.cpuAtStart = javac.usedCpuMillis();
    }

    /**
     * Compiles {@code submitted} over {@code starter} into {@code classes} with {@code javac}, replacing or leaving out
     * files that do not compile or that javac cannot finish, within {@code budget}.
     */
    public static Result compile(Map<String, String> submitted, Map<String, String> starter, Path classes, Budget budget,
                                 CompilerJvm javac) throws IOException {
        return new Compilation(submitted, starter, budget, javac).run(classes);
    }

    private Result run(Path classes) throws IOException {
        Map<String, String> units = new TreeMap<>(starter);
        units.putAll(submitted);
        CompilerJvm.Outcome outcome = javac.compile(units, passMillis());
        if (outcome instanceof CompilerJvm.Failed failed) {
            units = withoutCrashingFiles(failed);
            outcome = javac.compile(units, passMillis());
        }
        for (int pass = 0; pass < ERROR_PASSES && outcome instanceof CompilerJvm.Done done && !done.success(); pass++) {
            Map<String, String> next = withoutBrokenFiles(units, done);
            if (next.equals(units)) {
                break;
            }
            units = next;
            outcome = javac.compile(units, passMillis());
        }
        if (!succeeded(outcome) && units.keySet().stream().anyMatch(this::isExtra)) {
            // javac stops at the first class whose code it cannot generate ("code too large"), so many such extra files
            // would need a pass each: leave every extra file out at once and keep the graded files.
            Map<String, String> graded = new TreeMap<>(units);
            for (String file : units.keySet()) {
                if (isExtra(file)) {
                    graded.remove(file);
                    failures.add("your files did not compile together with " + Text.name(file) + " after "
                            + (ERROR_PASSES + 1) + " passes; that file was left out");
                    dropped.add(Text.name(file));
                }
            }
            units = graded;
            outcome = javac.compile(units, passMillis());
            if (outcome instanceof CompilerJvm.Done done && !done.success()) {
                withoutBrokenFiles(units, done);
            }
        }
        if (outcome instanceof CompilerJvm.Failed failed) {
            failures.add("compilation of your files together " + failed.reason() + " (time budget " + budget.totalSeconds()
                    + " s); the starter's files were used instead");
        }
        if (!succeeded(outcome)) {
            recordStarterFallback(units);
            // The starter is trusted and small: it gets one pass of its own, outside the submission's budget.
            outcome = javac.compile(new TreeMap<>(starter), TimeUnit.SECONDS.toMillis(budget.passSeconds()));
        }
        if (outcome instanceof CompilerJvm.Done done && done.success()) {
            write(done.classes(), classes);
            return new Result(classes, errors, replaced, dropped, failures, true);
        }
        if (outcome instanceof CompilerJvm.Failed failed) {
            failures.add("compilation of the starter's files " + failed.reason());
        }
        return new Result(classes, errors, replaced, dropped, failures, false);
    }

    /**
     * After a pass that did not finish: compiles the files that replace starter files without the extra ones; if that
     * finishes, probes each extra file with them, else probes each of them alone with the starter and then each extra
     * file with the survivors. Returns the units without the files that javac cannot finish.
     */
    private Map<String, String> withoutCrashingFiles(CompilerJvm.Failed first) {
        Map<String, String> core = new TreeMap<>(starter);
        List<String> extras = new ArrayList<>();
        submitted.forEach((file, text) -> {
            if (starter.containsKey(file)) {
                core.put(file, text);
            } else {
                extras.add(file);
            }
        });
        boolean anyCrashed = false;
        Map<String, String> units = new TreeMap<>(starter);
        if (core.equals(starter) || javac.compile(core, probeMillis(budget.passSeconds())) instanceof CompilerJvm.Done) {
            units = core;
        } else {
            for (String file : core.keySet()) {
                if (submitted.containsKey(file)) {
                    anyCrashed |= !probe(starter, file, units);
                }
            }
        }
        Map<String, String> base = new TreeMap<>(units);
        for (String file : extras) {
            anyCrashed |= !probe(base, file, units);
        }
        if (!anyCrashed) {
            failures.add("compilation of your files together " + first.reason() + ", though each compiled on its own");
        }
        return units;
    }

    /**
     * Compiles {@code base} plus {@code file} once; adds the file to {@code units} when javac finishes, else leaves it
     * out with a message. Returns whether javac finished.
     */
    private boolean probe(Map<String, String> base, String file, Map<String, String> units) {
        long limit = probeMillis(budget.probeSeconds());
        if (limit <= 0) {
            leaveOut(file, "was not tried: the compilation time budget of " + budget.totalSeconds() + " s ran out");
            return false;
        }
        Map<String, String> probe = new TreeMap<>(base);
        probe.put(file, submitted.get(file));
        CompilerJvm.Outcome outcome = javac.compile(probe, limit);
        if (outcome instanceof CompilerJvm.Failed failed) {
            leaveOut(file, failed.reason() + (failed.reason().startsWith("exceeded the time limit")
                    ? " of " + budget.probeSeconds() + " s" : ""));
            return false;
        }
        units.put(file, submitted.get(file));
        return true;
    }

    /** At most {@code seconds}, keeping one pass of the budget for the passes after the probes. */
    private long probeMillis(int seconds) {
        long left = remainingMillis() - TimeUnit.SECONDS.toMillis(budget.passSeconds());
        return Math.min(left, TimeUnit.SECONDS.toMillis(seconds));
    }

    private boolean isExtra(String file) {
        return submitted.containsKey(file) && !starter.containsKey(file);
    }

    private static boolean succeeded(CompilerJvm.Outcome outcome) {
        return outcome instanceof CompilerJvm.Done done && done.success();
    }

    private void leaveOut(String file, String reason) {
        boolean hasStarter = starter.containsKey(file);
        failures.add("compilation of " + Text.name(file) + " " + reason + "; "
                + (hasStarter ? "the starter's version was used instead" : "that file was left out"));
        (hasStarter ? replaced : dropped).add(Text.name(file));
    }

    /**
     * Returns the units with every submitted file that has errors replaced by the starter's (or dropped) and, when only
     * starter files have errors, those starter files left out.
     */
    private Map<String, String> withoutBrokenFiles(Map<String, String> units, CompilerJvm.Done done) {
        Set<String> broken = new LinkedHashSet<>();
        Map<String, Integer> perFile = new LinkedHashMap<>();
        for (Reply.Diagnostic d : done.diagnostics()) {
            broken.add(d.file());
            if (perFile.merge(d.file(), 1, Integer::sum) <= MAX_ERRORS_PER_FILE && errors.size() < MAX_ERRORS) {
                errors.add(new Error(d.file(), d.line(), d.message()));
            }
        }
        Map<String, String> next = new TreeMap<>(units);
        boolean changed = false;
        for (String file : broken) {
            if (submitted.containsKey(file) && submitted.get(file).equals(units.get(file))) {
                changed = true;
                if (starter.containsKey(file)) {
                    next.put(file, starter.get(file));
                    replaced.add(Text.name(file));
                } else {
                    next.remove(file);
                    dropped.add(Text.name(file));
                }
            }
        }
        if (!changed) {
            // Only starter files fail, against a submitted file that changed a signature (e.g. the demo calls a renamed
            // method): leave those starter files out, so the submission keeps every method that works.
            for (String file : broken) {
                if (!submitted.containsKey(file) && next.remove(file) != null) {
                    dropped.add(Text.name(file) + " (the starter's file no longer compiles against your code)");
                }
            }
        }
        return next;
    }

    /** Records every submitted file not yet replaced or dropped as falling back to the starter. */
    private void recordStarterFallback(Map<String, String> units) {
        for (String file : submitted.keySet()) {
            if (units.containsKey(file) && submitted.get(file).equals(units.get(file))) {
                (starter.containsKey(file) ? replaced : dropped).add(Text.name(file));
            }
        }
    }

    private long passMillis() {
        return Math.max(0, Math.min(TimeUnit.SECONDS.toMillis(budget.passSeconds()), remainingMillis()));
    }

    /**
     * The budget left, in milliseconds of the compiler's processor time: what javac used so far counts, not the wall
     * time a loaded machine stretched it to; the wall-clock backstop counts at its own scale.
     */
    private long remainingMillis() {
        long cpuLeft = TimeUnit.SECONDS.toMillis(budget.totalSeconds()) - (javac.usedCpuMillis() - cpuAtStart);
        long wallLeft = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) / CompilerJvm.WALL_FACTOR;
        return Math.min(cpuLeft, wallLeft);
    }

    private static void write(Map<String, byte[]> classFiles, Path classes) throws IOException {
        Files.createDirectories(classes);
        Path root = classes.toAbsolutePath().normalize();
        for (Map.Entry<String, byte[]> e : new LinkedHashMap<>(classFiles).entrySet()) {
            Path target = root.resolve(e.getKey()).normalize();
            if (!target.startsWith(root) || !e.getKey().endsWith(".class")) {
                throw new IllegalStateException("the compiler named a class file outside the classes folder: "
                        + Text.name(e.getKey()));
            }
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
    }
}
