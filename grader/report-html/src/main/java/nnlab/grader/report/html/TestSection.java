package nnlab.grader.report.html;

import static nnlab.grader.report.html.Html.esc;

import java.util.ArrayList;
import java.util.List;

import nnlab.grader.Reader;
import nnlab.grader.Disclosure;
import nnlab.grader.Score;
import nnlab.grader.Visibility;
import nnlab.grader.report.TestData;
import nnlab.grader.report.TestResult;

/**
 * One test of a report: status, points, message, named-mistake hints and gradient-check tables, each shown as the
 * test's {@link Disclosure} allows the reader.
 */
final class TestSection {

    /** How many gradient-check rows a table shows; the grader already keeps only the worst. */
    private static final int MAX_GRADIENT_ROWS = 12;

    private TestSection() {
    }

    /** Appends test {@code t}: for a reader who may not see its outcome, only its number and points. */
    static void append(StringBuilder sb, TestResult t, Reader reader) {
        Disclosure disclosure = t.disclosure();
        String title = t.number() + " " + t.title();
        String max = Html.points(t.maxScore());
        if (!t.shows(Disclosure.Part.OUTCOME, reader)) {
            sb.append("<div class=\"test hidden\"><b>").append(esc(t.number()))
                    .append("</b> ").append(disclosure.outcome() == Visibility.HIDDEN ? "Hidden test"
                            : "Shown after the due date")
                    .append(" — ").append(max).append(" pts</div>\n");
            return;
        }
        String status = t.status().json();
        sb.append("<div class=\"test ").append(status).append("\"><b>").append(esc(title)).append("</b> <span class=\"")
                .append(status).append("\">").append(status).append("</span> ")
                .append(Html.points(t.score())).append(" / ").append(max).append(" pts");
        if (!t.shows(Disclosure.Part.DETAILS, reader)) {
            sb.append(" <small class=\"later\">(")
                    .append(disclosure.details() == Visibility.HIDDEN ? "hidden cases: their inputs and"
                            + " values are never shown" : "cases shown after the due date").append(")</small>");
        } else if (disclosure.details() != Visibility.VISIBLE) {
            sb.append(" <small>(").append(esc(disclosure.details().gradescope())).append(")</small>");
        }
        Long millis = t.extraData().durationMs();
        if (reader == Reader.TA && millis != null) {
            // How long the submission took here: a slow submission shows where its time went.
            sb.append(" <small class=\"duration\">").append(Html.seconds(millis)).append("</small>");
        }
        // The named mistakes come from the structured record, never from parsing the text; their lines in the text
        // are shown once, as hints.
        List<String> hints = new ArrayList<>();
        if (t.shows(Disclosure.Part.DIAGNOSIS, reader)) {
            t.extraData().mistakes().forEach(m -> hints.add(Score.MISTAKE_PREFIX + m.message()));
        }
        List<String> plain = new ArrayList<>();
        for (String line : t.textFor(reader).split("\n")) {
            if (!hints.contains(line)) {
                plain.add(line);
            }
        }
        String message = String.join("\n", plain).strip();
        if (!message.isEmpty()) {
            sb.append("<pre class=\"message\">").append(esc(message)).append("</pre>");
        }
        for (String h : hints) {
            sb.append("<div class=\"hint\">").append(esc(h)).append("</div>");
        }
        TestData.Probes probes = t.extraData().probes();
        if (reader == Reader.TA && probes != null && probes.flag()) {
            sb.append("<div class=\"hint probe-flag\">").append(esc(probeFlag(probes))).append("</div>");
        }
        if (t.shows(Disclosure.Part.DETAILS, reader)) {
            t.extraData().gradientChecks().forEach(check -> gradientCheck(sb, check));
        }
        sb.append("</div>\n");
    }

    /**
     * The TA's line for a test whose per-run probes found a mistake its fixed cases missed (no points moved): a sign
     * that the assignment's cases need strengthening.
     */
    static String probeFlag(TestData.Probes probes) {
        return "Probe flag: " + probes.failed() + " of " + probes.run()
                + " probes failed although the fixed cases passed (no points moved; strengthen the cases)"
                + (probes.failures().isEmpty() ? "" : ": " + probes.failures().get(0));
    }

    private static void gradientCheck(StringBuilder sb, TestData.GradientCheckTable check) {
        sb.append("<table class=\"gradient-check\"><caption>Gradient check: ").append(esc(check.label()))
                .append(" — ").append(check.failed()).append(" of ")
                .append(check.checked())
                .append(" entries off</caption>\n<tr><th>parameter block</th><th>entry</th><th class=\"num\">analytic"
                        + "</th><th class=\"num\">numerical</th><th class=\"num\">relative error</th><th>within tolerance</th></tr>\n");
        int rows = 0;
        for (TestData.GradientCheckTable.Row r : check.worst()) {
            if (rows++ == MAX_GRADIENT_ROWS) {
                break;
            }
            boolean ok = r.passed();
            sb.append("<tr class=\"").append(ok ? "passed" : "failed").append("\"><td>")
                    .append(esc(r.block())).append("</td><td>").append(esc(r.entry()))
                    .append("</td><td class=\"num\">").append(Html.number(r.analytic()))
                    .append("</td><td class=\"num\">").append(Html.number(r.numerical()))
                    .append("</td><td class=\"num\">").append(Html.number(r.relativeError()))
                    .append("</td><td>").append(ok ? "yes" : "no").append("</td></tr>\n");
        }
        sb.append("</table>");
    }
}
