package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link Html#esc}, the one HTML escaper of the reports, the batch page, the similarity page and the audit page: what it
 * returns is safe as element content and as a quoted attribute value, and keeps the text's layout in a {@code pre}.
 */
class HtmlEscapeTests {

    @Nested
    class Markup {

        @Test
        void theFiveMarkupCharactersBecomeReferences() {
            assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
                    Html.esc("<a href=\"x\" title='y'>&</a>"));
        }

        @Test
        void otherTextIsKeptAsItIs() {
            assertEquals("Σ ∂L/∂W = Xᵀ·δ, 3 ≥ 2", Html.esc("Σ ∂L/∂W = Xᵀ·δ, 3 ≥ 2"));
        }

        @Test
        void nullBecomesEmpty() {
            assertEquals("", Html.esc(null));
        }
    }

    @Nested
    class ControlCharacters {

        @Test
        void lineBreaksAndTabsAreKeptForPreformattedText() {
            assertEquals("--- a\n+++ b\n\tx", Html.esc("--- a\n+++ b\n\tx"));
        }

        @Test
        void everyOtherControlCharacterBecomesTheReplacementCharacter() {
            assertEquals("a\uFFFDb\uFFFDc\uFFFDd", Html.esc("a\rb\u0000c\u001bd"));
        }
    }
}
