package nnlab.grader.report.html;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import nnlab.grader.Disclosure;

/**
 * The summary a student sees after grading locally: one line per test and the total, coloured only when asked to
 * (see {@link nnlab.grader.cli.Feedback#colourWanted}). Control characters from the results are replaced, so a
 * message cannot drive the terminal.
 */
public final class TerminalSummary {

    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String DIM = "\u001b[2m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private TerminalSummary() {
    }

    /** Returns the summary of a parsed {@code results.json}, with tests the student may not see reduced to points. */
    public static String render(JsonNode results, Audience audience, boolean colour) {
        StringBuilder sb = new StringBuilder();
        double max = 0;
        for (JsonNode t : results.path("tests")) {
            max += t.path("max_score").asDouble();
            String number = clean(t.path("number").asText());
            String points = Html.points(t.path("max_score").asDouble());
            if (!audience.shows(t, Disclosure.Part.OUTCOME)) {
                boolean never = "hidden".equals(t.path("visibility").asText());
                sb.append(paint(colour, DIM, String.format(Locale.ROOT, "%-7s %-7s %6s / %-6s %s", number,
                        never ? "hidden" : "later", "?", points,
                        never ? "counted in the total, never shown" : "shown once late submissions close")))
                        .append('\n');
                continue;
            }
            boolean passed = "passed".equals(t.path("status").asText());
            sb.append(String.format(Locale.ROOT, "%-7s ", number))
                    .append(paint(colour, passed ? GREEN : RED, String.format(Locale.ROOT, "%-7s", passed ? "passed"
                            : "failed")))
                    .append(String.format(Locale.ROOT, " %6s / %-6s %s", Html.points(t.path("score").asDouble()), points,
                            clean(t.path("name").asText())))
                    .append('\n');
            JsonNode probes = t.path("extra_data").path("probes");
            if (audience == Audience.TA && probes.path("flag").asBoolean()) {
                sb.append("        ").append(clean(TestSection.probeFlag(probes))).append('\n');
            }
            if (!passed) {
                for (String line : audience.text(t).split("\n")) {
                    if (!line.isBlank()) {
                        sb.append("        ").append(clean(line)).append('\n');
                    }
                }
            }
        }
        sb.append(paint(colour, BOLD, "Total: " + Html.points(results.path("score").asDouble()) + " / "
                + Html.points(max))).append('\n');
        return sb.toString();
    }

    private static String paint(boolean colour, String code, String text) {
        return colour ? code + text + RESET : text;
    }

    private static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) && c != '\t' ? '\uFFFD' : c));
        return sb.toString();
    }
}
