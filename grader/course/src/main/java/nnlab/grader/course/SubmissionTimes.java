package nnlab.grader.course;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where submission times come from: a timestamp given on the command line, Gradescope's
 * {@code submission_metadata.json} ({@code created_at}), or a CSV of timestamps for a batch.
 */
public final class SubmissionTimes {

    private static final List<String> ID_COLUMNS = List.of("submission", "id", "student", "student_id", "sid", "login");
    private static final List<String> TIME_COLUMNS = List.of("submitted_at", "created_at", "timestamp", "time");

    private SubmissionTimes() {
    }

    /**
     * Parses a timestamp: RFC 3339 with an offset ({@code 2027-02-20T10:15:00-05:00}, fractions allowed) or a local
     * date-time ({@code 2027-02-20T10:15[:ss]} or with a space), read in {@code zone}.
     */
    public static Instant parse(String text, ZoneId zone) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("unreadable timestamp '" + text + "': write it like"
                        + " 2027-02-20T10:15:00-05:00 (or without the offset, in " + zone + ")");
            }
        }
    }

    /**
     * What Gradescope's {@code submission_metadata.json} says about one submission: when Gradescope received it, the
     * due date that applies to its submitters (null when the metadata has none) and the first submitter's student id.
     */
    public record Gradescope(Instant createdAt, Instant due, String sid) {
    }

    /**
     * Reads Gradescope's submission metadata. The due date is the latest {@code users[].assignment.due_date} (where
     * Gradescope records a student's extension; a group gets its most generous member's), else
     * {@code assignment.due_date}, else null.
     */
    public static Gradescope fromGradescope(Path metadata, ZoneId zone) throws IOException {
        JsonNode root = ResultsDoc.read(metadata);
        Instant due = null;
        for (JsonNode user : root.path("users")) {
            Instant own = dueDate(user.path("assignment"), zone);
            if (own != null && (due == null || own.isAfter(due))) {
                due = own;
            }
        }
        if (due == null) {
            due = dueDate(root.path("assignment"), zone);
        }
        String sid = root.path("users").path(0).path("sid").asText(null);
        return new Gradescope(fromGradescopeMetadata(metadata, zone), due, sid);
    }

    private static Instant dueDate(JsonNode assignment, ZoneId zone) {
        JsonNode due = assignment.get("due_date");
        return due == null || !due.isTextual() || due.asText().isBlank() ? null : parse(due.asText(), zone);
    }

    /** Reads {@code created_at} from Gradescope's submission metadata. */
    public static Instant fromGradescopeMetadata(Path metadata, ZoneId zone) throws IOException {
        JsonNode created = ResultsDoc.read(metadata).get("created_at");
        if (created == null || !created.isTextual()) {
            throw new IOException(metadata + " has no created_at: is it Gradescope's submission_metadata.json?");
        }
        return parse(created.asText(), zone);
    }

    /**
     * Reads a timestamps CSV with a header: an id column (submission, id, student, student_id, sid or login) and a
     * time column (submitted_at, created_at, timestamp or time). Returns times by id.
     */
    public static Map<String, Instant> fromCsv(Path csv, ZoneId zone) throws IOException {
        List<Map<String, String>> rows = Csv.read(csv);
        Map<String, Instant> times = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return times;
        }
        String id = column(rows.get(0), ID_COLUMNS, csv);
        String time = column(rows.get(0), TIME_COLUMNS, csv);
        for (Map<String, String> row : rows) {
            String key = row.getOrDefault(id, "").trim();
            String value = row.getOrDefault(time, "").trim();
            if (!key.isEmpty() && !value.isEmpty()) {
                times.put(key, parse(value, zone));
            }
        }
        return times;
    }

    private static String column(Map<String, String> row, List<String> names, Path csv) throws IOException {
        for (String header : row.keySet()) {
            if (names.contains(header.trim().toLowerCase(java.util.Locale.ROOT))) {
                return header;
            }
        }
        throw new IOException(csv + " needs a header with one of the columns " + names);
    }
}
