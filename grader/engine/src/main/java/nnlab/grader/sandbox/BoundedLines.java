package nnlab.grader.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a child's stream line by line in fixed memory: only lines that start with {@code prefix} are kept, and only up
 * to {@code maxLineBytes}; everything else is counted and dropped as it arrives, however long the line. Memory used:
 * one 64 KB read buffer plus at most {@code maxLineBytes} for the line being kept.
 */
final class BoundedLines {

    /** What the stream held. */
    sealed interface Event permits Kept, TooLong, Flood {
    }

    /** A line that starts with the prefix, without the prefix and the newline. */
    record Kept(String text) implements Event {
    }

    /** A line that starts with the prefix but ran past the limit; its bytes were dropped. */
    record TooLong(long bytes) implements Event {
    }

    /** More than the allowed bytes arrived outside kept lines; reported once. */
    record Flood(long bytes) implements Event {
    }

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final byte[] prefix;
    private final int maxLineBytes;
    private final long floodBytes;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int limit;
    private long dropped;
    private long lineBytes;
    private boolean matching = true;
    private boolean flooded;

    /**
     * Reads {@code in}, keeping lines that start with {@code prefix} and are at most {@code maxLineBytes} long after it;
     * once more than {@code floodBytes} were dropped, {@link #next()} reports a {@link Flood}.
     */
    BoundedLines(InputStream in, String prefix, int maxLineBytes, long floodBytes) {
        this.in = in;
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        this.maxLineBytes = maxLineBytes;
        this.floodBytes = floodBytes;
    }

    /** Returns the next kept line, overlong line or flood, or {@code null} at the end of the stream. */
    Event next() throws IOException {
        while (true) {
            if (!flooded && dropped > floodBytes) {
                flooded = true;
                return new Flood(dropped);
            }
            if (position == limit) {
                limit = Math.max(0, in.read(buffer));
                position = 0;
                if (limit == 0) {
                    return null;
                }
            }
            if (!matching) {
                int end = position;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                dropped += end - position;
                position = end;
                if (end < limit) {
                    position++;
                    dropped++;
                    matching = true;
                    lineBytes = 0;
                }
                continue;
            }
            byte b = buffer[position++];
            if (b == '\n') {
                Event event = endOfLine();
                if (event != null) {
                    return event;
                }
                continue;
            }
            lineBytes++;
            if (lineBytes <= prefix.length) {
                if (b != prefix[(int) lineBytes - 1]) {
                    matching = false;
                    dropped += lineBytes;
                }
            } else if (line.size() < maxLineBytes) {
                line.write(b);
            }
        }
    }

    private Event endOfLine() {
        long length = lineBytes;
        lineBytes = 0;
        if (length < prefix.length) {
            dropped += length + 1;
            return null;
        }
        if (length - prefix.length > maxLineBytes) {
            line.reset();
            return new TooLong(length);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return new Kept(text);
    }
}
