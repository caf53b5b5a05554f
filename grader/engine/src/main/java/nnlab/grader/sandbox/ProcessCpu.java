package nnlab.grader.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The processor time of a child process and everything it started, as the kernel counts it and the grader reads it
 * from outside, in {@code /proc}: never a figure the child reports about itself, which its code could forge.
 *
 * <p>The tree is the child (the sandbox's outermost launcher) and its descendants, bubblewrap's pid namespace included
 * (its processes have host pids and host parents), plus, when the sandbox gives the child a uid of its own, every
 * process of that uid (a process whose parent died is re-parented outside the tree). Per process it counts
 * {@code utime + stime} (every thread, the ended ones too) and {@code cutime + cstime} (its children that ended and
 * were reaped: inside bubblewrap every orphan is reaped by the namespace's init, which is in the tree). The CPU of a
 * process between the last poll and its end is lost only if nothing in the tree reaps it.
 *
 * <p>{@code /proc/PID/schedstat} is not used: it reads 0 where the kernel's schedstats are off.
 */
public final class ProcessCpu {

    /** The kernel's clock ticks per second in {@code /proc/PID/stat}: USER_HZ, 100 on every Linux ABI the JDK runs on. */
    static final long TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;
    private static final Path PROC = Path.of("/proc");

    /** Fields of {@code /proc/PID/stat} after the command name's closing parenthesis (field 3 is index 0). */
    private static final int STATE = 0;
    private static final int UTIME = 11;
    private static final int CSTIME = 14;

    /**
     * What one look at the tree found.
     *
     * @param cpuNanos processor time of the whole tree so far
     * @param runnable whether some thread of the tree was runnable (state R: running or waiting for a processor)
     * @param alive    whether the tree's root still existed
     */
    public record Sample(long cpuNanos, boolean runnable, boolean alive) {
    }

    private ProcessCpu() {
    }

    /** Returns whether this host has {@code /proc} as Linux lays it out, so that the figures mean anything. */
    public static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat"));
    }

    /**
     * Looks once at {@code root}, its descendants and (when {@code uid} is present) every process of that uid. Lists
     * every process of the host: for repeated looks, use a {@link Tree}.
     */
    public static Sample sample(ProcessHandle root, OptionalLong uid) {
        return new Tree(root, uid).sample();
    }

    /**
     * One child's process tree, looked at again and again while the grader waits for it. The members are found again
     * (a walk over every process of the host) only every {@link #RESCAN_EVERY} looks; in between a look reads one
     * {@code stat} per member process and per thread. Measured: 0.66 ms of the grader's processor time a look, walks
     * included, for a 19-thread JVM on a host of 120 processes (3.2 ms with a walk every look), so under 1 % of a
     * processor at 10 looks a second. A process started and ended between two walks is counted by its parent's
     * {@code cutime} once reaped.
     */
    public static final class Tree {
        /** Looks between two walks over the host's processes (once a second at the grader's 10 polls a second). */
        static final int RESCAN_EVERY = 10;

        private final ProcessHandle root;
        private final OptionalLong uid;
        private List<Long> pids = List.of();
        private int looks;

        /** The tree of {@code root} plus, when {@code uid} is present, every process of that uid. */
        public Tree(ProcessHandle root, OptionalLong uid) {
            this.root = root;
            this.uid = uid;
        }

        /** Looks at the tree once: its processor time and whether a thread is runnable. */
        public Sample sample() {
            if (looks++ % RESCAN_EVERY == 0) {
                pids = members();
            }
            return read(true);
        }

        /**
         * Returns the processor time of the members found so far, without looking for new ones or at threads: one
         * {@code stat} read per process, for the readings before and after every call, which must cost nothing next to
         * a call of a few microseconds. A process the next walk finds counts from then on, all its time included.
         */
        public Sample cpu() {
            if (pids.isEmpty()) {
                pids = members();
            }
            return read(false);
        }

        private Sample read(boolean states) {
            long ticks = 0;
            boolean runnable = false;
            boolean alive = false;
            for (long pid : pids) {
                String[] stat = fields(PROC.resolve(pid + "/stat"));
                if (stat == null) {
                    continue;
                }
                alive |= pid == root.pid();
                for (int i = UTIME; i <= CSTIME; i++) {
                    ticks += Long.parseLong(stat[i]);
                }
                runnable = runnable || states && anyThreadRunnable(pid);
            }
            return new Sample(ticks * NANOS_PER_TICK, runnable, alive);
        }

        private List<Long> members() {
            List<Long> found = new ArrayList<>();
            found.add(root.pid());
            root.descendants().forEach(p -> found.add(p.pid()));
            if (uid.isPresent()) {
                pidsOf(uid.getAsLong(), found);
            }
            return found;
        }
    }

    /** Returns the fields of a {@code stat} file after the command name, or null when it is gone. */
    static String[] fields(Path stat) {
        String text;
        try {
            text = Files.readString(stat);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return parse(text);
    }

    /** Returns the fields after the command name (which may hold spaces and parentheses) of one {@code stat} line. */
    static String[] parse(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] f = statLine.substring(close + 1).trim().split(" ");
        return f.length > CSTIME ? f : null;
    }

    private static boolean anyThreadRunnable(long pid) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(pid + "/task"))) {
            for (Path task : tasks) {
                String[] stat = fields(task.resolve("stat"));
                if (stat != null && "R".equals(stat[STATE])) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended while we looked: it wants no processor.
        }
        return false;
    }

    /** Adds every process owned by {@code uid} that is not yet in {@code pids}. */
    private static void pidsOf(long uid, List<Long> pids) {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(PROC, p -> Character.isDigit(p.getFileName().toString().charAt(0)))) {
            for (Path p : all) {
                try {
                    long pid = Long.parseLong(p.getFileName().toString());
                    if (Files.getAttribute(p, "unix:uid") instanceof Integer u && u == uid && !pids.contains(pid)) {
                        pids.add(pid);
                    }
                } catch (IOException | RuntimeException e) {
                    // It ended while we listed: its parent's cutime has it, if the parent is ours.
                }
            }
        } catch (IOException e) {
            // No /proc to list: the tree alone counts.
        }
    }
}
