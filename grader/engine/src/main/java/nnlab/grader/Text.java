package nnlab.grader;

/**
 * Makes text from a submission safe to show: control characters (C0, DEL, C1, the line and paragraph separators and the
 * bidirectional overrides)
 * become visible escapes, so a file named with a newline, a carriage return or an ESC sequence cannot forge lines or
 * drive a terminal in any output. {@code \n} → {@code \\n}, {@code \r} → {@code \\r}, {@code \t} → {@code \\t}, any
 * other → {@code \\uXXXX} (ESC is {@code \\u001b}).
 */
public final class Text {

    private Text() {
    }

    /** Returns {@code s} with every control character escaped: for names and one-line messages. */
    public static String name(String s) {
        return escape(s, false);
    }

    /**
     * Returns {@code s} with every control character but the newline and the tab escaped: for multi-line text such as
     * what student code printed.
     */
    public static String multiline(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean keepLines) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !needsEscape(s.charAt(i), keepLines)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!needsEscape(c, keepLines)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean needsEscape(char c, boolean keepLines) {
        if (keepLines && (c == '\n' || c == '\t')) {
            return false;
        }
        // Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what a reader sees.
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= '\u2028' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
