package nnlab.grader.report.html;

import static nnlab.grader.report.html.Html.esc;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The TA page for a batch: a folder with one sub-folder per student, each holding a {@code results.json}. Writes each
 * student's TA report next to its results ({@code report.html}) and an {@code index.html} with the score histogram,
 * per-test pass rates (most failed first) and links to the reports.
 */
public final class BatchPage {

    /** Bins of the score histogram. */
    private static final int HISTOGRAM_BINS = 10;
    /** The file name of each student's report, next to its results. */
    public static final String REPORT = "report.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchPage() {
    }

    /** One student's graded results. */
    record Student(String id, JsonNode results) {
    }

    /**
     * Writes every student's report and {@code folder/index.html}; returns the index. Sub-folders without a
     * {@code results.json} are skipped; the folder must exist.
     */
    public static Path write(Path folder) throws IOException {
        List<Student> students = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path dir : dirs.sorted().toList()) {
                Path results = dir.resolve("results.json");
                if (Files.isDirectory(dir) && Files.isRegularFile(results)) {
                    JsonNode tree = JSON.readTree(results.toFile());
                    students.add(new Student(dir.getFileName().toString(), tree));
                    Files.writeString(dir.resolve(REPORT), HtmlReport.render(tree, Audience.TA));
                }
            }
        }
        Path index = folder.resolve("index.html");
        Files.writeString(index, render(students));
        return index;
    }

    /** Returns the batch page for {@code students}, linking to {@code ID/report.html}. */
    static String render(List<Student> students) {
        List<Double> scores = new ArrayList<>();
        double max = 0;
        Map<String, int[]> passes = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Student s : students) {
            scores.add(s.results().path("score").asDouble());
            double studentMax = 0;
            for (JsonNode t : s.results().path("tests")) {
                studentMax += t.path("max_score").asDouble();
                String number = t.path("number").asText();
                names.putIfAbsent(number, t.path("name").asText());
                int[] p = passes.computeIfAbsent(number, k -> new int[2]);
                p[1]++;
                if ("passed".equals(t.path("status").asText())) {
                    p[0]++;
                }
            }
            max = Math.max(max, studentMax);
        }
        StringBuilder sb = new StringBuilder(Html.head("Batch report"));
        sb.append("<h1>Batch report</h1>\n<p>").append(students.size()).append(" submissions, out of ")
                .append(Html.points(max)).append(" points.</p>\n");
        if (!students.isEmpty()) {
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
        sb.append("</table>\n<h2>Students</h2>\n<table class=\"students\"><tr><th>student</th>"
                + "<th class=\"num\">score</th></tr>\n");
        for (Student s : students) {
            String href = URLEncoder.encode(s.id(), StandardCharsets.UTF_8).replace("+", "%20") + "/" + REPORT;
            sb.append("<tr><td><a href=\"").append(esc(href)).append("\">").append(esc(s.id()))
                    .append("</a></td><td class=\"num\">").append(Html.points(s.results().path("score").asDouble()))
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n</body></html>\n");
        return sb.toString();
    }

    private static double rate(int[] passedOfRun) {
        return passedOfRun[1] == 0 ? 0 : (double) passedOfRun[0] / passedOfRun[1];
    }
}
