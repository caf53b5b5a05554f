package nnlab.grader.report.html;

import static nnlab.grader.report.html.Html.esc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** One test of a report: status, points, message, named-mistake hints and gradient-check tables. */
final class TestSection {

    /** The prefix the problem sets' named-mistake feedback lines start with. */
    static final String HINT_PREFIX = "Likely mistake:";
    /** How many gradient-check rows a table shows; the grader already keeps only the worst. */
    private static final int MAX_GRADIENT_ROWS = 12;

    private TestSection() {
    }

    /** Appends test {@code t}: for an audience that may not see it, only its number and points. */
    static void append(StringBuilder sb, JsonNode t, Audience audience) {
        String visibility = t.path("visibility").asText();
        String title = t.path("number").asText() + " " + t.path("name").asText().replaceFirst(
                "^" + java.util.regex.Pattern.quote(t.path("number").asText()) + " ", "");
        String max = Html.points(t.path("max_score").asDouble());
        if (!audience.shows(visibility)) {
            sb.append("<div class=\"test hidden\"><b>").append(esc(t.path("number").asText()))
                    .append("</b> ").append("hidden".equals(visibility) ? "Hidden test" : "Shown after the due date")
                    .append(" — ").append(max).append(" pts</div>\n");
            return;
        }
        String status = "passed".equals(t.path("status").asText()) ? "passed" : "failed";
        sb.append("<div class=\"test ").append(status).append("\"><b>").append(esc(title)).append("</b> <span class=\"")
                .append(status).append("\">").append(status).append("</span> ")
                .append(Html.points(t.path("score").asDouble())).append(" / ").append(max).append(" pts");
        if (!"visible".equals(visibility)) {
            sb.append(" <small>(").append(esc(visibility)).append(")</small>");
        }
        JsonNode millis = t.path("extra_data").path("duration_ms");
        if (audience == Audience.TA && millis.isNumber()) {
            // How long the submission took here: a slow submission shows where its time went.
            sb.append(" <small class=\"duration\">").append(Html.seconds(millis.asLong())).append("</small>");
        }
        List<String> plain = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        for (String line : t.path("output").asText("").split("\n")) {
            (line.startsWith(HINT_PREFIX) ? hints : plain).add(line);
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
        while (fields.hasNext()) {
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
                        + "</th><th class=\"num\">numerical</th><th class=\"num\">relative error</th><th></th></tr>\n");
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
                    .append("</td><td>").append(ok ? "ok" : "off").append("</td></tr>\n");
        }
        sb.append("</table>");
    }

    /** Returns a number cell's text: numbers formatted, the grader's "NaN"/"Infinity" strings escaped as they are. */
    private static String num(JsonNode n) {
        return n.isNumber() ? Html.number(n.asDouble()) : esc(n.asText());
    }
}
