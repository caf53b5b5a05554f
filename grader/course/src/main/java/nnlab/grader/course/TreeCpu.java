package nnlab.grader.course;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processor time of this JVM and of every process it started, directly or not, by kind: the benchmark's meter.
 * The kernel's children's times ({@code cutime}) cannot serve: a sandbox is ended by a kill, so its JVM is never reaped
 * by a process in this tree and its time never reaches this JVM's count (a batch of ps1 read 1.9 CPU-s per submission
 * that way, of about 6.5). So a daemon thread reads {@code /proc/PID/stat} of every descendant found so far every
 * {@link #PERIOD_MILLIS} ms, and looks for new descendants (a walk over every process of the host) every
 * {@link #WALK_EVERY} readings; each process counts its last reading of its own time (utime + stime, all its threads).
 * What a process spends after its last reading is lost, at most one period; a process that lives less than a walk's
 * interval may be missed. The meter's own thread is left out of this JVM's time.
 *
 * <p>At each walk it also counts the tree's threads that want a processor (state R: running or waiting for one), this
 * JVM's included: how many processors the batch could use at that moment whatever else loads the machine, so a
 * loaded machine still tells whether a quiet one's cores would sit idle.
 */
final class TreeCpu implements AutoCloseable {

    /** How often the descendants found are read: one {@code stat} each, well under 1 % of a processor. */
    static final long PERIOD_MILLIS = 50;
    /**
     * Readings between two walks over the host's processes for new descendants (every half second): a walk reads
     * every process's parent and cost 5–10 ms on a host of a few hundred processes.
     */
    static final int WALK_EVERY = 10;
    /** Linux's clock ticks per second in {@code /proc/PID/stat} (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100.0;
    /** Fields of {@code stat} after the command name (field 3 is index 0): utime, stime, starttime. */
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int STARTTIME = 19;

    /**
     * What a process is, told by its command line; the order is the order of the printout. A sandbox's launchers
     * ({@code timeout}, bubblewrap) carry the command they start, so they count with it.
     */
    enum Kind {
        BATCH("this JVM"), WORKER("grader workers"), COMPILER("compiler processes"), SUBMISSION("submission JVMs"),
        OTHER("the rest");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The kind of a descendant with command line {@code command} (arguments separated by NUL or spaces). */
        static Kind of(String command) {
            if (command.contains("nnlab.grader.runtime.Server")) {
                return SUBMISSION;
            }
            if (command.contains("nnlab.grader.runtime.CompileServer")) {
                return COMPILER;
            }
            return command.contains(ChildMain.class.getName()) ? WORKER : OTHER;
        }
    }

    private record Seen(Kind kind, long ticks) {
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final long ownBefore = ownNanos();
    private final Thread reader;
    private volatile List<ProcessHandle> members = List.of();
    private volatile long readerNanos;
    private volatile boolean stop;
    /** Walks that found this many threads wanting a processor (index 0, 1, 2, …; the last counts that many or more). */
    private final long[] wanting = new long[MOST_COUNTED + 1];
    /** Threads wanting a processor past which walks are counted together. */
    static final int MOST_COUNTED = 4;

    /** Starts reading this JVM's descendants now; this JVM's own time counts from now too. */
    TreeCpu() {
        reader = new Thread(() -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (long readings = 0; !stop; readings++) {
                look(readings % WALK_EVERY == 0);
                readerNanos = threads.getCurrentThreadCpuTime();
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "tree-cpu");
        reader.setDaemon(true);
        reader.start();
    }

    /** Reads every descendant found so far once, after looking for new ones when {@code walk}. */
    void look(boolean walk) {
        if (walk) {
            members = ProcessHandle.current().descendants().toList();
            // This thread is running as it reads: it is the meter's, not the batch's.
            int runnable = Math.max(0, runnableThreads(ProcessHandle.current().pid()) - 1);
            for (ProcessHandle p : members) {
                runnable += runnableThreads(p.pid());
            }
            synchronized (wanting) {
                wanting[Math.min(runnable, MOST_COUNTED)]++;
            }
        }
        members.forEach(p -> {
            // A handle knows its process's start, so a pid taken over by an unrelated process is not read.
            String[] stat = p.isAlive() ? stat(p.pid()) : null;
            if (stat == null) {
                return;
            }
            String key = p.pid() + "@" + stat[STARTTIME];
            long ticks = Long.parseLong(stat[UTIME]) + Long.parseLong(stat[STIME]);
            seen.compute(key, (k, before) -> new Seen(before != null ? before.kind() : Kind.of(commandLine(p.pid())),
                    Math.max(ticks, before == null ? 0 : before.ticks())));
        });
    }

    /** Stops reading and returns the processor seconds since this meter started, by kind, in {@link Kind}'s order. */
    Map<Kind, Double> stop() {
        stop = true;
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        look(true);
        Map<Kind, Double> seconds = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            seconds.put(kind, 0.0);
        }
        seconds.put(Kind.BATCH, (ownNanos() - ownBefore - readerNanos) / 1e9);
        seen.values().forEach(s -> seconds.merge(s.kind(), s.ticks() / TICKS_PER_SECOND, Double::sum));
        return seconds;
    }

    /**
     * Returns the share of walks so far that found 0, 1, 2, … threads of the tree wanting a processor (the last share
     * counts {@link #MOST_COUNTED} or more).
     */
    double[] wantingShares() {
        synchronized (wanting) {
            long walks = java.util.Arrays.stream(wanting).sum();
            return java.util.Arrays.stream(wanting).mapToDouble(n -> walks == 0 ? 0 : (double) n / walks).toArray();
        }
    }

    /**
     * Returns the share of the time {@code cores} processors would have been busy with the tree had nothing else
     * run: per walk, the threads wanting a processor, at most {@code cores}, over {@code cores}.
     */
    double busyShare(int cores) {
        double[] shares = wantingShares();
        double busy = 0;
        for (int n = 0; n < shares.length; n++) {
            busy += shares[n] * Math.min(n, cores) / cores;
        }
        return busy;
    }

    @Override
    public void close() {
        stop = true;
        reader.interrupt();
    }

    private static long ownNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The fields of {@code /proc/PID/stat} after the command name, or null when the process is gone. */
    private static String[] stat(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return f.length > STARTTIME ? f : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The threads of process {@code pid} in state R; 0 when it is gone. */
    private static int runnableThreads(long pid) {
        int runnable = 0;
        try (java.nio.file.DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String text = Files.readString(task.resolve("stat"));
                    if (text.charAt(text.lastIndexOf(')') + 2) == 'R') {
                        runnable++;
                    }
                } catch (IOException | RuntimeException e) {
                    // The thread ended while we looked: it wants nothing.
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended while we looked.
        }
        return runnable;
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
