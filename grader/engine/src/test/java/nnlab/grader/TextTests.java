package nnlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TextTests {

    @Nested
    class Names {

        @Test
        void escapeEveryControlCharacterVisibly() {
            assertEquals("Evil\\nScore: 100\\u001b[2J\\r\\t.java", Text.name("Evil\nScore: 100\u001b[2J\r\t.java"));
            assertEquals("a\\u0000b\\u007fc\\u009bd", Text.name("a\u0000b\u007fc\u009bd"));
        }

        @Test
        void escapeBidirectionalOverridesAndLineSeparators() {
            assertEquals("x\\u202ey\\u2028z\\u2066", Text.name("x\u202ey\u2028z\u2066"));
        }

        @Test
        void leavePrintableTextAloneWithoutCopying() {
            String plain = "nnlab/Dense.java: café σ(h) → ŷ";
            assertSame(plain, Text.name(plain));
        }
    }

    @Nested
    class MultilineText {

        @Test
        void keepsNewlinesAndTabsButEscapesCarriageReturnsAndEscapes() {
            assertEquals("line 1\n\tline 2\\r\\u001b[1A", Text.multiline("line 1\n\tline 2\r\u001b[1A"));
        }

        @Test
        void passesNullThrough() {
            assertEquals(null, Text.multiline(null));
        }
    }
}
