package nnlab.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounds every child of the grader runs under, the compiler's as much as the submission JVM's, pinned with a real
 * child JVM ({@link NoisyChild}) that floods the grader: its streams are read in fixed memory, a flood of either stream
 * or an overlong reply stops it, and replies it writes faster than they are read wait in a queue of fixed length.
 */
class SandboxedProcessTests {

    /** Far longer than a JVM takes to start and write a few tens of megabytes, even on a loaded machine. */
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(120);
    /** How long the reader is given to fill the queue past its bound, if it could. */
    private static final long SETTLE_MILLIS = 500;
    /** More replies than the queue holds, and more than one pipe buffer's worth would hide. */
    private static final int REPLIES = 2000;
    /** A reply longer than the limit the test sets. */
    private static final int MAX_REPLY_BYTES = 1024;
    private static final int FLOOD_MEGABYTES = (int) (SandboxedProcess.MAX_STRAY_BYTES >> 20) * 2;

    @TempDir
    Path scratch;
    private SandboxedProcess<String> child;

    @AfterEach
    void end() {
        if (child != null) {
            child.kill();
        }
    }

    private SandboxedProcess<String> start(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), NoisyChild.class.getName()));
        command.addAll(List.of(args));
        child = SandboxedProcess.start(Sandbox.detect(), scratch, folder -> command, NoisyChild.PREFIX,
                MAX_REPLY_BYTES, text -> text, "noisy");
        return child;
    }

    /** Returns the first delivery that is not a reply, failing after {@link #PATIENCE_NANOS}. */
    private SandboxedProcess.Delivery<String> firstNotAReply() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (System.nanoTime() < deadline) {
            SandboxedProcess.Delivery<String> d = child.poll(deadline - System.nanoTime());
            if (d != null && !(d instanceof SandboxedProcess.Frame<String>)) {
                return d;
            }
        }
        throw new AssertionError("the child was not stopped within " + TimeUnit.NANOSECONDS.toSeconds(PATIENCE_NANOS) + " s");
    }

    @Nested
    class AFlood {
        @Test
        void ofStderrIsReportedAndKeepsOnlyTheStartOfIt() throws Exception {
            start("stderr", String.valueOf(FLOOD_MEGABYTES));
            SandboxedProcess.Overflow<String> overflow = assertInstanceOf(SandboxedProcess.Overflow.class, firstNotAReply());
            assertEquals(SandboxedProcess.Bound.STDERR, overflow.bound());
            assertTrue(child.stderr().length() <= SandboxedProcess.STDERR_CHARS, "kept " + child.stderr().length());
            assertTrue(child.isAlive(), "the flood, not the child's exit, must be what is reported");
        }

        @Test
        void ofStrayStdoutIsReported() throws Exception {
            start("stdout", String.valueOf(FLOOD_MEGABYTES));
            SandboxedProcess.Overflow<String> overflow = assertInstanceOf(SandboxedProcess.Overflow.class, firstNotAReply());
            assertEquals(SandboxedProcess.Bound.STDOUT, overflow.bound());
        }

        @Test
        void ofOneOverlongReplyIsReportedWithoutKeepingIt() throws Exception {
            start("long", String.valueOf(MAX_REPLY_BYTES * 8));
            SandboxedProcess.Overflow<String> overflow = assertInstanceOf(SandboxedProcess.Overflow.class, firstNotAReply());
            assertEquals(SandboxedProcess.Bound.REPLY, overflow.bound());
        }
    }

    @Nested
    class Replies {
        @Test
        void waitInABoundedQueueAndAreAllDeliveredInOrder() throws Exception {
            start("replies", String.valueOf(REPLIES));
            long deadline = System.nanoTime() + PATIENCE_NANOS;
            while (child.queued() < SandboxedProcess.QUEUED_REPLIES && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(SandboxedProcess.QUEUED_REPLIES, child.queued(), "replies nobody reads must wait, not pile up");
            for (int i = 0; i < REPLIES; i++) {
                SandboxedProcess.Delivery<String> d = child.poll(deadline - System.nanoTime());
                assertEquals(String.valueOf(i), assertInstanceOf(SandboxedProcess.Frame.class, d).reply());
            }
            assertTrue(child.queued() <= SandboxedProcess.QUEUED_REPLIES);
        }
    }

    @Nested
    class Ending {
        @Test
        void killsTheChildAndDeletesItsWorkingFolder() throws Exception {
            start("replies", "1");
            assertEquals("0", assertInstanceOf(SandboxedProcess.Frame.class, child.poll(PATIENCE_NANOS)).reply());
            child.kill();
            assertFalse(child.isAlive());
            assertInstanceOf(SandboxedProcess.Ended.class, firstNotAReply());
            try (var left = java.nio.file.Files.list(scratch)) {
                assertEquals(0, left.count(), "the child's working folder must go with it");
            }
        }
    }
}
