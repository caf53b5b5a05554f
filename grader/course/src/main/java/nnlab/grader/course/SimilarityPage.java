package nnlab.grader.course;

import static nnlab.grader.report.html.Html.esc;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import nnlab.grader.course.Similarity.Kind;
import nnlab.grader.course.Similarity.Member;
import nnlab.grader.course.Similarity.Pair;
import nnlab.grader.course.Similarity.Range;
import nnlab.grader.course.Similarity.Result;

/**
 * The TA's similarity page: the pairs at or above the threshold, most similar first; a histogram of every pair of
 * students with the threshold drawn in, so what is normal for the assignment is in sight; and each flagged pair side
 * by side with the shared sections highlighted, one colour per section on both sides. Everything a submission brings
 * (names, code, notes) is escaped; the page runs no script and loads nothing (the same Content-Security-Policy as the
 * reports).
 */
final class SimilarityPage {

    /** Bins of the histogram: 5 percentage points each. */
    static final int BINS = 20;
    /** Flagged pairs shown side by side; the rest are in the table and the JSON (a page of thousands would not open). */
    static final int MAX_SIDE_BY_SIDE = 50;
    /** Colours of matched sections, cycled: one per section, the same on both sides. */
    static final int COLOURS = 6;

    private static final int PLOT_WIDTH = 640;
    private static final int PLOT_HEIGHT = 220;
    private static final int MARGIN = 30;

    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em auto;max-width:80em;color:#222;line-height:1.4}
            h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.6em}h3{font-size:1.05em}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            .note{background:#f3f3f3;border-left:4px solid #999;padding:.3em .6em}
            table.code{width:100%;table-layout:fixed;font-family:monospace;font-size:.8em}
            table.code td{border:none;padding:0 .4em;white-space:pre-wrap;vertical-align:top;overflow-wrap:anywhere}
            table.code td.ln{color:#888;text-align:right}table.code col.ln{width:3.5em}
            .m0{background:#ffe0b2}.m1{background:#c8e6c9}.m2{background:#bbdefb}.m3{background:#f8bbd0}
            .m4{background:#d1c4e9}.m5{background:#fff59d}.caption{margin:.1em 0 1em;color:#444;font-size:.9em}
            """;

    private SimilarityPage() {
    }

    /** Returns the page for {@code r}. */
    static String render(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;")
                .append(" style-src 'unsafe-inline'\"><title>Similarity: ").append(esc(r.assignment()))
                .append("</title><style>").append(STYLE).append("</style></head><body>\n");
        long students = r.compared().stream().filter(m -> m.kind() == Kind.SUBMISSION).count();
        List<Pair> flagged = r.flagged();
        sb.append("<h1>Similarity of the submissions: ").append(esc(r.assignment())).append("</h1>\n<p>")
                .append(students).append(" submissions compared with each other and with ")
                .append(esc(String.join(", ", r.compared().stream().filter(m -> m.kind() != Kind.SUBMISSION)
                        .map(Member::label).toList())))
                .append(" by JPlag ").append(esc(r.jplag())).append("; <strong>").append(flagged.size())
                .append(" pair(s) at or above ").append(Similarity.percent(r.threshold())).append("%</strong>.")
                .append(" Staff only: nothing on this page reaches a student's report.</p>\n");
        explanation(sb, r);
        histogram(sb, r);
        table(sb, r, flagged);
        leftOut(sb, r);
        sb.append("<h2>Side by side</h2>\n");
        if (flagged.isEmpty()) {
            sb.append("<p>No pair reaches the threshold.</p>\n");
        }
        for (int i = 0; i < flagged.size() && i < MAX_SIDE_BY_SIDE; i++) {
            sideBySide(sb, r, flagged.get(i), i + 1);
        }
        if (flagged.size() > MAX_SIDE_BY_SIDE) {
            sb.append("<p class=\"note\">The first ").append(MAX_SIDE_BY_SIDE).append(" flagged pairs are shown; every")
                    .append(" pair's matched lines are in similarity.json.</p>\n");
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void explanation(StringBuilder sb, Result r) {
        sb.append("<h2>How to read it</h2>\n<p>JPlag turns each submission's student files into a sequence of")
                .append(" tokens (the program's structure: declarations, calls, assignments, loops), so renaming")
                .append(" variables, reordering methods, reformatting and adding comments change nothing. The")
                .append(" <em>average similarity</em> of a pair is the share of both submissions' tokens that lie in")
                .append(" sections of at least ").append(r.minimumTokenMatch()).append(" tokens found in both; the")
                .append(" <em>maximum</em> is that share for the smaller one (high when one is contained in the")
                .append(" other). The generated starter is the base code: the lines every student was given never")
                .append(" count, which keeps even identical copies a little under 100% (a student's stretch between")
                .append(" two given lines can be shorter than the minimum match).</p>\n<p>Independent solutions still share some structure, because the handout")
                .append(" fixes the API, the formulas and most loops: the histogram shows what is normal for this")
                .append(" assignment. The threshold (").append(Similarity.percent(r.threshold()))
                .append("%, <code>--min-similarity</code>) sits well above two independent correct solutions of")
                .append(" problem set 1 (the reference and the loop-based sample, about 36%). A pair far to the right")
                .append(" of the bulk is worth reading side by side; a similarity is a reason to look, not a verdict.")
                .append(" A submission close to the reference or a sample is listed too.</p>\n");
    }

    private static void histogram(StringBuilder sb, Result r) {
        List<Pair> pairs = r.studentPairs();
        sb.append("<h2>Distribution of all ").append(pairs.size()).append(" pairs of students</h2>\n");
        if (pairs.isEmpty()) {
            sb.append("<p>Fewer than two submissions were compared.</p>\n");
            return;
        }
        int[] counts = new int[BINS];
        pairs.forEach(p -> counts[Math.min(BINS - 1, (int) (p.average() * BINS))]++);
        int highest = java.util.Arrays.stream(counts).max().orElse(1);
        double[] sorted = pairs.stream().mapToDouble(Pair::average).sorted().toArray();
        int plotW = PLOT_WIDTH - 2 * MARGIN;
        int plotH = PLOT_HEIGHT - 2 * MARGIN;
        double binW = (double) plotW / BINS;
        sb.append("<svg class=\"histogram\" role=\"img\" width=\"").append(PLOT_WIDTH).append("\" height=\"")
                .append(PLOT_HEIGHT).append("\" viewBox=\"0 0 ").append(PLOT_WIDTH).append(' ').append(PLOT_HEIGHT)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\"><title>pairs of students per 5% of average")
                .append(" similarity</title>\n");
        for (int b = 0; b < BINS; b++) {
            if (counts[b] == 0) {
                continue;
            }
            double h = (double) plotH * counts[b] / highest;
            boolean over = (b + 1.0) / BINS > r.threshold();
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                            + " fill=\"%s\"><title>%d–%d%%: %d pair(s)</title></rect>%n", MARGIN + b * binW,
                    MARGIN + plotH - h, binW - 1, h, over ? "#c62828" : "#1f5fbf", b * 100 / BINS, (b + 1) * 100 / BINS,
                    counts[b]));
        }
        double tx = MARGIN + plotW * r.threshold();
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\""
                        + " stroke-dasharray=\"5,3\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\">threshold %s%%</text>%n",
                tx, MARGIN - 5, tx, MARGIN + plotH, tx + 3, MARGIN - 8, Similarity.percent(r.threshold())));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n",
                MARGIN, MARGIN + plotH, MARGIN + plotW, MARGIN + plotH));
        for (int tick = 0; tick <= 100; tick += 20) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">"
                    + "%d%%</text>%n", MARGIN + plotW * tick / 100.0, PLOT_HEIGHT - 10, tick));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d</text>%n", 2, MARGIN + 4,
                highest));
        sb.append("</svg>\n<p class=\"caption\">Average similarity of every pair of students (").append(pairs.size())
                .append(" pairs): median ").append(Similarity.percent(Similarity.quantile(sorted, 0.5)))
                .append("%, 95th percentile ").append(Similarity.percent(Similarity.quantile(sorted, 0.95)))
                .append("%, highest ").append(Similarity.percent(sorted[sorted.length - 1]))
                .append("%. Red bars reach the threshold.</p>\n");
    }

    private static void table(StringBuilder sb, Result r, List<Pair> flagged) {
        sb.append("<h2>Pairs at or above ").append(Similarity.percent(r.threshold())).append("%, most similar first</h2>\n");
        if (flagged.isEmpty()) {
            sb.append("<p>None.</p>\n");
            return;
        }
        sb.append("<table class=\"pairs\"><tr><th class=\"num\">rank</th><th>submission</th><th>compared with</th>")
                .append("<th class=\"num\">average</th><th class=\"num\">maximum</th><th class=\"num\">matched tokens</th>")
                .append("<th></th></tr>\n");
        for (int i = 0; i < flagged.size(); i++) {
            Pair p = flagged.get(i);
            sb.append("<tr><td class=\"num\">").append(i + 1).append("</td><td>").append(esc(p.first().label()))
                    .append("</td><td>").append(esc(p.second().label())).append("</td><td class=\"num\">")
                    .append(Similarity.percent(p.average())).append("%</td><td class=\"num\">")
                    .append(Similarity.percent(p.maximum())).append("%</td><td class=\"num\">").append(p.matchedTokens())
                    .append("</td><td>").append(i < MAX_SIDE_BY_SIDE ? "<a href=\"#pair-" + (i + 1) + "\">side by side</a>"
                            : "").append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void leftOut(StringBuilder sb, Result r) {
        if (r.notCompared().isEmpty() && r.notes().isEmpty()) {
            return;
        }
        sb.append("<h2>Left out and notes</h2>\n<ul>\n");
        r.notCompared().forEach(n -> sb.append("<li>").append(esc(n.name())).append(": not compared: ")
                .append(esc(n.text())).append("</li>\n"));
        r.notes().forEach(n -> sb.append("<li>").append(esc(n.name())).append(": ").append(esc(n.text()))
                .append("</li>\n"));
        sb.append("</ul>\n");
    }

    private static void sideBySide(StringBuilder sb, Result r, Pair p, int rank) {
        sb.append("<section id=\"pair-").append(rank).append("\"><h3>").append(rank).append(". ")
                .append(esc(p.first().label())).append(" and ").append(esc(p.second().label())).append(": ")
                .append(Similarity.percent(p.average())).append("% average, ").append(Similarity.percent(p.maximum()))
                .append("% maximum</h3>\n");
        Map<String, String[]> left = marks(p, true, r.sources().getOrDefault(p.first(), new TreeMap<>()));
        Map<String, String[]> right = marks(p, false, r.sources().getOrDefault(p.second(), new TreeMap<>()));
        TreeSet<String> files = new TreeSet<>();
        p.matches().forEach(m -> {
            m.first().forEach(x -> files.add(x.file()));
            m.second().forEach(x -> files.add(x.file()));
        });
        SortedMap<String, String> a = r.sources().getOrDefault(p.first(), new TreeMap<>());
        SortedMap<String, String> b = r.sources().getOrDefault(p.second(), new TreeMap<>());
        for (String file : files) {
            String[] linesA = lines(a.get(file));
            String[] linesB = lines(b.get(file));
            String[] marksA = left.getOrDefault(file, new String[linesA.length]);
            String[] marksB = right.getOrDefault(file, new String[linesB.length]);
            sb.append("<table class=\"code\"><colgroup><col class=\"ln\"><col><col class=\"ln\"><col></colgroup>")
                    .append("<tr><th colspan=\"2\">").append(esc(p.first().label())).append(": ")
                    .append(esc(file)).append("</th><th colspan=\"2\">").append(esc(p.second().label())).append(": ")
                    .append(esc(file)).append("</th></tr>\n");
            for (int i = 0; i < Math.max(linesA.length, linesB.length); i++) {
                sb.append("<tr>");
                cell(sb, linesA, marksA, i);
                cell(sb, linesB, marksB, i);
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("</section>\n");
    }

    private static void cell(StringBuilder sb, String[] lines, String[] marks, int i) {
        if (i >= lines.length) {
            sb.append("<td class=\"ln\"></td><td></td>");
            return;
        }
        String mark = i < marks.length ? marks[i] : null;
        sb.append("<td class=\"ln\">").append(i + 1).append("</td><td").append(mark == null ? "" : " class=\"" + mark + "\"")
                .append('>').append(esc(lines[i])).append("</td>");
    }

    /** Per file of one side, the colour class of each line a match covers (null where none does). */
    private static Map<String, String[]> marks(Pair p, boolean first, SortedMap<String, String> sources) {
        Map<String, String[]> marks = new TreeMap<>();
        for (int k = 0; k < p.matches().size(); k++) {
            Similarity.Match m = p.matches().get(k);
            for (Range range : first ? m.first() : m.second()) {
                String[] fileMarks = marks.computeIfAbsent(range.file(), f -> new String[lines(sources.get(f)).length]);
                for (int line = range.start(); line <= range.end() && line <= fileMarks.length; line++) {
                    fileMarks[line - 1] = "m" + (k % COLOURS);
                }
            }
        }
        return marks;
    }

    private static String[] lines(String text) {
        return text == null ? new String[0] : text.split("\r\n|\r|\n", -1);
    }
}
