package nnlab.grader.course.audit;

import static nnlab.grader.report.html.Html.esc;

import java.util.Locale;

/** The audit's page: the figures per part and task, then every survivor's diff and the tests that ran on it. */
final class AuditPage {

    private AuditPage() {
    }

    static String html(AuditReport r) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc("Audit of " + r.assignment())).append("</title><style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
                        + "td:first-child{text-align:left}pre{background:#f6f6f6;padding:.5em;overflow-x:auto}"
                        + ".del{color:#a00}.add{color:#070}</style></head><body>\n");
        sb.append("<h1>").append(esc("Audit of " + r.assignment())).append("</h1>\n<p>")
                .append(esc(String.format(Locale.ROOT, "%d mutants made from %d changes proposed (%d tried in the seed's"
                                + " order, %d did not compile, %d left the sample unchanged); %.0f s.",
                        r.totals().made(), r.generation().proposed(), r.generation().tried(),
                        r.generation().notCompiling(), r.generation().unchanged(), r.seconds())))
                .append("</p>\n<table><tr><th></th><th>made</th><th>killed</th><th>survived</th>"
                        + "<th>probably equivalent</th><th>named</th><th>errors</th><th>allow-listed</th></tr>\n");
        row(sb, "total", r.totals());
        r.parts().forEach((part, c) -> row(sb, "Part " + part, c));
        r.tasks().forEach((task, c) -> row(sb, task, c));
        sb.append("</table>\n<h2>Survivors</h2>\n");
        r.mutants().stream().filter(f -> f.status().equals(AuditReport.SURVIVED)).forEach(f -> {
            Mutant m = f.mutant();
            sb.append("<h3 id=\"").append(esc(m.id())).append("\">").append(esc(m.id() + ": " + m.operator() + " in "
                    + m.task() + " " + m.section() + ", " + m.file() + ":" + m.line())).append("</h3>\n<pre>");
            for (String line : m.diff().split("\n")) {
                String cls = line.startsWith("-") && !line.startsWith("---") ? "del"
                        : line.startsWith("+") && !line.startsWith("+++") ? "add" : null;
                sb.append(cls == null ? esc(line) : "<span class=\"" + cls + "\">" + esc(line) + "</span>").append('\n');
            }
            sb.append("</pre>\n<p>Tests of Part ").append(m.part()).append(" that ran on it (all full marks):</p><ul>\n");
            f.tests().forEach(t -> sb.append("<li>").append(esc(String.format(Locale.ROOT, "%s (%.2f/%.2f)", t.name(),
                    t.score(), t.maxScore()))).append("</li>\n"));
            sb.append("</ul>\n");
        });
        sb.append("<h2>Equivalent (allow-listed)</h2>\n<ul>\n");
        r.mutants().stream().filter(f -> f.status().equals(AuditReport.ALLOW_LISTED)).forEach(f -> sb.append("<li>")
                .append(esc(f.mutant().id() + " " + AllowList.key(f.mutant()) + ": " + f.whyEquivalent()))
                .append("</li>\n"));
        sb.append("</ul>\n<h2>Probably equivalent</h2>\n<ul>\n");
        r.mutants().stream().filter(f -> f.status().equals(AuditReport.EQUIVALENT)).forEach(f -> sb.append("<li>")
                .append(esc(f.mutant().id() + " " + f.mutant().task() + " " + f.mutant().file() + ":" + f.mutant().line()))
                .append("<pre>").append(esc(f.mutant().diff())).append("</pre></li>\n"));
        return sb.append("</ul>\n</body></html>\n").toString();
    }

    private static void row(StringBuilder sb, String label, AuditReport.Counts c) {
        sb.append("<tr><td>").append(esc(label)).append("</td>");
        for (int v : new int[] {c.made(), c.killed(), c.survived(), c.probablyEquivalent(), c.named(), c.errors(),
            c.allowListed()}) {
            sb.append("<td>").append(v).append("</td>");
        }
        sb.append("</tr>\n");
    }
}
