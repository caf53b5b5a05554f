package nnlab.grader.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.Text;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;
import nnlab.grader.report.SubmissionStatus;
import nnlab.grader.report.TestResult;
import nnlab.grader.report.html.BatchFolder;
import nnlab.grader.report.html.BatchPage;

/**
 * The gradebook of one problem set, built from a batch's final results: a CSV in Canvas's import layout (Student, ID,
 * SIS User ID, SIS Login ID, Section, "TITLE (ID)"), and a plain CSV and JSON with per-part scores, late days,
 * penalty and grading status. One row per submission, plus a "no_submission" row for each roster student without
 * one (0 points with the note "no submission", or an empty score when the course leaves it blank); with a roster, a
 * submission that no roster student owns carries the note "not on the roster" and is left out of the Canvas import
 * (Canvas could not match it to a student) and listed in {@value BatchFolder#NOT_ON_ROSTER} instead. It holds no timings, so
 * grading the same submissions with the same seed gives the same files.
 */
public final class Gradebook {

    /** The reason a roster student without a submission scores 0. */
    public static final String NO_SUBMISSION_NOTE = "no submission";
    /** The note on a submission that no roster student owns. */
    public static final String NOT_ON_ROSTER = "not on the roster";

    /** One row; {@code onRoster} is false only for a submission that a given roster does not list. */
    public record Row(Roster.Student student, String submission, SubmissionStatus status, String reason, double rawScore,
                      long lateDays, long penalizedDays, double penaltyPoints, Double score, double maxScore,
                      Map<String, Double> parts, String seed, boolean onRoster) {
    }

    private final AssignmentSpec spec;
    private final List<Row> rows;
    private final boolean withRoster;
    private final List<String> rosterAssignments;

    private Gradebook(AssignmentSpec spec, List<Row> rows, Roster roster) {
        this.spec = spec;
        this.rows = rows;
        this.withRoster = !roster.isEmpty();
        this.rosterAssignments = roster.canvasAssignments();
    }

    /** Returns the rows, sorted by student name, then id, then submission. */
    public List<Row> rows() {
        return rows;
    }

    /**
     * Builds the gradebook from a batch's final results, {@code graded} (read once, by {@link BatchFolder#read});
     * {@code roster} supplies student details (overriding those recorded at grading time) and the students with no
     * submission, who get 0 points when {@code absentAsZero}, else an empty score.
     */
    public static Gradebook build(AssignmentSpec spec, List<BatchFolder.Graded> graded, Roster roster,
                                  boolean absentAsZero) {
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (BatchFolder.Graded g : graded) {
            ResultsDocument r = g.results();
            RunData extra = r.extraData();
            RunData.Batch batch = extra.batch();
            String submission = batch != null && batch.submission() != null ? batch.submission() : g.name();
            Roster.Student student = roster.lookup(submission);
            if (student.sisUserId().isEmpty() && batch != null && batch.student() != null) {
                RunData.Student s = batch.student();
                student = new Roster.Student(orEmpty(s.name()), orEmpty(s.id()), orEmpty(s.sisUserId()),
                        orEmpty(s.sisLoginId()), orEmpty(s.section()));
            }
            seen.add(student.id());
            SubmissionStatus status = batch != null ? batch.status() : SubmissionStatus.GRADED;
            RunData.Late late = extra.late();
            double score = r.score();
            String reason = Text.name(batch != null && batch.reason() != null ? batch.reason() : "");
            boolean onRoster = roster.isEmpty() || roster.find(submission).isPresent();
            if (!onRoster) {
                reason = reason.isEmpty() ? NOT_ON_ROSTER : NOT_ON_ROSTER + "; " + reason;
            }
            // Submission folders are named by students (repository names, say): shown escaped, like every name.
            rows.add(new Row(student, Text.name(submission), status, reason,
                    late != null ? late.rawScore() : score,
                    late != null ? late.lateDaysUsed() : 0, late != null ? late.lateDaysPenalized() : 0,
                    late != null ? late.penaltyPoints() : 0, status == SubmissionStatus.GRADER_ERROR ? null : score,
                    r.maxScore() > 0 ? r.maxScore() : spec.totalPoints(), parts(spec, r),
                    extra.seed() == null ? "" : extra.seed().toString(), onRoster));
        }
        for (Roster.Student s : roster.students()) {
            if (!seen.contains(s.id())) {
                rows.add(new Row(s, "", SubmissionStatus.NO_SUBMISSION, NO_SUBMISSION_NOTE, 0, 0, 0, 0, absentAsZero ? 0.0 : null,
                        spec.totalPoints(), Map.of(), "", true));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.student().name().toLowerCase(Locale.ROOT))
                .thenComparing(r -> r.student().id()).thenComparing(Row::submission));
        return new Gradebook(spec, rows, roster);
    }

    private static Map<String, Double> parts(AssignmentSpec spec, ResultsDocument results) {
        Map<String, Double> parts = new LinkedHashMap<>();
        spec.parts().forEach(p -> parts.put(p.id(), 0.0));
        for (TestResult t : results.tests()) {
            AssignmentSpec.Part p = spec.partOf(t.number());
            if (p != null) {
                parts.merge(p.id(), t.score(), Double::sum);
            }
        }
        parts.replaceAll((k, v) -> ResultsDocument.round(v));
        return parts;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The Canvas column's heading: "TITLE (ID)", where ID is Canvas's assignment id when known. */
    public String canvasColumn(String canvasId) {
        return spec.title() + " (" + (canvasId == null ? spec.id() : canvasId) + ")";
    }

    /**
     * Returns the Canvas import CSV: one row per roster student (per submission when there is no roster), none for a
     * submission the roster does not list. A grader error, or a missing submission when the course leaves those
     * blank, leaves the cell empty (Canvas leaves the grade unchanged); everything else, refused submissions and
     * missing ones scored 0 included, carries the final score.
     */
    public String canvasCsv(String canvasId) {
        List<List<String>> records = new ArrayList<>();
        records.add(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", canvasColumn(canvasId)));
        for (Row r : rows) {
            if (!r.onRoster()) {
                continue;
            }
            Roster.Student s = r.student();
            records.add(List.of(s.name(), s.id(), s.sisUserId(), s.sisLoginId(), s.section(),
                    r.score() == null ? "" : points(r.score())));
        }
        return Csv.format(records);
    }

    /** Returns the rows of the submissions that the roster does not list: none without a roster. */
    public List<Row> notOnRoster() {
        return rows.stream().filter(r -> !r.onRoster()).toList();
    }

    /**
     * Returns {@value BatchFolder#NOT_ON_ROSTER}: each submission the roster does not list, with its status and final score,
     * for the TA to match by hand (or add to the roster and rebuild the gradebook).
     */
    public String notOnRosterCsv() {
        List<List<String>> records = new ArrayList<>();
        records.add(List.of("submission", "status", "score", "max_score"));
        for (Row r : notOnRoster()) {
            records.add(List.of(r.submission(), r.status().json(), r.score() == null ? "" : points(r.score()),
                    points(r.maxScore())));
        }
        return Csv.format(records);
    }

    /**
     * Returns what the batch page must say about this gradebook: a missing roster or Canvas assignment id (each with
     * what to do), the roster students with no submission and the submissions on no roster.
     */
    public BatchPage.Notes notes(String canvasId) {
        List<String> warnings = new ArrayList<>();
        if (canvasId == null) {
            warnings.add(missingCanvasId());
        }
        if (!withRoster) {
            warnings.add("No --roster: every submission is listed under its folder name, and the Canvas import's"
                    + " Student and ID columns hold that name; Canvas matches a row only when it is a Canvas user id."
                    + " Export the roster from Canvas (docs/ta-guide.md) and pass it with --roster.");
        }
        List<String> absent = rows.stream().filter(r -> r.status() == SubmissionStatus.NO_SUBMISSION)
                .map(r -> r.student().name() + " (" + r.student().id() + ")").toList();
        List<String> unknown = notOnRoster().stream().map(Row::submission).toList();
        return new BatchPage.Notes(warnings, absent, unknown, unknown.isEmpty() ? "" : BatchFolder.NOT_ON_ROSTER);
    }

    /** The warning for a gradebook written without Canvas's assignment id, saying where to find it. */
    String missingCanvasId() {
        return "No --canvas-id: the Canvas import's grade column is \"" + canvasColumn(null) + "\", which Canvas does"
                + " not match to an existing assignment. Find the assignment's id in Canvas (the number after"
                + " /assignments/ in its address, docs/ta-guide.md) and run course gradebook again with --canvas-id ID."
                + (rosterAssignments.isEmpty() ? "" : " The roster's columns name these Canvas assignments: "
                + String.join(", ", rosterAssignments) + ".");
    }

    /** Returns the plain CSV: identity, status, raw score, late days, penalty, final score and one column per part. */
    public String plainCsv() {
        List<List<String>> records = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("student", "id", "sis_user_id", "sis_login_id", "section",
                "submission", "status", "reason", "raw_score", "late_days", "late_days_penalized", "penalty", "score",
                "max_score"));
        spec.parts().forEach(p -> header.add(p.id()));
        header.add("seed");
        records.add(header);
        for (Row r : rows) {
            Roster.Student s = r.student();
            List<String> rec = new ArrayList<>(List.of(s.name(), s.id(), s.sisUserId(), s.sisLoginId(), s.section(),
                    r.submission(), r.status().json(), r.reason(), points(r.rawScore()), Long.toString(r.lateDays()),
                    Long.toString(r.penalizedDays()), points(r.penaltyPoints()),
                    r.score() == null ? "" : points(r.score()), points(r.maxScore())));
            spec.parts().forEach(p -> rec.add(r.parts().containsKey(p.id()) ? points(r.parts().get(p.id())) : ""));
            rec.add(r.seed());
            records.add(rec);
        }
        return Csv.format(records);
    }

    /** Returns the JSON gradebook: the assignment, then one object per row with the same fields as the plain CSV. */
    public ObjectNode json() {
        ObjectNode root = ResultsDoc.JSON.createObjectNode();
        root.put("assignment", spec.id());
        root.put("title", spec.title());
        root.put("max_score", spec.totalPoints());
        ArrayNode list = root.putArray("rows");
        for (Row r : rows) {
            ObjectNode o = list.addObject();
            o.put("student", r.student().name());
            o.put("id", r.student().id());
            o.put("sis_user_id", r.student().sisUserId());
            o.put("sis_login_id", r.student().sisLoginId());
            o.put("section", r.student().section());
            o.put("submission", r.submission());
            o.put("status", r.status().json());
            o.put("reason", r.reason());
            o.put("raw_score", r.rawScore());
            o.put("late_days", r.lateDays());
            o.put("late_days_penalized", r.penalizedDays());
            o.put("penalty", r.penaltyPoints());
            if (r.score() == null) {
                o.putNull("score");
            } else {
                o.put("score", r.score());
            }
            o.put("max_score", r.maxScore());
            ObjectNode parts = o.putObject("parts");
            r.parts().forEach(parts::put);
            o.put("seed", r.seed());
        }
        return root;
    }

    /**
     * Writes the gradebooks into {@code batch} (Canvas's CSV, the plain CSV, the JSON and, when the roster misses
     * submissions, {@value BatchFolder#NOT_ON_ROSTER}, else removing a stale one), each atomically, and
     * {@value BatchFolder#GRADEBOOK_NOTES}, what the batch page shows about them.
     */
    public void write(BatchFolder batch, String canvasId) throws IOException {
        ResultsDoc.writeBytes(batch.gradebook(BatchFolder.GRADEBOOK_CANVAS),
                canvasCsv(canvasId).getBytes(StandardCharsets.UTF_8));
        ResultsDoc.writeBytes(batch.gradebook(BatchFolder.GRADEBOOK_CSV), plainCsv().getBytes(StandardCharsets.UTF_8));
        ResultsDoc.write(batch.gradebook(BatchFolder.GRADEBOOK_JSON), json());
        Path unknown = batch.gradebook(BatchFolder.NOT_ON_ROSTER);
        if (notOnRoster().isEmpty()) {
            Files.deleteIfExists(unknown);
        } else {
            ResultsDoc.writeBytes(unknown, notOnRosterCsv().getBytes(StandardCharsets.UTF_8));
        }
        BatchPage.Notes notes = notes(canvasId);
        ResultsDoc.writeBytes(batch.gradebook(BatchFolder.GRADEBOOK_NOTES), ResultsDoc.JSON.writeValueAsBytes(notes));
    }

    /** Returns the batch page's notes of the gradebook last written into {@code batch}; none when there is none. */
    public static BatchPage.Notes readNotes(BatchFolder batch) throws IOException {
        Path file = batch.gradebook(BatchFolder.GRADEBOOK_NOTES);
        return Files.isRegularFile(file) ? ResultsDoc.JSON.readValue(file.toFile(), BatchPage.Notes.class)
                : BatchPage.Notes.NONE;
    }

    private static String points(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
