package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import nnlab.grader.course.Similarity.Kind;
import nnlab.grader.course.Similarity.Match;
import nnlab.grader.course.Similarity.Member;
import nnlab.grader.course.Similarity.Note;
import nnlab.grader.course.Similarity.Pair;
import nnlab.grader.course.Similarity.Range;
import nnlab.grader.course.Similarity.Result;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the similarity page needs of its escaping: the side-by-side code table (its one {@code pre-wrap} context) gets
 * one row per source line whatever the line breaks, and text a submission brings never becomes markup.
 */
class SimilarityPageTests {

    private static final String FILE = "nnlab/Perceptron.java";
    private static final Member ALICE = new Member("alice", Kind.SUBMISSION);
    private static final Member BOB = new Member("bob", Kind.SUBMISSION);

    private static String page(String aliceSource, String bobSource, List<Note> notes) {
        Pair pair = new Pair(ALICE, BOB, 0.9, 0.95, 40,
                List.of(new Match(40, List.of(new Range(FILE, 1, 2)), List.of(new Range(FILE, 1, 2)))));
        return SimilarityPage.render(new Result("ps1", 0.5, "test", 9, List.of(ALICE, BOB), List.of(), notes,
                List.of(pair), Map.of(ALICE, new TreeMap<>(Map.of(FILE, aliceSource)),
                        BOB, new TreeMap<>(Map.of(FILE, bobSource)))));
    }

    private static int rows(String html) {
        return html.split("<tr><td class=\"ln\">", -1).length - 1;
    }

    @Nested
    class SideBySideCode {

        @Test
        void everyKindOfLineBreakStartsARow() {
            String html = page("a\r\nb\rc\nd", "x\ny", List.of());
            assertEquals(4, rows(html), "one row per line of the longer side");
            assertFalse(html.contains("\r"), "a carriage return reached the page");
        }

        @Test
        void aControlCharacterInCodeShowsAsTheReplacementCharacter() {
            String html = page("int x;\u0007\n}", "int x;\n}", List.of());
            assertTrue(html.contains("int x;\uFFFD</td>"), html);
        }

        @Test
        void codeIsEscaped() {
            String html = page("</td></tr><script>alert(1)</script>\n}", "}", List.of());
            assertFalse(html.contains("<script>"), "code reached the page as markup");
            assertTrue(html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
        }
    }

    @Nested
    class Notes {

        @Test
        void aNoteStaysTextInItsListItemLineBreakIncluded() {
            String html = page("}", "}", List.of(new Note("bob", "line one\n<img src=x onerror=alert(1)>")));
            assertTrue(html.contains("<li>bob: line one\n&lt;img src=x onerror=alert(1)&gt;</li>"), html);
        }
    }
}
