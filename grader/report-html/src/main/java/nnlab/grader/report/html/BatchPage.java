package nnlab.grader.report.html;

import static nnlab.grader.report.html.Html.esc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import nnlab.grader.Reader;
import nnlab.grader.Score;
import nnlab.grader.report.AtomicFile;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;
import nnlab.grader.report.SubmissionStatus;
import nnlab.grader.report.TestResult;

/**
 * The TA page of a graded batch ({@link BatchFolder}): brings each student's reports up to date (the student's and
 * the TA's, from the results read once) and writes the index page with the score histogram, per-test pass rates (most failed
 * first), how many students each named mistake was diagnosed for, and links to every report; with {@link Notes}, the
 * gradebook's problems a TA must act on before importing it (roster students with no submission, submissions on no
 * roster, a missing Canvas assignment id) at the top.
 */
public final class BatchPage {

    /** Bins of the score histogram. */
    private static final int HISTOGRAM_BINS = 10;

    private BatchPage() {
    }

    /** One student's graded results, under its submission name. */
    record Student(String name, ResultsDocument results) {

        SubmissionStatus status() {
            RunData.Batch batch = results.extraData().batch();
            return batch == null ? SubmissionStatus.GRADED : batch.status();
        }
    }

    /**
     * What the gradebook found that the results do not say, shown at the top of the page: {@code warnings} (each a
     * sentence saying what to do), the roster students with {@code noSubmission}, and the submissions
     * {@code notOnRoster}, kept out of the Canvas import and listed in {@code notOnRosterFile}.
     */
    public record Notes(List<String> warnings, List<String> noSubmission, List<String> notOnRoster,
                        String notOnRosterFile) {

        /** No gradebook notes: a page from the results alone. */
        public static final Notes NONE = new Notes(List.of(), List.of(), List.of(), "");

        /** Copies the lists. */
        public Notes {
            warnings = List.copyOf(warnings);
            noSubmission = List.copyOf(noSubmission);
            notOnRoster = List.copyOf(notOnRoster);
        }
    }

    /**
     * Writes the reports of {@code read}, the batch {@code batch}'s results, that are missing or out of date (older
     * than their results, or a student's report written before the after-due-date tests were released, when they are
     * by {@code now}) and the batch's index page, with the gradebook's {@code notes}; returns the index. The files
     * that could not be read are listed on the page with the reason instead of stopping the others.
     *
     * @throws IOException when a page cannot be written
     */
    public static Path write(BatchFolder batch, BatchFolder.Read read, Instant now, Notes notes) throws IOException {
        List<Student> students = new ArrayList<>();
        for (BatchFolder.Graded g : read.graded()) {
            Path source = batch.result(g.name());
            refresh(g.results(), source, batch.studentReport(g.name()), g.results().studentAt(now), now);
            refresh(g.results(), source, batch.taReport(g.name()), Reader.TA, now);
            students.add(new Student(g.name(), g.results()));
        }
        Path index = batch.index();
        String page = withSimilarityLink(render(students, read.unreadable(), notes), batch);
        AtomicFile.write(index, page.getBytes(StandardCharsets.UTF_8));
        return index;
    }

    /**
     * Returns {@code page} with a link to the similarity page under its title when {@code course similarity} has
     * written one into {@code batch}; {@code page} unchanged otherwise.
     */
    static String withSimilarityLink(String page, BatchFolder batch) {
        if (!Files.isRegularFile(batch.similarityPage())) {
            return page;
        }
        return page.replaceFirst("</h1>\n", "</h1>\n<p class=\"similarity\"><a href=\"" + BatchFolder.SIMILARITY_PAGE
                + "\">Similarity of the submissions</a>: which pairs share their code (JPlag), to read side by side."
                + "</p>\n");
    }

    private static void refresh(ResultsDocument results, Path source, Path report, Reader reader, Instant now)
            throws IOException {
        if (Files.isRegularFile(report)) {
            Instant written = Files.getLastModifiedTime(report).toInstant();
            boolean upToDate = !written.isBefore(Files.getLastModifiedTime(source).toInstant());
            boolean stale = reader != Reader.TA && (passedSince(RunData.instant(results.extraData()
                    .afterDueDateRelease()), written, now)
                    || passedSince(RunData.instant(results.extraData().due()), written, now));
            if (upToDate && !stale) {
                return;
            }
        }
        HtmlReport.write(results, report, reader, now);
    }

    /**
     * Returns whether {@code moment} (the due date, or when late submissions close) came between a student's report
     * being {@code written} and {@code now}: the report then says something no longer true.
     */
    private static boolean passedSince(Instant moment, Instant written, Instant now) {
        return moment != null && written.isBefore(moment) && !now.isBefore(moment);
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
    static String render(List<Student> students, List<BatchFolder.Unreadable> unreadable, Notes notes) {
        List<Double> scores = new ArrayList<>();
        double max = 0;
        Map<String, int[]> passes = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Student s : students) {
            if (s.status() != SubmissionStatus.GRADED) {
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
        gradebookNotes(sb, notes);
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
            long percent = Math.round(100 * rate(p));
            sb.append("<tr><td>").append(esc(names.get(e.getKey()))).append("</td><td class=\"num\">").append(p[0])
                    .append(" / ").append(p[1]).append("</td><td class=\"num\">").append(percent)
                    .append("%</td><td><span class=\"bar\" title=\"").append(percent).append("% passed\"><span style=\"width:")
                    .append(percent).append("%\"></span></span></td></tr>\n");
        }
        sb.append("</table>\n");
        mistakes(sb, students);
        sb.append("<h2>Students</h2>\n<table class=\"students\"><tr><th>submission</th><th>status</th>"
                + "<th class=\"num\">score</th><th>student's view</th></tr>\n");
        for (Student s : students) {
            RunData.Late late = s.results().extraData().late();
            boolean penalized = late != null && late.penalized();
            sb.append("<tr class=\"").append(s.status() == SubmissionStatus.GRADED ? penalized ? "late" : "" : "failed")
                    .append("\"><td><a href=\"")
                    .append(esc(BatchFolder.taReportHref(s.name()))).append("\">").append(esc(s.name())).append("</a></td><td>")
                    .append(esc(s.status().json())).append(penalized ? " — late: " + late.lateDaysUsed()
                            + " day(s), " + Html.points(late.rawScore()) + " before the penalty"
                            : "").append("</td><td class=\"num\">")
                    .append(Html.points(s.results().score())).append("</td><td><a href=\"")
                    .append(esc(BatchFolder.studentReportHref(s.name()))).append("\">report</a></td></tr>\n");
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

    /** The gradebook's problems, before the statistics: what a TA must settle before importing the grades. */
    private static void gradebookNotes(StringBuilder sb, Notes notes) {
        if (notes.warnings().isEmpty() && notes.noSubmission().isEmpty() && notes.notOnRoster().isEmpty()) {
            return;
        }
        sb.append("<h2>Roster and gradebook</h2>\n");
        notes.warnings().forEach(w -> sb.append("<p class=\"warning\">").append(esc(w)).append("</p>\n"));
        if (!notes.noSubmission().isEmpty()) {
            sb.append("<p>").append(notes.noSubmission().size()).append(" roster student(s) with no submission:</p>\n"
                    + "<ul class=\"no-submission\">\n");
            notes.noSubmission().forEach(n -> sb.append("<li>").append(esc(n)).append("</li>\n"));
            sb.append("</ul>\n");
        }
        if (!notes.notOnRoster().isEmpty()) {
            sb.append("<p>").append(notes.notOnRoster().size()).append(" submission(s) match no roster student: graded,"
                    + " but left out of the Canvas import").append(notes.notOnRosterFile().isEmpty() ? ""
                    : " and listed in " + esc(notes.notOnRosterFile())).append(". Add the student to the roster (or"
                    + " a Submission column naming the folder) and run course gradebook again; nothing is regraded:</p>\n"
                    + "<ul class=\"not-on-roster\">\n");
            notes.notOnRoster().forEach(n -> sb.append("<li>").append(esc(n)).append("</li>\n"));
            sb.append("</ul>\n");
        }
    }

    /** How many graded students each named mistake was diagnosed for, most frequent first: what to reteach. */
    private static void mistakes(StringBuilder sb, List<Student> students) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> messages = new LinkedHashMap<>();
        for (Student s : students) {
            if (s.status() != SubmissionStatus.GRADED) {
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
