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
        void ofANewlineLessGigabyteAreReportedOnceInFixedMemory() throws IOException {
            BoundedLines lines = new BoundedLines(endless((byte) 'x'), PREFIX, 100, 1 << 20);
            BoundedLines.Event e = lines.next();
            assertInstanceOf(BoundedLines.Flood.class, e);
        }

        @Test
        void ofShortLinesAreReportedToo() throws IOException {
            BoundedLines lines = new BoundedLines(endless((byte) '\n'), PREFIX, 100, 1 << 20);
            assertInstanceOf(BoundedLines.Flood.class, lines.next());
        }
    }

    private static BoundedLines lines(String text, int maxLine, long flood) {
        return new BoundedLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), PREFIX, maxLine, flood);
    }

    /** A stream that never ends, of one byte repeated. */
    private static InputStream endless(byte b) {
        return new InputStream() {
            @Override
            public int read() {
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) {
                Arrays.fill(buffer, off, off + len, b);
                return len;
            }
        };
    }
}
