package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The benchmark's meter counts what a batch's processes spend, the killed sandboxes included. */
class TreeCpuTests {

    /** Processor time the orphaned grandchild spends before it is killed, in clock ticks (0.3 s). */
    private static final long BURNED_TICKS = 30;
    private static final long PATIENCE_SECONDS = 120;

    @Nested
    class AProcessKilledBeforeAnyoneReapsIt {
        /**
         * A grandchild whose parent is killed first is re-parented outside this JVM's tree and never reaped by it, as a
         * sandbox's JVM is: its time never reaches this JVM's children's count, and the meter must have it anyway.
         */
        @Test
        void stillCountsWithAllTheTimeItWasSeenToSpend() throws Exception {
            Process parent = new ProcessBuilder("sh", "-c", "sh -c 'while :; do :; done' & echo $!; wait")
                    .redirectErrorStream(true).start();
            TreeCpu meter = new TreeCpu();
            try {
                long grandchild = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(
                        parent.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)).readLine().trim());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
                long ticks = ticks(grandchild);
                while (ticks < BURNED_TICKS && System.nanoTime() < deadline) {
                    Thread.sleep(TreeCpu.PERIOD_MILLIS);
                    ticks = ticks(grandchild);
                }
                assertTrue(ticks >= BURNED_TICKS, "the grandchild never got " + BURNED_TICKS + " ticks of processor");
                meter.look(true);
                parent.destroyForcibly().waitFor();
                ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
                Map<TreeCpu.Kind, Double> seconds = meter.stop();
                assertTrue(seconds.get(TreeCpu.Kind.OTHER) >= ticks / 100.0, "counted " + seconds + ", the grandchild"
                        + " alone had spent " + ticks + " ticks when the meter last looked");
            } finally {
                meter.close();
                parent.descendants().forEach(ProcessHandle::destroyForcibly);
                parent.destroyForcibly();
            }
        }

        static long ticks(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
    }

    @Nested
    class ThreadsWantingAProcessor {
        /** Walks over two endless loops; each loop is in state R at every walk, running or waiting for a core. */
        private static final int WALKS = 20;
        /** Processor time (clock ticks) that shows a loop is past its start. */
        private static final long STARTED_TICKS = 2;

        @Test
        void countTwoSpinningProcessesAtEveryWalkSoTwoCoresWouldBeBusy() throws Exception {
            List<Process> spinning = List.of(spin(), spin());
            // Past its start (exec, first page faults) a loop of shell builtins is in state R at every look.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            for (Process p : spinning) {
                while (AProcessKilledBeforeAnyoneReapsIt.ticks(p.pid()) < STARTED_TICKS && System.nanoTime() < deadline) {
                    Thread.sleep(TreeCpu.PERIOD_MILLIS);
                }
            }
            TreeCpu meter = new TreeCpu();
            try {
                for (int i = 0; i < WALKS; i++) {
                    meter.look(true);
                }
                double[] shares = meter.wantingShares();
                double twoOrMore = 0;
                for (int n = 2; n < shares.length; n++) {
                    twoOrMore += shares[n];
                }
                // The reader thread walks too, at its own pace: every walk, its or ours, sees both loops.
                assertEquals(1.0, twoOrMore, 1e-9, "shares of walks by threads wanting a processor: "
                        + java.util.Arrays.toString(shares));
                assertEquals(1.0, meter.busyShare(2), 1e-9);
                assertTrue(meter.busyShare(4) >= 0.5, "two loops keep at least half of four cores busy");
            } finally {
                meter.close();
                spinning.forEach(Process::destroyForcibly);
            }
        }

        private static Process spin() throws IOException {
            return new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        }
    }

    @Nested
    class KindsOfProcess {
        @Test
        void areToldByTheMainClassAnywhereInTheCommandLine() {
            assertEquals(TreeCpu.Kind.SUBMISSION, TreeCpu.Kind.of(
                    "timeout\0-s\0KILL\0600\0bwrap\0--\0/jdk/bin/java\0-cp\0/r/runtime.jar\0nnlab.grader.runtime.Server\0/s"));
            assertEquals(TreeCpu.Kind.COMPILER, TreeCpu.Kind.of("java\0-cp\0runtime.jar\0nnlab.grader.runtime.CompileServer"));
            assertEquals(TreeCpu.Kind.WORKER, TreeCpu.Kind.of("java\0-cp\0a:b\0nnlab.grader.course.ChildMain\0--worker"));
            assertEquals(TreeCpu.Kind.OTHER, TreeCpu.Kind.of("sh\0-c\0true"));
        }
    }

    @Nested
    class GraderJvmFlags {
        @Test
        void areTheDefaultsUnlessTheVariableIsSet() {
            assertEquals(CourseMain.GRADER_JVM_FLAGS, CourseMain.graderJvmFlags(null));
        }

        @Test
        void areTheVariablesWordsWhenSetAndNoneWhenItIsEmpty() {
            assertEquals(List.of("-XX:+UseSerialGC", "-Xmx1g"), CourseMain.graderJvmFlags("  -XX:+UseSerialGC \t-Xmx1g "));
            assertEquals(List.of(), CourseMain.graderJvmFlags(""));
        }
    }
}
