package nnlab.grader.report.html;

import static nnlab.grader.report.html.Html.esc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nnlab.grader.Reader;
import nnlab.grader.Disclosure;
import nnlab.grader.report.AtomicFile;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;
import nnlab.grader.report.TestResult;

/**
 * The feedback report for one graded submission: a self-contained HTML page (styles inline, plots as data URIs, no
 * scripts) built from a Gradescope {@code results.json}. Tests the reader may not see show only their number and
 * points; none of their output or data reaches the page.
 */
public final class HtmlReport {

    /** Points are reported to hundredths; smaller differences are rounding. */
    private static final double POINTS_EPSILON = 0.005;

    private HtmlReport() {
    }

    /** Writes the report of {@code results} for {@code reader} to {@code html} atomically, creating its folder. */
    public static void write(ResultsDocument results, Path html, Reader reader) throws IOException {
        write(results, html, reader, Instant.now());
    }

    /** Writes the report as {@link #write(ResultsDocument, Path, Reader)} does, as read at {@code now}. */
    public static void write(ResultsDocument results, Path html, Reader reader, Instant now) throws IOException {
        AtomicFile.write(html, render(results, reader, now).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the report of a parsed {@code results.json} for {@code reader}, read now; no argument may be null. */
    public static String render(ResultsDocument results, Reader reader) {
        return render(results, reader, Instant.now());
    }

    /**
     * Returns the report of a parsed {@code results.json} for {@code reader} as read at {@code now}, which decides
     * whether a student's view says it comes before the due date or while late submissions are open.
     */
    public static String render(ResultsDocument results, Reader reader, Instant now) {
        StringBuilder sb = new StringBuilder();
        RunData extra = results.extraData();
        String assignment = extra.assignment() == null ? "" : extra.assignment();
        sb.append(Html.head("Feedback " + assignment));
        sb.append("<h1>Feedback").append(assignment.isEmpty() ? "" : " — " + esc(assignment)).append("</h1>\n");
        RunData.Batch batch = extra.batch();
        if (batch != null && batch.submission() != null) {
            String submission = batch.submission();
            String name = batch.student() == null || batch.student().name() == null ? "" : batch.student().name();
            sb.append("<p class=\"who\">Submission <b>").append(esc(submission)).append("</b>")
                    .append(name.isBlank() || name.equals(submission) ? "" : " — " + esc(name)).append("</p>\n");
        }
        sb.append("<p class=\"view\">").append(switch (reader) {
            case STUDENT -> beforeRelease(results, now);
            case STUDENT_AFTER_DUE_DATE -> "Student's view, after late submissions closed.";
            case TA -> "TA's view: every test, with its data, the seed and the sandbox. Not for students.";
        }).append("</p>\n");
        sb.append("<p class=\"total\">Score: <b>").append(Html.points(results.score())).append(" / ")
                .append(Html.points(results.maxScore()))
                .append("</b></p>\n");
        summary(sb, results.output(), extra.compilation());
        visibilityNote(sb, results, reader);
        compilation(sb, extra.compilation());
        parts(sb, results, reader);
        TrainingSection.append(sb, results.tests(), reader);
        sb.append("<h2>Tests</h2>\n");
        for (TestResult t : results.tests()) {
            TestSection.append(sb, t, reader);
        }
        if (reader == Reader.TA) {
            ta(sb, extra);
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    /**
     * Says which student's view this is before late submissions close: before the due date, or after it while late
     * submissions are open — from the due date the results record (a student's extension included) and {@code now};
     * returned as HTML.
     */
    static String beforeRelease(ResultsDocument results, Instant now) {
        String due = results.extraData().due();
        Instant dueAt = RunData.instant(due);
        if (dueAt == null) {
            return "Student's view, before late submissions close.";
        }
        if (now.isBefore(dueAt)) {
            return "Student's view, before the due date (" + esc(Html.moment(due)) + ").";
        }
        String release = results.extraData().afterDueDateRelease();
        return "Student's view, after the due date (" + esc(Html.moment(due)) + ") while late submissions are open"
                + (release.isEmpty() || release.equals(due) ? "." : " (until " + esc(Html.moment(release)) + ").");
    }

    /**
     * The top-level output (late days, notes) without its score line, which the page shows already, and without the
     * compiler's lines, which the compile-error table shows; the seed and the isolation level are not in it, they are
     * in extra_data for the TA.
     */
    private static void summary(StringBuilder sb, String output, RunData.Compilation compilation) {
        Set<String> shownElsewhere = new HashSet<>();
        List<String> filePrefixes = new ArrayList<>();
        if (compilation != null && !compilation.errors().isEmpty()) {
            shownElsewhere.add("Compiler errors:");
            compilation.errors().forEach(e -> shownElsewhere.add(e.strip()));
            compilation.replacedWithStarter().forEach(f -> filePrefixes.add("Replaced " + f + " "));
            compilation.dropped().forEach(f -> filePrefixes.add("Left out " + f + " "));
        }
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\n", -1)) {
            boolean shown = line.isBlank() || line.startsWith("Score:") || shownElsewhere.contains(line.strip())
                    || filePrefixes.stream().anyMatch(line::startsWith);
            if (!shown) {
                lines.add(line);
            }
        }
        if (!lines.isEmpty()) {
            sb.append("<pre class=\"summary\">").append(esc(String.join("\n", lines))).append("</pre>\n");
        }
    }

    /** Tells a student why some tests show only their points, and when that changes. */
    private static void visibilityNote(StringBuilder sb, ResultsDocument results, Reader reader) {
        if (reader == Reader.TA) {
            return;
        }
        int unseen = 0;
        int casesLater = 0;
        for (TestResult t : results.tests()) {
            if (!t.shows(Disclosure.Part.OUTCOME, reader)) {
                unseen++;
            } else if (!t.shows(Disclosure.Part.DETAILS, reader)) {
                casesLater++;
            }
        }
        if (casesLater > 0) {
            sb.append("<p class=\"note\">Every test shows its result, its points and, when it fails, the likely"
                    + " mistake or what differs. ").append(casesLater)
                    .append(casesLater == 1 ? " test keeps its" : " tests keep their")
                    .append(" cases (inputs, expected values, your values) back");
            String when = results.extraData().afterDueDateRelease();
            sb.append(reader == Reader.STUDENT && !when.isEmpty() ? " until " + esc(Html.moment(when)) : "")
                    .append(": they would give the hidden tests away.</p>\n");
        }
        if (unseen == 0) {
            return;
        }
        String release = results.extraData().afterDueDateRelease();
        sb.append("<p class=\"note\">").append(unseen).append(unseen == 1 ? " test shows" : " tests show")
                .append(unseen == 1 ? " only its points here: " : " only their points here: ");
        if (reader == Reader.STUDENT && !release.isEmpty()) {
            sb.append("tests marked “shown after the due date” show their results from ").append(esc(Html.moment(release)))
                    .append(", when no late submission is accepted any more; hidden tests never do.");
        } else {
            sb.append("hidden tests never show their inputs or results.");
        }
        sb.append(" Your score counts them all.</p>\n");
    }

    private static void compilation(StringBuilder sb, RunData.Compilation compilation) {
        if (compilation == null || compilation.errors().isEmpty()) {
            return;
        }
        sb.append("<h2>Compile errors</h2>\n<table class=\"compile\"><tr><th>where</th><th>error</th></tr>\n");
        for (String text : compilation.errors()) {
            // javac's "File.java:12: message": the location is what students look for first.
            int colon = text.indexOf(".java:");
            int end = colon < 0 ? -1 : text.indexOf(':', colon + ".java:".length());
            String where = end < 0 ? "" : text.substring(0, end);
            String message = end < 0 ? text : text.substring(end + 1).trim();
            sb.append("<tr><td><code>").append(esc(where)).append("</code></td><td><pre>").append(esc(message))
                    .append("</pre></td></tr>\n");
        }
        sb.append("</table>\n");
        for (String f : compilation.replacedWithStarter()) {
            sb.append("<p>").append(esc(f)).append(" did not compile and was replaced by the starter's"
                    + " version: its methods earn no points.</p>\n");
        }
        for (String f : compilation.dropped()) {
            sb.append("<p>").append(esc(f)).append(" did not compile and was left out (the starter has no"
                    + " such file).</p>\n");
        }
    }

    /**
     * Points per part, titled from the recorded parts when there are, else by the test number's first component:
     * earned of the shown tests, the points lost and in which tests, and what the reader may not see counted apart.
     * A part that lost points is marked failed, a part with nothing shown to earn is neutral; only a part that earned
     * all it showed is green.
     */
    private static void parts(StringBuilder sb, ResultsDocument results, Reader reader) {
        Map<String, String> titleOfSection = new LinkedHashMap<>();
        int index = 0;
        for (RunData.Part part : results.extraData().parts() == null ? List.<RunData.Part>of()
                : results.extraData().parts()) {
            index++;
            for (String section : part.sections() == null ? List.<String>of() : part.sections()) {
                titleOfSection.put(section, "Part " + index + " — " + part.title());
            }
        }
        Map<String, double[]> parts = new LinkedHashMap<>();
        Map<String, List<String>> lostIn = new LinkedHashMap<>();
        for (TestResult t : results.tests()) {
            String[] number = (t.number().isEmpty() ? "?" : t.number()).split("\\.");
            String section = number.length >= 2 ? number[0] + "." + number[1] : number[0];
            String part = titleOfSection.getOrDefault(section, "Part " + number[0]);
            double[] p = parts.computeIfAbsent(part, k -> new double[3]);
            List<String> lost = lostIn.computeIfAbsent(part, k -> new ArrayList<>());
            if (t.shows(Disclosure.Part.OUTCOME, reader)) {
                double missing = t.maxScore() - t.score();
                p[0] += t.score();
                p[1] += t.maxScore();
                if (missing > POINTS_EPSILON) {
                    lost.add(t.number() + " (−" + Html.points(missing) + ")");
                }
            } else {
                p[2] += t.maxScore();
            }
        }
        boolean anyUnseen = parts.values().stream().anyMatch(p -> p[2] > 0);
        sb.append("<h2>Parts</h2>\n<table class=\"parts\"><tr><th>part</th><th class=\"num\">points earned /"
                + " shown</th><th class=\"num\">points lost</th><th>lost in tests</th>")
                .append(anyUnseen ? "<th class=\"num\">points not yet shown</th>" : "").append("</tr>\n");
        for (Map.Entry<String, double[]> e : parts.entrySet()) {
            double[] p = e.getValue();
            double lost = p[1] - p[0];
            String cls = lost > POINTS_EPSILON ? "failed" : p[1] > 0 ? "passed" : "neutral";
            sb.append("<tr class=\"").append(cls).append("\"><td>").append(esc(e.getKey()))
                    .append("</td><td class=\"num\">").append(Html.points(p[0])).append(" / ").append(Html.points(p[1]))
                    .append("</td><td class=\"num\">").append(lost > POINTS_EPSILON ? Html.points(lost) : "0")
                    .append("</td><td>").append(esc(String.join(", ", lostIn.get(e.getKey())))).append("</td>")
                    .append(anyUnseen ? "<td class=\"num\">" + (p[2] > 0 ? Html.points(p[2]) : "") + "</td>" : "")
                    .append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void ta(StringBuilder sb, RunData extra) {
        RunData.Isolation iso = extra.isolation();
        sb.append("<h2>For the TA</h2>\n<div class=\"ta\"><p>Seed: <code>")
                .append(esc(extra.seed() == null ? "" : extra.seed().toString()))
                .append("</code> · isolation: <b>").append(esc(iso == null || iso.level() == null ? "unknown"
                        : iso.level())).append("</b>");
        if (iso != null && iso.layers() != null) {
            sb.append(" (").append(esc(String.join(" → ", iso.layers()))).append(")");
        }
        sb.append("</p>");
        RunData.Cases cases = extra.cases();
        if (cases != null) {
            sb.append("<p>Scoring cases: version <code>").append(esc(nullToEmpty(cases.version())))
                    .append("</code>, digest <code>").append(esc(nullToEmpty(cases.digest()))).append("</code></p>");
        }
        if (iso != null && iso.warnings() != null) {
            for (String w : iso.warnings()) {
                sb.append("<p class=\"failed\">").append(esc(w)).append("</p>");
            }
        }
        if (extra.timingsMs() != null && !extra.timingsMs().isEmpty()) {
            List<String> stages = new ArrayList<>();
            extra.timingsMs().forEach((stage, millis) -> stages.add(esc(stage) + " " + Html.seconds(millis)));
            sb.append("<p>Timings: ").append(String.join(" · ", stages)).append("</p>");
        }
        sb.append("<p>Grader ").append(esc(nullToEmpty(extra.graderVersion()))).append(" on ")
                .append(esc(nullToEmpty(extra.jdk()))).append("</p></div>\n");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
