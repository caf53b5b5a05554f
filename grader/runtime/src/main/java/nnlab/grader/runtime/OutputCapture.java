package nnlab.grader.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what student code prints to {@code System.out} and {@code System.err}, capped: at most
 * {@code perCallBytes} per call are kept for the reply and at most {@code totalBytes} over the JVM's life are
 * accepted at all; anything beyond is counted and dropped, so printing a gigabyte costs time, never memory.
 *
 * <p>Output belongs to a test: {@link #beginTest} starts a new one and drops what is still buffered. Only the thread
 * that began it and the threads started from it (and from those) since then are heard; a thread left over from an
 * earlier test, the finalizer or a cleaner printing now is dropped, so nothing an earlier test's calls received can
 * appear under a later test.
 */
public final class OutputCapture {

    /** What one call printed. */
    public record Captured(String out, String err, boolean truncated) {
    }

    private final long totalBytes;
    private final int perCallBytes;
    private final Sink out = new Sink();
    private final Sink err = new Sink();
    /** The test during which a thread was started; threads inherit it from the thread that started them. */
    private final InheritableThreadLocal<Integer> testOfThread = new InheritableThreadLocal<>();
    private long accepted;
    private boolean truncated;
    private int test;

    /**
     * Creates a capture keeping at most {@code perCallBytes} per call and {@code totalBytes} in all; the calling
     * thread's output is heard until the first {@link #beginTest}.
     */
    public OutputCapture(int perCallBytes, long totalBytes) {
        this.perCallBytes = perCallBytes;
        this.totalBytes = totalBytes;
        testOfThread.set(test);
    }

    /**
     * Starts a new test on the calling thread: what was printed and not drained yet is dropped, and from now on only
     * this thread and the threads it starts are heard.
     */
    public synchronized void beginTest() {
        test++;
        testOfThread.set(test);
        out.buffer.reset();
        err.buffer.reset();
        truncated = false;
    }

    /** Returns a stream to install as {@code System.out}. */
    public PrintStream outStream() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    /** Returns a stream to install as {@code System.err}. */
    public PrintStream errStream() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    /** Returns and clears what was printed since the last call. */
    public synchronized Captured drain() {
        Captured c = new Captured(out.drain(), err.drain(), truncated);
        truncated = false;
        return c;
    }

    private final class Sink extends OutputStream {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Integer writer = testOfThread.get();
            synchronized (OutputCapture.this) {
                if (writer == null || writer != test) {
                    return;
                }
                long room = Math.min(totalBytes - accepted, perCallBytes - buffer.size());
                int keep = (int) Math.max(0, Math.min(room, len));
                buffer.write(b, off, keep);
                accepted += keep;
                if (keep < len) {
                    truncated = true;
                }
            }
        }

        @Override
        public void close() {
            // Student code may close System.out; the capture stays usable for the next call.
        }

        String drain() {
            String s = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            return s;
        }
    }
}
