package nnlab.grader.report.html;

import static nnlab.grader.report.html.Html.esc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import nnlab.grader.Disclosure;
import nnlab.grader.Score;
import nnlab.grader.Visibility;

/**
 * One test of a report: status, points, message, named-mistake hints and gradient-check tables, each shown as the
 * test's {@link Disclosure} allows the audience.
 */
final class TestSection {

    /** The prefix the problem sets' named-mistake feedback lines start with. */
    static final String HINT_PREFIX = Score.MISTAKE_PREFIX.strip();
    /** How many gradient-check rows a table shows; the grader already keeps only the worst. */
    private static final int MAX_GRADIENT_ROWS = 12;

    private TestSection() {
    }

    /** Appends test {@code t}: for an audience that may not see its outcome, only its number and points. */
    static void append(StringBuilder sb, JsonNode t, Audience audience) {
        String visibility = t.path("visibility").asText();
        Disclosure disclosure = Audience.disclosure(t);
        String title = t.path("number").asText() + " " + t.path("name").asText().replaceFirst(
                "^" + java.util.regex.Pattern.quote(t.path("number").asText()) + " ", "");
        String max = Html.points(t.path("max_score").asDouble());
        if (!audience.shows(t, Disclosure.Part.OUTCOME)) {
            sb.append("<div class=\"test hidden\"><b>").append(esc(t.path("number").asText()))
                    .append("</b> ").append("hidden".equals(visibility) ? "Hidden test" : "Shown after the due date")
                    .append(" — ").append(max).append(" pts</div>\n");
            return;
        }
        String status = "passed".equals(t.path("status").asText()) ? "passed" : "failed";
        sb.append("<div class=\"test ").append(status).append("\"><b>").append(esc(title)).append("</b> <span class=\"")
                .append(status).append("\">").append(status).append("</span> ")
                .append(Html.points(t.path("score").asDouble())).append(" / ").append(max).append(" pts");
        if (!audience.shows(t, Disclosure.Part.DETAILS)) {
            sb.append(" <small class=\"later\">(")
                    .append(disclosure.details() == Visibility.HIDDEN ? "hidden cases: their inputs and"
                            + " values are never shown" : "cases shown after the due date").append(")</small>");
        } else if (disclosure.details() != Visibility.VISIBLE) {
            sb.append(" <small>(").append(esc(disclosure.details().gradescope())).append(")</small>");
        }
        JsonNode millis = t.path("extra_data").path("duration_ms");
        if (audience == Audience.TA && millis.isNumber()) {
            // How long the submission took here: a slow submission shows where its time went.
            sb.append(" <small class=\"duration\">").append(Html.seconds(millis.asLong())).append("</small>");
        }
        List<String> plain = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        for (String line : audience.text(t).split("\n")) {
            (line.startsWith(HINT_PREFIX) ? hints : plain).add(line);
        }
        JsonNode named = t.path("extra_data").path("mistakes");
        if (named.isArray() && !named.isEmpty() && audience.shows(t, Disclosure.Part.DIAGNOSIS)) {
            // The structured record is authoritative: no hint depends on parsing the text.
            hints.clear();
            named.forEach(m -> hints.add(Score.MISTAKE_PREFIX + m.path("message").asText()));
        }
        String message = String.join("\n", plain).strip();
        if (!message.isEmpty()) {
            sb.append("<pre class=\"message\">").append(esc(message)).append("</pre>");
        }
        for (String h : hints) {
            sb.append("<div class=\"hint\">").append(esc(h)).append("</div>");
        }
        JsonNode probes = t.path("extra_data").path("probes");
        if (audience == Audience.TA && probes.path("flag").asBoolean()) {
            sb.append("<div class=\"hint probe-flag\">").append(esc(probeFlag(probes))).append("</div>");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = t.path("extra_data").fields();
        while (fields.hasNext() && audience.shows(t, Disclosure.Part.DETAILS)) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().startsWith("gradient_check")) {
                gradientCheck(sb, f.getValue());
            }
        }
        sb.append("</div>\n");
    }

    /**
     * The TA's line for a test whose per-run probes found a mistake its fixed cases missed (no points moved): a sign
     * that the assignment's cases need strengthening.
     */
    static String probeFlag(JsonNode probes) {
        List<String> failures = new ArrayList<>();
        probes.path("failures").forEach(f -> failures.add(f.asText()));
        return "Probe flag: " + probes.path("failed").asInt() + " of " + probes.path("run").asInt()
                + " probes failed although the fixed cases passed (no points moved; strengthen the cases)"
                + (failures.isEmpty() ? "" : ": " + failures.get(0));
    }

    private static void gradientCheck(StringBuilder sb, JsonNode check) {
        sb.append("<table class=\"gradient-check\"><caption>Gradient check: ").append(esc(check.path("label").asText()))
                .append(" — ").append(check.path("failed").asInt()).append(" of ")
                .append(check.path("checked").asInt())
                .append(" entries off</caption>\n<tr><th>parameter block</th><th>entry</th><th class=\"num\">analytic"
                        + "</th><th class=\"num\">numerical</th><th class=\"num\">relative error</th><th>within tolerance</th></tr>\n");
        int rows = 0;
        for (JsonNode r : check.path("worst")) {
            if (rows++ == MAX_GRADIENT_ROWS) {
                break;
            }
            boolean ok = r.path("passed").asBoolean();
            sb.append("<tr class=\"").append(ok ? "passed" : "failed").append("\"><td>")
                    .append(esc(r.path("block").asText())).append("</td><td>").append(esc(r.path("entry").asText()))
                    .append("</td><td class=\"num\">").append(num(r.path("analytic")))
                    .append("</td><td class=\"num\">").append(num(r.path("numerical")))
                    .append("</td><td class=\"num\">").append(num(r.path("relativeError")))
                    .append("</td><td>").append(ok ? "yes" : "no").append("</td></tr>\n");
        }
        sb.append("</table>");
    }

    /** Returns a number cell's text: numbers formatted, the grader's "NaN"/"Infinity" strings escaped as they are. */
    private static String num(JsonNode n) {
        return n.isNumber() ? Html.number(n.asDouble()) : esc(n.asText());
    }
}
