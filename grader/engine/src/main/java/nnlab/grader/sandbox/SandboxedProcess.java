package nnlab.grader.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

import nnlab.grader.runtime.FileTrees;

/**
 * One child process of the grader (a submission JVM, a compiler) behind the sandbox's layers, read in fixed memory:
 * replies are the stdout lines that start with a prefix, decoded on a reader thread and handed over through a queue of
 * at most {@link #QUEUED_REPLIES}, so a child that replies faster than the grader reads is slowed down, not buffered;
 * a reply longer than its limit, or more than {@link #MAX_STRAY_BYTES} of anything else on stdout or of stderr, is
 * delivered as an {@link Overflow} in the replies' place. Of stderr the first {@link #STDERR_CHARS} are kept to say why
 * a child died. Ending it, gently or not, ends its whole process tree and deletes its working folder.
 *
 * @param <R> what a reply line decodes to
 */
final class SandboxedProcess<R> implements AutoCloseable {

    /** What the grader receives from the child, in order. */
    sealed interface Delivery<R> permits Frame, Overflow, Ended {
    }

    /** A reply, decoded. */
    record Frame<R>(R reply) implements Delivery<R> {
    }

    /** The child broke a bound of the grader's memory on {@code stream}; the caller ends it. */
    record Overflow<R>(Bound bound) implements Delivery<R> {
    }

    /** The child's stdout closed: it exited, or closed it; nothing follows. */
    record Ended<R>() implements Delivery<R> {
    }

    /** Which bound a child broke. */
    enum Bound {
        /** One reply longer than the caller's limit. */
        REPLY,
        /** More than {@link #MAX_STRAY_BYTES} on stdout outside replies. */
        STDOUT,
        /** More than {@link #MAX_STRAY_BYTES} on stderr. */
        STDERR
    }

    /** How a child that stopped answering ended: its exit status, if it exited, and the start of its stderr. */
    record Exit(Integer status, String stderr) {
        /** Returns whether a signal (a resource limit, or the grader) ended it. */
        boolean killedBySignal() {
            return status != null && status > SIGNAL_EXIT_BASE;
        }

        /** Returns whether it reported running out of heap. */
        boolean outOfMemory() {
            return stderr.contains("OutOfMemoryError");
        }
    }

    /**
     * The grader's memory for one child's streams is fixed: a 64 KB and an 8 KB read buffer, at most
     * {@code QUEUED_REPLIES + 1} replies of at most the caller's limit each, and {@link #STDERR_CHARS} of stderr.
     */
    static final int QUEUED_REPLIES = 2;
    /**
     * Raw bytes (not replies) a child may write to fd 1, and bytes it may write to fd 2, before it is stopped: far more
     * than any JVM message, enough for code that forges a few MB of protocol lines to be graded on its answers.
     */
    static final long MAX_STRAY_BYTES = 16L << 20;
    /** How much of stderr is kept, for the message of a child that died. */
    static final int STDERR_CHARS = 4096;
    /** Exit statuses above this are 128 + the number of the signal that ended the process. */
    static final int SIGNAL_EXIT_BASE = 128;

    private static final Logger LOG = Logger.getLogger(SandboxedProcess.class.getName());
    private static final int DRAIN_BUFFER_BYTES = 8192;
    private static final long DELIVER_WAIT_MILLIS = 200;
    /** How long a child that stopped answering gets to exit, so that its status can be read. */
    private static final int EXIT_WAIT_SECONDS = 2;
    /** How long the stderr drain gets to read what a child that exited wrote last. */
    private static final long DRAIN_CATCH_UP_MILLIS = 100;

    private final Process process;
    private final List<String> command;
    private final OptionalLong uid;
    private final Path scratch;
    private final OutputStream stdin;
    private final BlockingQueue<Delivery<R>> replies = new LinkedBlockingQueue<>(QUEUED_REPLIES);
    private final StringBuilder stderr = new StringBuilder();
    private Thread drain;

    private SandboxedProcess(Process process, List<String> command, Path scratch) {
        this.process = process;
        this.command = List.copyOf(command);
        this.uid = Sandbox.uidOf(command);
        this.scratch = scratch;
        this.stdin = process.getOutputStream();
    }

    /**
     * Starts the child that {@code command} builds for a fresh working folder under {@code scratchRoot} (open to the
     * sandbox's user where it switches users), with an empty environment but for {@code PATH} and {@code LANG}.
     * Stdout lines that start with {@code replyPrefix} are replies of at most {@code maxReplyBytes} after it, turned
     * into {@code R} by {@code decode} (a line it rejects with an {@link IllegalArgumentException} is dropped);
     * {@code name} names the reading threads.
     */
    static <R> SandboxedProcess<R> start(Sandbox sandbox, Path scratchRoot, Function<Path, List<String>> command,
                                         String replyPrefix, int maxReplyBytes, Function<String, R> decode,
                                         String name) throws IOException {
        Path scratch = Files.createTempDirectory(scratchRoot, name);
        if (sandbox.switchesUser()) {
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        List<String> line = command.apply(scratch);
        ProcessBuilder pb = new ProcessBuilder(line).directory(scratch.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("LANG", "C.UTF-8");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            deleteBestEffort(scratch);
            throw e;
        }
        SandboxedProcess<R> child = new SandboxedProcess<>(process, line, scratch);
        child.startReader(replyPrefix, maxReplyBytes, decode, name);
        child.startDrain(name);
        return child;
    }

    /** Returns the child's process, to read its processor time from outside (see {@link ProcessCpu}). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Returns the command line that started the child, for messages. */
    List<String> command() {
        return command;
    }

    /** Returns the user id the child runs as, where the sandbox switches users. */
    OptionalLong uid() {
        return uid;
    }

    /** Returns whether the child is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Writes {@code text} (one or more lines) to the child's stdin and flushes it. */
    void send(String text) throws IOException {
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Returns the next delivery, waiting at most {@code nanos}; {@code null} when none came in time. */
    Delivery<R> poll(long nanos) throws InterruptedException {
        return replies.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Returns how many deliveries wait to be polled (never more than {@link #QUEUED_REPLIES}). */
    int queued() {
        return replies.size();
    }

    /** Returns the start of what the child wrote to stderr so far. */
    String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /**
     * Waits briefly for a child that stopped answering to exit and returns how it ended, then ends it for good; the
     * stderr is read after the wait, so it holds what the child said as it died.
     */
    Exit diagnose() {
        Integer status = null;
        try {
            if (process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                status = process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            // Let the drain catch up with a child that exited, so its last words are read.
            drain.join(DRAIN_CATCH_UP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Exit exit = new Exit(status, stderr());
        kill();
        return exit;
    }

    /** Destroys the child and all its descendants and deletes its working folder. */
    void kill() {
        ProcessEnds.destroy(process);
        // Where the working folder is shared (no private /tmp), the next child could read it next door.
        deleteBestEffort(scratch);
    }

    /** Ends the child by closing its stdin, which it answers by exiting, or else by {@link #kill()}. */
    @Override
    public void close() {
        if (!ProcessEnds.endGently(process, stdin)) {
            ProcessEnds.destroy(process);
        }
        deleteBestEffort(scratch);
    }

    private void startReader(String prefix, int maxReplyBytes, Function<String, R> decode, String name) {
        Thread t = new Thread(() -> {
            BoundedLines lines = new BoundedLines(process.getInputStream(), prefix, maxReplyBytes, MAX_STRAY_BYTES);
            try {
                for (BoundedLines.Event e = lines.next(); e != null; e = lines.next()) {
                    if (e instanceof BoundedLines.Kept kept) {
                        R reply;
                        try {
                            reply = decode.apply(kept.text());
                        } catch (IllegalArgumentException bad) {
                            LOG.fine(() -> "unreadable reply from the " + name + " process: " + bad.getMessage());
                            continue;
                        }
                        deliver(new Frame<>(reply));
                    } else if (e instanceof BoundedLines.TooLong) {
                        deliver(new Overflow<>(Bound.REPLY));
                    } else if (e instanceof BoundedLines.Flood) {
                        deliver(new Overflow<>(Bound.STDOUT));
                    }
                }
            } catch (IOException e) {
                LOG.fine(() -> name + " stdout closed: " + e);
            } finally {
                deliver(new Ended<>());
            }
        }, name + "-stdout");
        t.setDaemon(true);
        t.start();
    }

    private void startDrain(String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[DRAIN_BUFFER_BYTES];
            long total = 0;
            try (InputStream in = process.getErrorStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (stderr) {
                        if (stderr.length() < STDERR_CHARS) {
                            stderr.append(new String(buffer, 0, Math.min(n, STDERR_CHARS - stderr.length()),
                                    StandardCharsets.UTF_8));
                        }
                    }
                    long before = total;
                    total += n;
                    if (before <= MAX_STRAY_BYTES && total > MAX_STRAY_BYTES) {
                        deliver(new Overflow<>(Bound.STDERR));
                    }
                }
            } catch (IOException e) {
                LOG.fine(() -> name + " stderr closed: " + e);
            }
        }, name + "-stderr");
        t.setDaemon(true);
        t.start();
        drain = t;
    }

    /**
     * Hands {@code item} to the waiting caller, waiting while the queue is full (a child that floods the grader with
     * replies is slowed down, not buffered), and giving up once the child is gone and nobody takes it.
     */
    private void deliver(Delivery<R> item) {
        try {
            while (!replies.offer(item, DELIVER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive()) {
                    replies.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteBestEffort(Path folder) {
        try {
            FileTrees.delete(folder);
        } catch (IOException | RuntimeException e) {
            LOG.fine("working folder left behind: " + e);
        }
    }
}
