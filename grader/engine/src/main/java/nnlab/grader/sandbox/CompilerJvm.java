package nnlab.grader.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nnlab.grader.protocol.Protocol;
import nnlab.grader.protocol.Reply;
import nnlab.grader.protocol.Request;

/**
 * A compiler process seen from the grader: {@code javac} in its own sandboxed JVM, fed one compilation at a time
 * over stdin and answering on stdout. It is started on the first compilation, kept for the next ones, and replaced
 * after any failure (a timeout, a crash, a memory breach), so it can be kept warm across submissions. It runs as a
 * {@link SandboxedProcess}, whose bounds on replies and streams hold for it as for the submission JVM, with replies of
 * at most {@link #MAX_REPLY_BYTES}.
 */
public final class CompilerJvm implements AutoCloseable {

    /** What one compilation came to. */
    public sealed interface Outcome permits Done, Failed, Overloaded {
    }

    /** javac finished: whether it succeeded, its errors and the class files (path under the classes folder → bytes). */
    public record Done(boolean success, List<Reply.Diagnostic> diagnostics, Map<String, byte[]> classes)
            implements Outcome {
    }

    /** javac did not finish; {@code reason} completes "compilation … " for the student, e.g. "exceeded the time limit". */
    public record Failed(String reason) implements Outcome {
    }

    /** The machine's load kept javac from the processor; {@link #compile} tries again or throws. */
    private record Overloaded(String reason) implements Outcome {
    }

    /**
     * The wall-clock backstop of a pass, as a multiple of its processor-time budget: javac neither sleeps nor blocks,
     * so only a loaded machine stretches a pass towards it (and then it is retried, not failed).
     */
    public static final int WALL_FACTOR = 5;
    /** Tries of one pass when the machine is overloaded: the first and one in a fresh process. */
    private static final int OVERLOAD_ATTEMPTS = 2;
    /** How often the compiler's processor time is read while it works. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** The largest reply read: base64 of the compiler's 16 MB class-file cap plus diagnostics. */
    static final int MAX_REPLY_BYTES = 24 << 20;

    private static final Logger LOG = Logger.getLogger(CompilerJvm.class.getName());
    private static final Pattern EXCEPTION = Pattern.compile("(?:java|javax|com\\.sun)\\.[\\w.$]*\\.(\\w+(?:Error|Exception))");

    private final Sandbox sandbox;
    private final int heapMegabytes;
    private final int lifetimeSeconds;
    private final Path scratchRoot;
    private final List<String> jvmFlags;
    private SandboxedProcess<Reply> process;
    private long nextId;
    private long startedNanos;
    private int starts;
    private long usedCpuNanos;
    private final List<String> overloads = new ArrayList<>();

    /**
     * Prepares (without starting) a compiler process with {@code heapMegabytes} of heap that lives at most
     * {@code lifetimeSeconds}; its working folder is made under {@code scratchRoot}.
     */
    public CompilerJvm(Sandbox sandbox, int heapMegabytes, int lifetimeSeconds, Path scratchRoot) {
        this.sandbox = sandbox;
        this.heapMegabytes = heapMegabytes;
        this.lifetimeSeconds = lifetimeSeconds;
        this.scratchRoot = scratchRoot;
        this.jvmFlags = CdsArchive.COMPILER.flags(RuntimeBundle.get(), sandbox.javaHome());
    }

    /**
     * Compiles {@code units} (source path → text) within {@code cpuMillis} of the compiler's processor time (its whole
     * process tree, read from outside: a loaded machine cannot use it up) and a wall-clock backstop of
     * {@link #WALL_FACTOR} times that; after a failure the process is gone and the next compilation starts a fresh one.
     * A pass the machine's load kept from the processor (see {@link CallClock}) is tried once more in a fresh process.
     *
     * @throws IllegalStateException when the machine was overloaded twice: a grader error, never the student's loss
     */
    public synchronized Outcome compile(Map<String, String> units, long cpuMillis) {
        String first = null;
        for (int attempt = 0; attempt < OVERLOAD_ATTEMPTS; attempt++) {
            Outcome outcome = compileOnce(units, cpuMillis);
            if (!(outcome instanceof Overloaded overloaded)) {
                return outcome;
            }
            overloads.add(overloaded.reason());
            first = first == null ? overloaded.reason() : first;
            LOG.warning("compiler pass overloaded: " + overloaded.reason());
        }
        throw new IllegalStateException("the grading machine was overloaded while compiling, twice (" + first
                + "): grade this submission again on a quieter machine");
    }

    private Outcome compileOnce(Map<String, String> units, long cpuMillis) {
        long cpuNanos = TimeUnit.MILLISECONDS.toNanos(cpuMillis);
        CallClock clock = new CallClock(cpuNanos, cpuNanos * WALL_FACTOR);
        long cpuBegin = 0;
        try {
            ensureStarted();
            cpuBegin = cpuNow();
            long id = ++nextId;
            process.send(Protocol.encode(new Request.Compile(id, units)) + "\n");
            long sent = System.nanoTime();
            long nextPoll = sent + POLL_NANOS;
            ProcessCpu.Tree tree = new ProcessCpu.Tree(process.handle(), process.uid());
            while (true) {
                SandboxedProcess.Delivery<Reply> reply = process.poll(nextPoll - System.nanoTime());
                if (reply == null) {
                    nextPoll = System.nanoTime() + POLL_NANOS;
                    ProcessCpu.Sample sample = tree.sample();
                    CallClock.Verdict verdict = clock.observe(System.nanoTime() - sent, sample.cpuNanos() - cpuBegin,
                            sample.runnable());
                    if (verdict == CallClock.Verdict.RUNNING) {
                        continue;
                    }
                    kill();
                    if (verdict == CallClock.Verdict.OVERLOADED) {
                        return new Overloaded(String.format(java.util.Locale.ROOT, "a pass waited %.0f s and got only"
                                + " %.1f s of processor time while wanting a processor in %d %% of the polls (%s)",
                                clock.wallNanos() / 1e9, clock.cpuNanos() / 1e9, Math.round(100 * clock.runnableShare()),
                                MachineLoad.read().describe()));
                    }
                    return new Failed("exceeded the time limit");
                }
                if (reply instanceof SandboxedProcess.Ended<Reply>) {
                    return died();
                }
                if (reply instanceof SandboxedProcess.Overflow<Reply> overflow) {
                    kill();
                    return new Failed(overflow(overflow.bound()));
                }
                Reply answer = ((SandboxedProcess.Frame<Reply>) reply).reply();
                if (answer.id() == id) {
                    // A pass that replied between two polls may still have spent more than its budget: the budget is
                    // the limit, not the poll that happens to notice it.
                    if (cpuNow() - cpuBegin > cpuNanos) {
                        kill();
                        return new Failed("exceeded the time limit");
                    }
                    return outcome(answer);
                }
            }
        } catch (IOException e) {
            return died();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return new Failed("was interrupted");
        } finally {
            usedCpuNanos += Math.max(clock.cpuNanos(), process == null ? 0 : cpuNow() - cpuBegin);
        }
    }

    /** Returns the processor time the compilations so far used, in milliseconds. */
    public synchronized long usedCpuMillis() {
        return TimeUnit.NANOSECONDS.toMillis(usedCpuNanos);
    }

    /** Returns why each pass so far was stopped as overloaded (and tried again), oldest first. */
    public synchronized List<String> overloads() {
        return List.copyOf(overloads);
    }

    private long cpuNow() {
        SandboxedProcess<Reply> p = process;
        return p == null ? 0 : ProcessCpu.sample(p.handle(), p.uid()).cpuNanos();
    }

    /** Returns how many compiler processes this compiler has started so far. */
    public synchronized int starts() {
        return starts;
    }

    /** Returns the heap, in megabytes, each of this compiler's processes gets. */
    public int heapMegabytes() {
        return heapMegabytes;
    }

    /**
     * Ends the current process unless it has {@code seconds} of processor time left under its lifetime's limit and
     * {@link #WALL_FACTOR} times that of wall time, so that a submission about to compile with a budget of
     * {@code seconds} is never cut short by the process's own limits; the next compilation starts a fresh one.
     */
    public synchronized void renewUnlessItLives(int seconds) {
        if (process == null) {
            return;
        }
        long age = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        long cpu = TimeUnit.NANOSECONDS.toSeconds(cpuNow());
        if ((age + (long) seconds * WALL_FACTOR > (long) lifetimeSeconds * WALL_FACTOR) || cpu + seconds > lifetimeSeconds) {
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.close();
        process = null;
    }

    private Outcome outcome(Reply reply) {
        if (!(reply instanceof Reply.Compiled compiled)) {
            kill();
            return new Failed(crashReason(reply instanceof Reply.CompileCrashed crashed ? crashed.reason()
                    : String.valueOf(reply)));
        }
        if (!compiled.success() && compiled.diagnostics().isEmpty()) {
            // javac reports a StackOverflowError or OutOfMemoryError of its own only on its log: a failure, not a pass.
            kill();
            return new Failed(crashReason(compiled.log()));
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        compiled.classes().forEach((name, bytes) -> classes.put(name, Base64.getDecoder().decode(bytes)));
        return new Done(compiled.success(), compiled.diagnostics(), classes);
    }

    private String crashReason(String detail) {
        if (detail.contains("OutOfMemoryError")) {
            return "ran out of memory (the compiler's heap limit is " + heapMegabytes + " MB)";
        }
        if (detail.contains("StackOverflowError")) {
            return "crashed the compiler with a StackOverflowError (code nested too deeply)";
        }
        Matcher exception = EXCEPTION.matcher(detail);
        return "crashed the compiler (" + (exception.find() ? exception.group(1) : firstLine(detail)) + ")";
    }

    private Outcome died() {
        SandboxedProcess.Exit exit = process == null ? new SandboxedProcess.Exit(null, "") : process.diagnose();
        process = null;
        String err = exit.stderr();
        LOG.fine(() -> "compiler process died: " + err);
        if (exit.outOfMemory() || err.contains("Cannot allocate memory") || exit.killedBySignal()) {
            return new Failed("ran out of memory or another resource limit (the compiler's heap limit is "
                    + heapMegabytes + " MB)");
        }
        return new Failed("crashed the compiler (" + (exit.status() == null ? "no reply" : "exit status " + exit.status())
                + (err.isBlank() ? "" : ": " + firstLine(err)) + ")");
    }

    private void ensureStarted() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        kill();
        process = SandboxedProcess.start(sandbox, scratchRoot,
                scratch -> sandbox.compilerCommand(RuntimeBundle.get(), scratch, heapMegabytes, lifetimeSeconds, jvmFlags),
                "", MAX_REPLY_BYTES, Protocol::decodeReply, "javac");
        startedNanos = System.nanoTime();
        starts++;
    }

    private void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    /** The reason ("compilation … ") of a compiler whose output broke {@code bound}. */
    private static String overflow(SandboxedProcess.Bound bound) {
        return switch (bound) {
            case REPLY -> "produced a reply larger than " + (MAX_REPLY_BYTES >> 20) + " MB";
            case STDOUT -> "made the compiler write more than " + (SandboxedProcess.MAX_STRAY_BYTES >> 20)
                    + " MB of output";
            case STDERR -> "made the compiler write more than " + (SandboxedProcess.MAX_STRAY_BYTES >> 20)
                    + " MB of error output";
        };
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("no message");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
