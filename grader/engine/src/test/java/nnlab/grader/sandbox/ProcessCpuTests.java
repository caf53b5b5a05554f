package nnlab.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The processor time of a process tree as the grader reads it from /proc, outside the child. */
class ProcessCpuTests {

    private static final long BUSY_MILLIS = 1000;
    /**
     * How far /proc's figures may lag bash's `times` (getrusage, microseconds): /proc counts 10 ms ticks and rounds
     * user and system time down separately, and the kernel splits them by sampled proportions: three ticks.
     */
    private static final double ROUNDING_SECONDS = 0.03;
    /** A tick is 10 ms; a sleeping shell uses a few of them at most. */
    private static final long SLEEPER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** Reads one of bash's `times` figures, "1m2.345s". */
    private static double seconds(String figure) {
        int m = figure.indexOf('m');
        return Integer.parseInt(figure.substring(0, m)) * 60 + Double.parseDouble(figure.substring(m + 1, figure.length() - 1));
    }

    @Nested
    class Parsing {
        @Test
        void readsTheFieldsAfterACommandNameWithSpacesAndParentheses() {
            String line = "42 (a b) (c)) R 1 42 42 0 -1 4194304 100 0 0 0 250 50 7 3 20 0 1 0 100 0 0";
            String[] f = ProcessCpu.parse(line);
            assertEquals("R", f[0]);
            assertArrayEquals(new String[] {"250", "50", "7", "3"}, new String[] {f[11], f[12], f[13], f[14]});
        }

        @Test
        void aTruncatedLineIsNoSample() {
            assertNull(ProcessCpu.parse("42 (java) S 1 2"));
        }
    }

    @Nested
    class OnThisMachine {
        private Process start(String script) throws IOException {
            assumeTrue(ProcessCpu.available(), "needs Linux /proc");
            return new ProcessBuilder("bash", "-c", script).start();
        }

        private static void end(Process p) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }

        @Test
        void countsTheBusyGrandchildrenOfTheRoot() throws Exception {
            // Two busy loops in subshells: grandchildren of the root, each its own process.
            Process p = start("(while :; do :; done) & (while :; do :; done) & wait");
            try {
                Thread.sleep(BUSY_MILLIS);
                long children = p.descendants().mapToLong(h -> h.info().totalCpuDuration().orElseThrow().toNanos()).sum();
                ProcessCpu.Sample s = ProcessCpu.sample(p.toHandle(), OptionalLong.empty());
                assertTrue(s.alive());
                assertTrue(children > 0 && s.cpuNanos() >= children, "every descendant counts: " + s + " vs " + children);
            } finally {
                end(p);
            }
        }

        @Test
        void countsChildrenThatEndedAndWereReaped() throws Exception {
            // The busy child ends and bash waits for it, so its time moves to bash's cutime (kept across exec); bash's
            // own `times` says how much that was.
            Process p = start("timeout 1 bash -c 'while :; do :; done'; times; exec sleep 30");
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                out.readLine();
                double reaped = Stream.of(out.readLine().trim().split("\\s+")).mapToDouble(ProcessCpuTests::seconds).sum();
                ProcessCpu.Sample s = ProcessCpu.sample(p.toHandle(), OptionalLong.empty());
                assertTrue(reaped > 0 && s.cpuNanos() / 1e9 >= reaped - ROUNDING_SECONDS, "reaped children count: " + s
                        + " vs " + reaped + " s");
            } finally {
                end(p);
            }
        }

        @Test
        void aSleepingTreeUsesAlmostNothingAndIsNotRunnable() throws Exception {
            Process p = start("sleep 30 & sleep 30 & wait");
            try {
                Thread.sleep(500);
                ProcessCpu.Sample s = ProcessCpu.sample(p.toHandle(), OptionalLong.empty());
                assertTrue(s.cpuNanos() < SLEEPER_NANOS, s::toString);
                assertFalse(s.runnable(), s::toString);
            } finally {
                end(p);
            }
        }

        @Test
        void aSpinningThreadIsRunnableInMostSamples() throws Exception {
            Process p = start("while :; do :; done");
            try {
                int runnable = 0;
                for (int i = 0; i < 20; i++) {
                    Thread.sleep(20);
                    runnable += ProcessCpu.sample(p.toHandle(), OptionalLong.empty()).runnable() ? 1 : 0;
                }
                assertTrue(runnable >= 10, runnable + " of 20 samples runnable");
            } finally {
                end(p);
            }
        }

        @Test
        void aTreeThatEndedIsNotAlive() throws Exception {
            Process p = start("exit 0");
            p.waitFor();
            assertFalse(ProcessCpu.sample(p.toHandle(), OptionalLong.empty()).alive());
        }

        @Test
        void theUidAddsProcessesOutsideTheTree() throws Exception {
            // This JVM's own uid: every process of it counts, this JVM included, though it is no descendant.
            Process p = start("sleep 30");
            try {
                long uid = (Integer) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
                long withUid = ProcessCpu.sample(p.toHandle(), OptionalLong.of(uid)).cpuNanos();
                long treeOnly = ProcessCpu.sample(p.toHandle(), OptionalLong.empty()).cpuNanos();
                assertTrue(withUid > treeOnly, List.of(withUid, treeOnly)::toString);
            } finally {
                end(p);
            }
        }
    }
}
