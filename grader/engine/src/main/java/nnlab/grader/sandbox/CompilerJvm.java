package nnlab.grader.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nnlab.grader.runtime.Json;

/**
 * A compiler process seen from the grader: {@code javac} in its own sandboxed JVM, fed one compilation at a time
 * over stdin and answering on stdout. It is started on the first compilation, kept for the next ones, and replaced
 * after any failure (a timeout, a crash, a memory breach), so it can be kept warm across submissions. Its replies are
 * read with a bounded buffer: the grader holds at most {@link #MAX_REPLY_BYTES} of a reply.
 */
public final class CompilerJvm implements AutoCloseable {

    /** A compiler error (or a file's failure) as javac reported it. */
    public record Diagnostic(String file, long line, String message) {
    }

    /** What one compilation came to. */
    public sealed interface Outcome permits Done, Failed, Overloaded {
    }

    /** javac finished: whether it succeeded, its errors and the class files (path under the classes folder → bytes). */
    public record Done(boolean success, List<Diagnostic> diagnostics, Map<String, byte[]> classes) implements Outcome {
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
    private static final Object EOF = new Object();
    private static final int STDERR_CHARS = 4096;
    private static final int EXIT_WAIT_SECONDS = 2;
    private static final Pattern EXCEPTION = Pattern.compile("(?:java|javax|com\\.sun)\\.[\\w.$]*\\.(\\w+(?:Error|Exception))");

    private final Sandbox sandbox;
    private final int heapMegabytes;
    private final int lifetimeSeconds;
    private final Path scratchRoot;
    private Process process;
    private OutputStream stdin;
    private BlockingQueue<Object> replies;
    private StringBuilder stderr;
    private long nextId;
    private long startedNanos;
    private int starts;
    private long usedCpuNanos;
    private OptionalLong uid = OptionalLong.empty();
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
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("id", id);
            request.put("units", units);
            stdin.write((Json.write(request) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            long sent = System.nanoTime();
            long nextPoll = sent + POLL_NANOS;
            ProcessCpu.Tree tree = new ProcessCpu.Tree(process.toHandle(), uid);
            while (true) {
                Object reply = replies.poll(Math.max(0, nextPoll - System.nanoTime()), TimeUnit.NANOSECONDS);
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
                if (reply == EOF) {
                    return died();
                }
                if (reply instanceof String tooLong) {
                    kill();
                    return new Failed(tooLong);
                }
                Map<?, ?> map = (Map<?, ?>) reply;
                if (String.valueOf(id).equals(String.valueOf(map.get("id")))) {
                    // A pass that replied between two polls may still have spent more than its budget: the budget is
                    // the limit, not the poll that happens to notice it.
                    if (cpuNow() - cpuBegin > cpuNanos) {
                        kill();
                        return new Failed("exceeded the time limit");
                    }
                    return outcome(map);
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
        Process p = process;
        return p == null ? 0 : ProcessCpu.sample(p.toHandle(), uid).cpuNanos();
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
        if (!ProcessEnds.endGently(process, stdin)) {
            kill();
        }
        process = null;
    }

    private Outcome outcome(Map<?, ?> reply) {
        if (!"done".equals(reply.get("status"))) {
            kill();
            return new Failed(crashReason(String.valueOf(reply.get("reason"))));
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Object o : (List<?>) reply.get("diagnostics")) {
            Map<?, ?> d = (Map<?, ?>) o;
            diagnostics.add(new Diagnostic(String.valueOf(d.get("file")), ((Number) d.get("line")).longValue(),
                    String.valueOf(d.get("message"))));
        }
        boolean success = Boolean.TRUE.equals(reply.get("success"));
        if (!success && diagnostics.isEmpty()) {
            // javac reports a StackOverflowError or OutOfMemoryError of its own only on its log: a failure, not a pass.
            kill();
            return new Failed(crashReason(String.valueOf(reply.get("log"))));
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        ((Map<?, ?>) reply.get("classes")).forEach((name, bytes) ->
                classes.put((String) name, Base64.getDecoder().decode((String) bytes)));
        return new Done(success, diagnostics, classes);
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
        Process p = process;
        Integer exit = null;
        try {
            if (p != null && p.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                exit = p.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String err;
        synchronized (stderr) {
            err = stderr.toString();
        }
        kill();
        LOG.fine(() -> "compiler process died: " + err);
        if (err.contains("OutOfMemoryError") || err.contains("Cannot allocate memory") || (exit != null && exit > 128)) {
            return new Failed("ran out of memory or another resource limit (the compiler's heap limit is "
                    + heapMegabytes + " MB)");
        }
        return new Failed("crashed the compiler (" + (exit == null ? "no reply" : "exit status " + exit)
                + (err.isBlank() ? "" : ": " + firstLine(err)) + ")");
    }

    private void ensureStarted() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        kill();
        Path scratch = Files.createTempDirectory(scratchRoot, "javac");
        if (sandbox.switchesUser()) {
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        List<String> command = sandbox.compilerCommand(RuntimeBundle.get(), scratch, heapMegabytes, lifetimeSeconds);
        uid = Sandbox.uidOf(command);
        ProcessBuilder pb = new ProcessBuilder(command).directory(scratch.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("LANG", "C.UTF-8");
        process = pb.start();
        startedNanos = System.nanoTime();
        starts++;
        stdin = process.getOutputStream();
        replies = new LinkedBlockingQueue<>();
        stderr = new StringBuilder();
        startReader(process, replies);
        startDrain(process.getErrorStream(), stderr);
    }

    private void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        ProcessEnds.destroy(p);
        process = null;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("no message");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static void startReader(Process process, BlockingQueue<Object> replies) {
        Thread t = new Thread(() -> {
            // The compiler answers one request at a time, so at most one reply waits in the queue.
            BoundedLines lines = new BoundedLines(process.getInputStream(), "", MAX_REPLY_BYTES, Long.MAX_VALUE);
            try {
                for (BoundedLines.Event e = lines.next(); e != null; e = lines.next()) {
                    if (e instanceof BoundedLines.Kept kept) {
                        try {
                            replies.add(Json.read(kept.text()));
                        } catch (IllegalArgumentException bad) {
                            LOG.fine("unreadable line from the compiler process");
                        }
                    } else if (e instanceof BoundedLines.TooLong tooLong) {
                        replies.add("produced a reply larger than " + (MAX_REPLY_BYTES >> 20) + " MB");
                    }
                }
            } catch (IOException e) {
                LOG.fine("compiler stdout closed: " + e);
            } finally {
                replies.add(EOF);
            }
        }, "compiler-stdout");
        t.setDaemon(true);
        t.start();
    }

    private static void startDrain(InputStream in, StringBuilder sink) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (sink) {
                        if (sink.length() < STDERR_CHARS) {
                            sink.append(new String(buffer, 0, Math.min(n, STDERR_CHARS - sink.length()), StandardCharsets.UTF_8));
                        }
                    }
                }
            } catch (IOException e) {
                LOG.fine("compiler stderr closed: " + e);
            }
        }, "compiler-stderr");
        t.setDaemon(true);
        t.start();
    }
}
