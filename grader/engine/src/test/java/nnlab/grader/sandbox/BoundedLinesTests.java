package nnlab.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BoundedLinesTests {

    private static final String PREFIX = "s3cret ";
    private static final long FLOOD_BYTES = 1 << 20;
    /** Far more than the flood bound: without the bound, the whole stream is read and nothing is reported. */
    private static final long STREAM_BYTES = 256L << 20;

    @Nested
    class KeptLines {

        @Test
        void areThoseWithThePrefixWithoutIt() throws IOException {
            BoundedLines lines = lines("noise\ns3cret {\"id\":1}\nS3cret no\ns3cre\ns3cret {\"id\":2}\n", 100, Long.MAX_VALUE);
            assertEquals(new BoundedLines.Kept("{\"id\":1}"), lines.next());
            assertEquals(new BoundedLines.Kept("{\"id\":2}"), lines.next());
            assertNull(lines.next());
        }

        @Test
        void pastTheLimitAreReportedNotKept() throws IOException {
            BoundedLines lines = lines(PREFIX + "x".repeat(101) + "\n" + PREFIX + "ok\n", 100, Long.MAX_VALUE);
            assertInstanceOf(BoundedLines.TooLong.class, lines.next());
            assertEquals(new BoundedLines.Kept("ok"), lines.next());
        }
    }

    @Nested
    class Floods {

        @Test
        void ofNewlineLessBytesAreReportedOnceInFixedMemory() throws IOException {
            BoundedLines lines = new BoundedLines(repeated((byte) 'x'), PREFIX, 100, FLOOD_BYTES);
            assertInstanceOf(BoundedLines.Flood.class, lines.next());
        }

        @Test
        void ofShortLinesAreReportedToo() throws IOException {
            BoundedLines lines = new BoundedLines(repeated((byte) '\n'), PREFIX, 100, FLOOD_BYTES);
            assertInstanceOf(BoundedLines.Flood.class, lines.next());
        }
    }

    private static BoundedLines lines(String text, int maxLine, long flood) {
        return new BoundedLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), PREFIX, maxLine, flood);
    }

    /** A stream of {@code STREAM_BYTES} copies of one byte. */
    private static InputStream repeated(byte b) {
        return new InputStream() {
            private long left = STREAM_BYTES;

            @Override
            public int read() {
                return left-- > 0 ? b : -1;
            }

            @Override
            public int read(byte[] buffer, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(buffer, off, off + n, b);
                left -= n;
                return n;
            }
        };
    }
}
