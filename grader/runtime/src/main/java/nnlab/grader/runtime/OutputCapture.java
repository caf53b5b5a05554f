package nnlab.grader.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what student code prints to {@code System.out} and {@code System.err}, capped: at most
 * {@code perCallBytes} per call are kept for the reply and at most {@code totalBytes} over the JVM's life are
 * accepted at all; anything beyond is counted and dropped, so printing a gigabyte costs time, never memory.
 */
public final class OutputCapture {

    /** What one call printed. */
    public record Captured(String out, String err, boolean truncated) {
    }

    private final long totalBytes;
    private final int perCallBytes;
    private final Sink out = new Sink();
    private final Sink err = new Sink();
    private long accepted;
    private boolean truncated;

    /** Creates a capture keeping at most {@code perCallBytes} per call and {@code totalBytes} in all. */
    public OutputCapture(int perCallBytes, long totalBytes) {
        this.perCallBytes = perCallBytes;
        this.totalBytes = totalBytes;
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
            synchronized (OutputCapture.this) {
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
