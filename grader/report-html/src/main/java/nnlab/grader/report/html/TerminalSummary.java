package nnlab.grader.report.html;

import java.util.Locale;

import nnlab.grader.Reader;
import nnlab.grader.Disclosure;
import nnlab.grader.Visibility;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestData;
import nnlab.grader.report.TestResult;

/**
 * The summary a student sees after grading locally: one line per test and the total, coloured only when asked to
 * (see {@link nnlab.grader.report.ReportWriter#colourWanted}). Control characters from the results are replaced, so a
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
    public static String render(ResultsDocument results, Reader reader, boolean colour) {
        StringBuilder sb = new StringBuilder();
        for (TestResult t : results.tests()) {
            String number = clean(t.number());
            String points = Html.points(t.maxScore());
            if (!t.shows(Disclosure.Part.OUTCOME, reader)) {
                boolean never = t.disclosure().outcome() == Visibility.HIDDEN;
                sb.append(paint(colour, DIM, String.format(Locale.ROOT, "%-7s %-7s %6s / %-6s %s", number,
                        never ? "hidden" : "later", "?", points,
                        never ? "counted in the total, never shown" : "shown once late submissions close")))
                        .append('\n');
                continue;
            }
            boolean passed = t.passed();
            sb.append(String.format(Locale.ROOT, "%-7s ", number))
                    .append(paint(colour, passed ? GREEN : RED, String.format(Locale.ROOT, "%-7s", t.status().json())))
                    .append(String.format(Locale.ROOT, " %6s / %-6s %s", Html.points(t.score()), points,
                            clean(t.name())))
                    .append('\n');
            TestData.Probes probes = t.extraData().probes();
            if (reader == Reader.TA && probes != null && probes.flag()) {
                sb.append("        ").append(clean(TestSection.probeFlag(probes))).append('\n');
            }
            if (!passed) {
                for (String line : t.textFor(reader).split("\n")) {
                    if (!line.isBlank()) {
                        sb.append("        ").append(clean(line)).append('\n');
                    }
                }
            }
        }
        sb.append(paint(colour, BOLD, "Total: " + Html.points(results.score()) + " / "
                + Html.points(results.maxScore()))).append('\n');
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
