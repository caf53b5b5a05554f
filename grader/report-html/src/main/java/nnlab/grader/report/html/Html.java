package nnlab.grader.report.html;

import java.util.Locale;

/** Escaping and number formatting shared by the pages. */
public final class Html {

    private Html() {
    }

    /** Returns {@code text} safe as element content and as a quoted attribute value; null becomes empty. */
    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // Control characters other than tab and newline have no business in a report.
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Returns points as reported: up to two decimals, no trailing zeros. */
    static String points(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** Returns a duration in milliseconds as seconds with one decimal, e.g. "2.1 s". */
    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Returns a number with six significant digits. */
    static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** The page's style: inline, so the file opens offline with no other request. */
    /** The one way reports write a moment: like the submission line's "2027-02-20 10:00:00", with its UTC offset. */
    private static final java.time.format.DateTimeFormatter MOMENT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'xxx");

    /** Returns an RFC 3339 moment in the reports' format; text that is not one is returned as it is. */
    static String moment(String rfc3339) {
        try {
            return java.time.OffsetDateTime.parse(rfc3339).format(MOMENT);
        } catch (java.time.format.DateTimeParseException e) {
            return rfc3339;
        }
    }

    static final String STYLE = """
            body{font-family:sans-serif;margin:2em auto;max-width:60em;color:#222;line-height:1.4}
            h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.6em}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            .passed{color:#1a7f37}.failed{color:#c62828}.hidden{color:#666}.neutral{color:#666}
            .test{border:1px solid #ddd;border-radius:4px;padding:.4em .8em;margin:.6em 0}
            .test.failed{border-left:4px solid #c62828}.test.passed{border-left:4px solid #1a7f37}
            .test.hidden{border-left:4px solid #999;color:#444}
            pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em;margin:.3em 0}
            .hint{background:#fff4ce;border:1px solid #e0c060;padding:.3em .6em;margin:.3em 0}
            .ta{background:#eef3fb;padding:.4em .8em}img{max-width:100%}
            .note{background:#f3f3f3;border-left:4px solid #999;padding:.3em .6em}.view{color:#666;font-size:.9em}
            .caption{margin:.1em 0 1em;color:#444;font-size:.9em}
            .bar{display:inline-block;width:100px;height:.8em;background:#f2c4c4}.bar>span{display:block;height:100%;background:#1a7f37}
            .warning{background:#fde8e8;border-left:4px solid #c62828;padding:.3em .6em}
            """;

    /** Returns the start of a page with {@code title}. */
    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"
                + " style-src 'unsafe-inline'\">"
                + "<title>" + esc(title) + "</title><style>" + STYLE + "</style></head><body>\n";
    }
}
