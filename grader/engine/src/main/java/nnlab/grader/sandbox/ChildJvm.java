package nnlab.grader.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import nnlab.grader.Limits;
import nnlab.grader.StudentException;
import nnlab.grader.protocol.Protocol;
import nnlab.grader.protocol.Reply;
import nnlab.grader.protocol.Request;
import nnlab.grader.protocol.ValueType;

/**
 * The submission JVM seen from the grader: started lazily, one call at a time, replaced after a crash, a timeout
 * or a fatal error; calls into a method or class that keeps timing out stop being made (see {@link Breaker}). It runs
 * as a {@link SandboxedProcess}: its streams are read in fixed memory, and a child that floods them is stopped.
 * Replies are read only from lines that start with this run's secret; anything else on the child's stdout is stray
 * output. The grader enforces the per-call and per-submission limits by killing the child and all its descendants:
 * the limits count processor time of the child's whole process tree, read from outside ({@link ProcessCpu}), with
 * wall-clock backstops several times larger for code that sleeps or blocks; a call that the machine's load kept from
 * its processor is reported as overloaded, not as the student's (see {@link CallClock}).
 */
public final class ChildJvm implements Endpoint {

    private static final Logger LOG = Logger.getLogger(ChildJvm.class.getName());
    private static final int START_SECONDS = 30;
    private static final int STUDENT_OUTPUT_CHARS = 4096;
    private static final int SECRET_BYTES = 24;
    /**
     * The largest reply read; with the bounds of {@link SandboxedProcess} and 4 KB of printed output, the grader's
     * memory for one submission JVM is fixed.
     */
    static final int MAX_REPLY_BYTES = 4 << 20;
    /**
     * How often the grader reads the child's processor time while it waits: 10 times a second costs a few
     * milliseconds of the grader's time per second (one {@code stat} read per process and thread of the child), and
     * lets a call overrun its processor-time limit by at most a tenth of a second.
     */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Where the handout states the limits, for the messages of a call that broke one. */
    private static final String WHERE_TO_LOOK = " (the limits: \"Sandbox\" under \"How grading works\" in the handout)";
    /** Polls between two readings of the machine's load (once a second). */
    private static final int LOAD_EVERY_POLLS = 10;
    /**
     * The wall-clock backstop of one call, as a multiple of its processor-time limit: code that sleeps or blocks
     * fails after this long. Honest code needs a fraction of its processor limit, so on a machine loaded with
     * 6 × nproc busy processes (each in its own session: the submission JVM, in a session of its own, gets a
     * seventh of a processor or so) it still finishes well inside; a child that wanted the processor all along is
     * waited for {@link CallClock#OVERLOAD_PATIENCE} times longer before the machine is blamed.
     */
    static final int CALL_WALL_FACTOR = 5;
    /**
     * The wall-clock backstop of all calls of one submission, as a multiple of its processor-time budget: a whole
     * grading of honest code uses a few seconds of a budget of minutes (ps1: 4 s of 600 s), so even a heavily loaded
     * machine stays far inside; twice keeps what a submission that sleeps everywhere costs a batch bounded.
     */
    static final int SUBMISSION_WALL_FACTOR = 2;

    private final Sandbox sandbox;
    private final Limits limits;
    private final List<ValueType> valueTypes;
    private final Path classes;
    private final Path scratchRoot;
    private final List<String> jvmFlags;
    private final StringBuilder studentOutput = new StringBuilder();
    private final Breaker breaker = new Breaker();

    private SandboxedProcess<Reply> process;
    private int generation;
    private int starts;
    private long usedNanos;
    private long usedCpuNanos;
    private long lastCpu;
    private long maxCallCpuNanos;
    private long maxCallNanos;
    private long polls;
    /** The current JVM's process tree, kept for its life so that the host's processes are walked once a second. */
    private ProcessCpu.Tree tree;
    private final List<String> overloads = new ArrayList<>();
    private final MachineLoad load = new MachineLoad();
    private boolean studentOutputTruncated;

    /**
     * Prepares (without starting) the JVM for the compiled submission in {@code classes}; each JVM gets its own
     * scratch folder under {@code scratchRoot}.
     */
    public ChildJvm(Sandbox sandbox, Limits limits, List<ValueType> valueTypes, Path classes, Path scratchRoot) {
        this.sandbox = sandbox;
        this.limits = limits;
        this.valueTypes = List.copyOf(valueTypes);
        this.classes = classes;
        this.scratchRoot = scratchRoot;
        this.jvmFlags = CdsArchive.SUBMISSION.flags(RuntimeBundle.get(), sandbox.javaHome());
    }

    /** Returns how many JVMs were started. */
    public int starts() {
        return starts;
    }

    /** Returns the wall time spent in calls and start-ups, in milliseconds. */
    public long usedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(usedNanos);
    }

    @Override
    public synchronized Reply.Answer exchange(Request request) {
        long cpuLeft = TimeUnit.SECONDS.toNanos(limits.perSubmissionSeconds()) - usedCpuNanos;
        long wallLeft = TimeUnit.SECONDS.toNanos(submissionWallSeconds(limits)) - usedNanos;
        if (cpuLeft <= 0) {
            throw new StudentException(StudentException.Kind.BUDGET, "", "not run: your submission used up its total"
                    + " limit of " + limits.perSubmissionSeconds() + " s of processor time in earlier tests", List.of());
        }
        if (wallLeft <= 0) {
            throw new StudentException(StudentException.Kind.BUDGET, "", "not run: your submission used up its total"
                    + " limit of " + submissionWallSeconds(limits) + " s of waiting (wall-clock time) in earlier tests",
                    List.of());
        }
        String type = String.valueOf(typeOf(request));
        String method = String.valueOf(memberOf(request));
        String tripped = breaker.tripped(type, method);
        if (tripped != null) {
            throw new StudentException(StudentException.Kind.TIMEOUT, "", tripped, List.of());
        }
        long begin = System.nanoTime();
        boolean overloaded = false;
        boolean fresh = process == null || !process.isAlive();
        long previous = lastCpu;
        long cpuBegin = fresh ? 0 : cpuNow();
        // What the JVM used between calls (threads the student's code left running) counts against the submission.
        usedCpuNanos += Math.max(0, cpuBegin - previous);
        try {
            ensureStarted();
            long callCpu = Math.min(TimeUnit.SECONDS.toNanos(limits.perCallSeconds()), cpuLeft);
            long callWall = Math.min(TimeUnit.SECONDS.toNanos(callWallSeconds(limits)), wallLeft);
            CallClock clock = new CallClock(callCpu, callWall);
            process.send(Protocol.encode(request) + "\n");
            long sent = System.nanoTime();
            long nextPoll = sent + POLL_NANOS;
            while (true) {
                SandboxedProcess.Delivery<Reply> reply = process.poll(nextPoll - System.nanoTime());
                if (System.nanoTime() >= nextPoll) {
                    nextPoll = System.nanoTime() + POLL_NANOS;
                    ProcessCpu.Sample sample = tree.sample();
                    if (sample.alive()) {
                        lastCpu = sample.cpuNanos();
                    }
                    if (++polls % LOAD_EVERY_POLLS == 0) {
                        load.sample();
                    }
                    CallClock.Verdict verdict = clock.observe(System.nanoTime() - sent, sample.cpuNanos() - cpuBegin,
                            sample.runnable());
                    if (verdict != CallClock.Verdict.RUNNING && reply == null) {
                        overloaded = verdict == CallClock.Verdict.OVERLOADED;
                        throw stopped(verdict, clock, callCpu < TimeUnit.SECONDS.toNanos(limits.perCallSeconds()),
                                callWall < TimeUnit.SECONDS.toNanos(callWallSeconds(limits)), type, method);
                    }
                }
                if (reply == null) {
                    continue;
                }
                if (reply instanceof SandboxedProcess.Ended<Reply>) {
                    throw died();
                }
                if (reply instanceof SandboxedProcess.Overflow<Reply> overflow) {
                    kill();
                    throw new StudentException(StudentException.Kind.CRASHED, "", overflow(overflow.bound()), List.of());
                }
                if (!(((SandboxedProcess.Frame<Reply>) reply).reply() instanceof Reply.Answer answer)
                        || answer.id() != request.id()) {
                    continue;
                }
                collectOutput(answer.output());
                if (answer instanceof Reply.Failed failed && failed.fatal()) {
                    kill();
                } else {
                    lastCpu = cpuNow();
                }
                return answer;
            }
        } catch (IOException e) {
            StudentException failure = died();
            kill();
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new StudentException(StudentException.Kind.CRASHED, "", "grading was interrupted", List.of());
        } finally {
            long wall = System.nanoTime() - begin;
            long cpu = Math.max(0, lastCpu - cpuBegin);
            if (!overloaded) {
                // A call the machine's load stretched is retried by the grader: its wait is not the student's.
                usedNanos += wall;
            }
            usedCpuNanos += cpu;
            maxCallCpuNanos = Math.max(maxCallCpuNanos, cpu);
            maxCallNanos = Math.max(maxCallNanos, wall);
        }
    }

    /**
     * The failure for a call the clock stopped ({@code verdict} is not RUNNING); {@code submissionCpu} and
     * {@code submissionWall} say whether the call's limit was what was left of the submission's.
     */
    private StudentException stopped(CallClock.Verdict verdict, CallClock clock, boolean submissionCpu,
                                     boolean submissionWall, String type, String method) {
        kill();
        String used = String.format(java.util.Locale.ROOT, "%.1f s", clock.cpuNanos() / 1e9);
        String waited = String.format(java.util.Locale.ROOT, "%.0f s", clock.wallNanos() / 1e9);
        switch (verdict) {
            case CPU_SPENT -> {
                if (submissionCpu) {
                    return new StudentException(StudentException.Kind.BUDGET, "", "your submission used more than its"
                            + " total limit of " + limits.perSubmissionSeconds() + " s of processor time (all its tests"
                            + " together); the JVM running your code was stopped", List.of());
                }
                String message = "your code used more than " + limits.perCallSeconds() + " s of processor time (all its"
                        + " threads together) in one call (an endless loop, or much too slow?); the JVM running it was"
                        + " stopped and restarted" + WHERE_TO_LOOK;
                breaker.timedOut(type, method, message);
                return new StudentException(StudentException.Kind.TIMEOUT, "", message, List.of());
            }
            case WAITED -> {
                if (submissionWall) {
                    return new StudentException(StudentException.Kind.BUDGET, "", "your submission waited (slept or"
                            + " blocked) past its total limit of " + submissionWallSeconds(limits) + " s of wall-clock"
                            + " time; the JVM running your code was stopped", List.of());
                }
                String message = "your code waited " + waited + " in one call without finishing, while using only "
                        + used + " of processor time: it sleeps, waits for a lock, a thread or input that never comes"
                        + " (the limit for waiting is " + callWallSeconds(limits) + " s); the JVM running it was stopped"
                        + " and restarted" + WHERE_TO_LOOK;
                breaker.timedOut(type, method, message);
                return new StudentException(StudentException.Kind.TIMEOUT, "", message, List.of());
            }
            default -> {
                MachineLoad.Reading now = load.sample();
                String reason = "a call waited " + waited + " and got only " + used + " of processor time, while the"
                        + " code wanted a processor in " + Math.round(100 * clock.runnableShare()) + " % of the polls ("
                        + now.describe() + ")";
                overloads.add(reason);
                LOG.warning("machine overloaded: " + reason);
                return new StudentException(StudentException.Kind.OVERLOADED, "", "the grading machine was too busy"
                        + " to finish this call (" + reason + "): not your code's fault; the test is graded again",
                        List.of());
            }
        }
    }

    /** Returns the wall-clock backstop of one call, {@link #CALL_WALL_FACTOR} times its processor-time limit. */
    public static int callWallSeconds(Limits limits) {
        return limits.perCallSeconds() * CALL_WALL_FACTOR;
    }

    /** Returns the wall-clock backstop of a whole submission's calls, {@link #SUBMISSION_WALL_FACTOR} times its budget. */
    public static int submissionWallSeconds(Limits limits) {
        return limits.perSubmissionSeconds() * SUBMISSION_WALL_FACTOR;
    }

    /**
     * Returns the longest wall time one submission's calls can take: every call's waiting within
     * {@link #submissionWallSeconds}, plus one last call that the machine's load stretches until it counts as
     * overloaded (whose wait is not counted), plus a JVM start for each.
     */
    public static long longestWallSeconds(Limits limits) {
        return submissionWallSeconds(limits) + (long) CallClock.OVERLOAD_PATIENCE * callWallSeconds(limits)
                + 2L * START_SECONDS;
    }

    /**
     * Returns the processor time of the current JVM's tree (its members as last found: see {@link ProcessCpu.Tree#cpu}),
     * or what was last seen when it is gone.
     */
    private long cpuNow() {
        if (process != null && tree != null) {
            ProcessCpu.Sample sample = tree.cpu();
            if (sample.alive()) {
                lastCpu = sample.cpuNanos();
            }
        }
        return lastCpu;
    }

    /** Returns the processor time used by the submission's calls so far, in milliseconds. */
    public synchronized long usedCpuMillis() {
        return TimeUnit.NANOSECONDS.toMillis(usedCpuNanos);
    }

    /** Returns the most processor time one call used, in milliseconds. */
    public synchronized long maxCallCpuMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxCallCpuNanos);
    }

    /** Returns the longest wall time one call took, in milliseconds. */
    public synchronized long maxCallMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxCallNanos);
    }

    /**
     * Returns why each call so far was stopped as overloaded (the machine's fault, not the code's), oldest first; the
     * grader grades the test of such a call again in a fresh JVM.
     */
    public synchronized List<String> overloads() {
        return List.copyOf(overloads);
    }

    /** Returns the machine's load as this JVM's calls saw it. */
    public MachineLoad load() {
        return load;
    }

    /**
     * Starts the JVM ahead of the first call, e.g. while the submission compiles; its classes are loaded only on the
     * first call, so the classes folder may still be filling. A failure here is left for the first call to report.
     */
    public synchronized void prestart() {
        try {
            ensureStarted();
        } catch (IOException | RuntimeException e) {
            LOG.fine("early start failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized int generation() {
        return generation;
    }

    @Override
    public synchronized String drainOutput() {
        String s = studentOutput.toString() + (studentOutputTruncated ? "\n… (output truncated)" : "");
        studentOutput.setLength(0);
        studentOutputTruncated = false;
        return s;
    }

    @Override
    public synchronized void recycle() {
        kill();
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.close();
        process = null;
    }

    private void collectOutput(Reply.Output output) {
        appendOutput(output.out());
        appendOutput(output.err());
        if (output.truncated()) {
            studentOutputTruncated = true;
        }
    }

    private void appendOutput(String text) {
        int room = STUDENT_OUTPUT_CHARS - studentOutput.length();
        if (text.length() > room) {
            studentOutputTruncated = true;
        }
        studentOutput.append(text, 0, Math.max(0, Math.min(room, text.length())));
    }

    private void ensureStarted() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        if (process != null) {
            kill();
        }
        // No cap on restarts: starting counts against the per-submission budget, which alone ends a crash loop, so a
        // method that kills the JVM on every call costs only the tests that call it.
        starts++;
        generation++;
        lastCpu = 0;
        tree = null;
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(SECRET_BYTES));
        process = SandboxedProcess.start(sandbox, scratchRoot,
                scratch -> sandbox.command(RuntimeBundle.get(), classes, scratch, limits, jvmFlags),
                secret + " ", MAX_REPLY_BYTES, Protocol::decodeReply, "submission");
        tree = new ProcessCpu.Tree(process.handle(), process.uid());
        process.send(secret + "\n" + Protocol.encode(new Request.Init(0, valueTypes)) + "\n");
        SandboxedProcess.Delivery<Reply> ready = process.poll(TimeUnit.SECONDS.toNanos(START_SECONDS));
        if (!(ready instanceof SandboxedProcess.Frame<Reply> frame && frame.reply() instanceof Reply.Ready)) {
            // Let the stderr drain catch up with a JVM that exited at once, so the message says why.
            List<String> command = process.command();
            String err = process.diagnose().stderr();
            process = null;
            throw new IllegalStateException("the submission JVM did not start: " + err + " (command: " + command + ")");
        }
    }

    /** The class a request calls into, for the {@link Breaker}; {@code null} for a reset. */
    private static String typeOf(Request request) {
        if (request instanceof Request.Invocation invocation) {
            return invocation.type();
        }
        return request instanceof Request.Constant constant ? constant.type() : null;
    }

    /** The member a request calls ("&lt;init&gt;" for a constructor), for the {@link Breaker}; {@code null} for a reset. */
    private static String memberOf(Request request) {
        if (request instanceof Request.Construct) {
            return "<init>";
        }
        if (request instanceof Request.CallStatic call) {
            return call.method();
        }
        if (request instanceof Request.CallMethod call) {
            return call.method();
        }
        return request instanceof Request.Constant constant ? constant.name() : null;
    }

    private StudentException died() {
        SandboxedProcess.Exit exit = process == null ? new SandboxedProcess.Exit(null, "") : process.diagnose();
        process = null;
        String err = exit.stderr();
        String message;
        if (exit.outOfMemory()) {
            message = "your code ran out of memory (the heap limit is " + limits.heapMegabytes() + " MB); the JVM was restarted";
        } else if (exit.killedBySignal()) {
            message = "the JVM running your code was killed by signal "
                    + (exit.status() - SandboxedProcess.SIGNAL_EXIT_BASE) + " (a resource limit: CPU time,"
                    + " memory, processes or file size); it was restarted";
        } else if (exit.status() != null) {
            message = "your code ended the JVM with exit status " + exit.status() + " (System.exit or Runtime.halt?) — never call"
                    + " them in graded code; the JVM was restarted";
        } else {
            message = "the JVM running your code stopped answering (did your code close System.out or read System.in?);"
                    + " it was restarted";
        }
        LOG.fine(() -> "submission JVM died: " + err);
        return new StudentException(StudentException.Kind.CRASHED, "", message, List.of());
    }

    private void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    /** The failure message of a child that broke {@code bound}. */
    private static String overflow(SandboxedProcess.Bound bound) {
        return switch (bound) {
            case REPLY -> "a reply larger than " + (MAX_REPLY_BYTES >> 20) + " MB";
            case STDOUT -> flood("standard output");
            case STDERR -> flood("standard error");
        };
    }

    private static String flood(String stream) {
        return "your code printed more than " + (SandboxedProcess.MAX_STRAY_BYTES >> 20) + " MB straight to the "
                + stream + " file descriptor, past System.out and System.err (which keep what a report can show and"
                + " drop the rest); the JVM running it was stopped and restarted";
    }
}
