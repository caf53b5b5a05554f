package nnlab.grader.report.html;

import static nnlab.grader.report.html.Html.esc;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import nnlab.grader.Score;
import nnlab.grader.report.AtomicFile;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;
import nnlab.grader.report.TestResult;

/**
 * The TA page of a graded batch, the output folder of {@code grade-all}: brings each student's reports up to date
 * ({@code reports/NAME.html} for the student, {@code reports/ta/NAME.html} for the TA, from
 * {@code results/NAME.json}) and writes {@code index.html} with the score histogram, per-test pass rates (most failed
 * first), how many students each named mistake was diagnosed for, and links to every report.
 */
public final class BatchPage {

    /** Bins of the score histogram. */
    private static final int HISTOGRAM_BINS = 10;
    /** The status grade-all gives a submission it graded; results without one count as graded too. */
    private static final String GRADED = "graded";

    private BatchPage() {
    }

    /** One student's graded results, under its submission name. */
    record Student(String name, ResultsDocument results) {

        String status() {
            RunData.Batch batch = results.extraData().batch();
            return batch == null || batch.status() == null ? GRADED : batch.status();
        }
    }

    /** A results file that could not be read, and why. */
    record Unreadable(String name, String reason) {
    }

    /** Returns where the student's report of submission {@code name} goes under the batch folder {@code out}. */
    public static Path studentReport(Path out, String name) {
        return out.resolve("reports").resolve(name + ".html");
    }

    /** Returns where the TA's report of submission {@code name} goes under the batch folder {@code out}. */
    public static Path taReport(Path out, String name) {
        return out.resolve("reports").resolve("ta").resolve(name + ".html");
    }

    /**
     * Writes the reports that are missing or out of date (older than their results, or a student's report written
     * before the after-due-date tests were released, when they are by {@code now}) and {@code out/index.html};
     * returns the index. A results file that cannot be read is listed on the page with the reason instead of stopping
     * the others.
     *
     * @throws IOException when {@code out/results} cannot be listed or a page cannot be written
     */
    public static Path write(Path out, Instant now) throws IOException {
        List<Student> students = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        Path folder = out.resolve("results");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")
                        && !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                    String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                    try {
                        ResultsDocument results = ResultsDocument.read(file);
                        refresh(results, file, studentReport(out, name), Audience.studentAt(results, now), now);
                        refresh(results, file, taReport(out, name), Audience.TA, now);
                        students.add(new Student(name, results));
                    } catch (IOException e) {
                        unreadable.add(new Unreadable(name, e.getMessage()));
                    }
                }
            }
        }
        Path index = out.resolve("index.html");
        String page = withSimilarityLink(render(students, unreadable), out);
        AtomicFile.write(index, page.getBytes(StandardCharsets.UTF_8));
        return index;
    }

    /** The staff-only page {@code course similarity} writes beside the batch's results. */
    static final String SIMILARITY_PAGE = "similarity.html";

    /**
     * Returns {@code page} with a link to {@value #SIMILARITY_PAGE} under its title when {@code course similarity} has
     * written one into {@code out}; {@code page} unchanged otherwise.
     */
    static String withSimilarityLink(String page, Path out) {
        if (!Files.isRegularFile(out.resolve(SIMILARITY_PAGE))) {
            return page;
        }
        return page.replaceFirst("</h1>\n", "</h1>\n<p class=\"similarity\"><a href=\"" + SIMILARITY_PAGE
                + "\">Similarity of the submissions</a>: which pairs share their code (JPlag), to read side by side."
                + "</p>\n");
    }

    private static void refresh(ResultsDocument results, Path source, Path report, Audience audience, Instant now)
            throws IOException {
        if (Files.isRegularFile(report)) {
            FileTime written = Files.getLastModifiedTime(report);
            boolean upToDate = written.compareTo(Files.getLastModifiedTime(source)) >= 0;
            Instant release = Audience.afterDueDateShownFrom(results);
            boolean releasedSinceWritten = audience != Audience.TA && release != null
                    && written.toInstant().isBefore(release) && !now.isBefore(release);
            if (upToDate && !releasedSinceWritten) {
                return;
            }
        }
        HtmlReport.write(results, report, audience);
    }

    /**
     * Ranks the submissions by the first quantity of their Gradescope {@code leaderboard}, as Gradescope does (higher
     * first unless its order is "asc"); nothing when no result has one.
     */
    private static void leaderboard(StringBuilder sb, List<Student> students) {
        List<Student> ranked = new ArrayList<>(students.stream()
                .filter(s -> !s.results().leaderboard().isEmpty()).toList());
        if (ranked.isEmpty()) {
            return;
        }
        ResultsDocument.LeaderboardEntry first = ranked.get(0).results().leaderboard().get(0);
        Comparator<Student> byValue = Comparator.comparingDouble(s -> s.results().leaderboard().get(0).value());
        ranked.sort(first.higherFirst() ? byValue.reversed() : byValue);
        sb.append("<h2>Leaderboard: ").append(esc(first.name())).append("</h2>\n<table class=\"leaderboard\">"
                + "<tr><th class=\"num\">rank</th><th>submission</th><th class=\"num\">value</th></tr>\n");
        for (int i = 0; i < ranked.size(); i++) {
            Student s = ranked.get(i);
            sb.append("<tr><td class=\"num\">").append(i + 1).append("</td><td>").append(esc(s.name()))
                    .append("</td><td class=\"num\">").append(s.results().leaderboard().get(0).value())
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    /** Returns the batch page for {@code students}, linking to their reports under {@code reports/}. */
    static String render(List<Student> students, List<Unreadable> unreadable) {
        List<Double> scores = new ArrayList<>();
        double max = 0;
        Map<String, int[]> passes = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Student s : students) {
            if (!s.status().equals(GRADED)) {
                continue;
            }
            scores.add(s.results().score());
            for (TestResult t : s.results().tests()) {
                names.putIfAbsent(t.number(), t.name());
                int[] p = passes.computeIfAbsent(t.number(), k -> new int[2]);
                p[1]++;
                if (t.passed()) {
                    p[0]++;
                }
            }
            max = Math.max(max, s.results().maxScore());
        }
        StringBuilder sb = new StringBuilder(Html.head("Batch report"));
        sb.append("<h1>Batch report</h1>\n<p>").append(students.size()).append(" submissions, ").append(scores.size())
                .append(" graded, out of ").append(Html.points(max)).append(" points.</p>\n");
        if (!scores.isEmpty()) {
            sb.append("<img class=\"histogram\" alt=\"score distribution\" src=\"")
                    .append(Plots.histogram(scores, max, HISTOGRAM_BINS)).append("\">\n");
        }
        sb.append("<h2>Pass rate per test (most failed first)</h2>\n<table class=\"pass-rates\"><tr><th>test</th>"
                + "<th class=\"num\">passed</th><th class=\"num\">rate</th><th></th></tr>\n");
        List<Map.Entry<String, int[]>> rates = new ArrayList<>(passes.entrySet());
        rates.sort(Comparator.comparingDouble((Map.Entry<String, int[]> e) -> rate(e.getValue())));
        for (Map.Entry<String, int[]> e : rates) {
            int[] p = e.getValue();
            int failedPercent = (int) Math.round(100 * (1 - rate(p)));
            sb.append("<tr><td>").append(esc(names.get(e.getKey()))).append("</td><td class=\"num\">").append(p[0])
                    .append(" / ").append(p[1]).append("</td><td class=\"num\">")
                    .append(Math.round(100 * rate(p))).append("%</td><td><span class=\"bar\" style=\"width:")
                    .append(failedPercent).append("px\"></span></td></tr>\n");
        }
        sb.append("</table>\n");
        mistakes(sb, students);
        sb.append("<h2>Students</h2>\n<table class=\"students\"><tr><th>submission</th><th>status</th>"
                + "<th class=\"num\">score</th><th>student's view</th></tr>\n");
        for (Student s : students) {
            String file = URLEncoder.encode(s.name(), StandardCharsets.UTF_8).replace("+", "%20") + ".html";
            RunData.Late late = s.results().extraData().late();
            boolean penalized = late != null && late.penalized();
            sb.append("<tr class=\"").append(s.status().equals(GRADED) ? penalized ? "late" : "" : "failed")
                    .append("\"><td><a href=\"")
                    .append(esc("reports/ta/" + file)).append("\">").append(esc(s.name())).append("</a></td><td>")
                    .append(esc(s.status())).append(penalized ? " — late: " + late.lateDaysUsed()
                            + " day(s), " + Html.points(late.rawScore()) + " before the penalty"
                            : "").append("</td><td class=\"num\">")
                    .append(Html.points(s.results().score())).append("</td><td><a href=\"")
                    .append(esc("reports/" + file)).append("\">report</a></td></tr>\n");
        }
        sb.append("</table>\n");
        leaderboard(sb, students);
        if (!unreadable.isEmpty()) {
            sb.append("<h2>Unreadable results</h2>\n<ul class=\"failed\">\n");
            unreadable.forEach(u -> sb.append("<li>").append(esc(u.name())).append(": ").append(esc(u.reason()))
                    .append("</li>\n"));
            sb.append("</ul>\n");
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    /** How many graded students each named mistake was diagnosed for, most frequent first: what to reteach. */
    private static void mistakes(StringBuilder sb, List<Student> students) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> messages = new LinkedHashMap<>();
        for (Student s : students) {
            if (!s.status().equals(GRADED)) {
                continue;
            }
            Set<String> seen = new TreeSet<>();
            for (TestResult t : s.results().tests()) {
                for (Score.Mistake m : t.extraData().mistakes()) {
                    seen.add(m.id());
                    messages.putIfAbsent(m.id(), m.message());
                }
            }
            seen.forEach(id -> counts.merge(id, 1, Integer::sum));
        }
        if (counts.isEmpty()) {
            return;
        }
        List<Map.Entry<String, Integer>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        sb.append("<h2>Named mistakes (students)</h2>\n<table class=\"mistakes\"><tr><th>mistake</th>"
                + "<th class=\"num\">students</th></tr>\n");
        for (Map.Entry<String, Integer> e : rows) {
            sb.append("<tr><td>").append(esc(messages.get(e.getKey())))
                    .append("</td><td class=\"num\">").append(e.getValue()).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static double rate(int[] passedOfRun) {
        return passedOfRun[1] == 0 ? 0 : (double) passedOfRun[0] / passedOfRun[1];
    }
}
