package nnlab.grader.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Clears what student code can leave behind in the submission JVM between two graded tests, outside its own classes
 * (those get a fresh class loader): the threads it started, the files it wrote to the working and temporary folders,
 * System properties, the default locale and time zone. {@link #getAsBoolean} answers whether the JVM is clean
 * afterwards; when a thread the student started survives an interrupt, it is not, and the grader replaces the JVM.
 *
 * <p>Reset means every file: every file, folder or link in those folders, at any depth, that was not there when this
 * boundary was taken (before any student code ran) is deleted, inside folders that were there too. What was there
 * stays — the runtime's read-only folder in a private /tmp and, when the JVM keeps performance data (the sandbox runs
 * it with {@code -XX:-UsePerfData}, so it has none), its own {@code /tmp/hsperfdata_<user>/<pid>}, which HotSpot
 * creates at start-up: that file is kept because it is this JVM's, by its pid, taken before student code ran. No name
 * is spared: a file a student names {@code hsperfdata_x}, or writes into {@code hsperfdata_<user>/} beside the JVM's
 * file, or under the JVM's own file name when the JVM made none, is deleted like any other.
 *
 * <p>This is the in-JVM half of test isolation. It cannot close every channel a determined student has inside one
 * JVM (JDK-wide registries, reflection into this runtime), so the grader also runs visible, after-due-date and hidden
 * tests in separate JVMs, in that order: whatever survives inside a JVM only ever reaches tests at least as secret.
 */
final class TestBoundary implements BooleanSupplier {

    /** How long threads the student started get to end after an interrupt, in all. */
    private static final long GRACE_MILLIS = 200;

    private final Set<Thread> baseline;
    private final Properties properties;
    private final Locale locale;
    private final TimeZone timeZone;
    private final List<Path> folders;
    /**
     * Everything the folders held, at any depth, before student code ran: the runtime's own (e.g. its read-only folder
     * in /tmp) and the JVM's own performance file, if it keeps one.
     */
    private final Set<Path> preexisting;

    /** Takes the JVM's state now (before any student code ran) as the state to return to at each boundary. */
    TestBoundary() {
        this.baseline = Set.copyOf(Thread.getAllStackTraces().keySet());
        this.properties = (Properties) System.getProperties().clone();
        this.locale = Locale.getDefault();
        this.timeZone = TimeZone.getDefault();
        List<Path> f = new ArrayList<>();
        f.add(Path.of("").toAbsolutePath());
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        if (!f.contains(tmp)) {
            f.add(tmp);
        }
        this.folders = List.copyOf(f);
        Set<Path> before = new java.util.HashSet<>();
        for (Path folder : folders) {
            try (Stream<Path> entries = Files.walk(folder)) {
                entries.forEach(before::add);
            } catch (IOException | RuntimeException e) {
                // Nothing listed, nothing to keep.
            }
        }
        this.preexisting = Set.copyOf(before);
    }

    /**
     * Resets the JVM-wide state; returns {@code false} when a thread the student started is still running or a file
     * it wrote could not be deleted.
     */
    @Override
    public boolean getAsBoolean() {
        boolean clean = stopThreads();
        System.setProperties((Properties) properties.clone());
        Locale.setDefault(locale);
        TimeZone.setDefault(timeZone);
        for (Path folder : folders) {
            clean &= empty(folder);
        }
        return clean;
    }

    private boolean stopThreads() {
        List<Thread> started = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != Thread.currentThread() && !baseline.contains(t) && t.isAlive()) {
                started.add(t);
            }
        }
        if (started.isEmpty()) {
            return true;
        }
        started.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        // Idle workers of the common pool run no student code once it is quiescent; they are the JDK's, and stay.
        boolean poolIdle = ForkJoinPool.commonPool().awaitQuiescence(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        boolean clean = true;
        for (Thread t : started) {
            if (poolIdle && t instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool()) {
                continue;
            }
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            clean &= !t.isAlive();
        }
        return clean;
    }

    /**
     * Deletes everything under {@code folder} that was not there before student code ran, never following a link the
     * student made (see {@link FileTrees}); false if something stays.
     */
    private boolean empty(Path folder) {
        if (!Files.isDirectory(folder)) {
            return true;
        }
        try {
            FileTrees.delete(folder, preexisting::contains);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
