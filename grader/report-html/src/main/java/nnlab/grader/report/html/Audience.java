package nnlab.grader.report.html;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** Who reads a report, which decides what of each test's visibility is shown. */
public enum Audience {
    /**
     * A student while late submissions are open: visible tests only; the others show that they exist and their
     * points.
     */
    STUDENT,
    /**
     * A student once late submissions have closed: visible and after-due-date tests; hidden tests still show only
     * their points.
     */
    STUDENT_AFTER_DUE_DATE,
    /** A TA: every test, its data, the isolation level and the seed. */
    TA;

    /** Returns whether a test with Gradescope visibility {@code visibility} shows its outcome and data. */
    boolean shows(String visibility) {
        return switch (this) {
            case TA -> true;
            case STUDENT_AFTER_DUE_DATE -> !"hidden".equals(visibility);
            case STUDENT -> "visible".equals(visibility);
        };
    }

    /**
     * Returns the student's audience at {@code now} for parsed {@code results}: after-due-date tests show from the
     * moment recorded in {@code extra_data.after_due_date_shown_from} (the due date plus the allowed late days), or
     * from {@code extra_data.due} when only that is recorded. Results with neither, or with one that cannot be read,
     * count as before, which shows less.
     */
    public static Audience studentAt(JsonNode results, Instant now) {
        Instant release = afterDueDateShownFrom(results);
        return release != null && !now.isBefore(release) ? STUDENT_AFTER_DUE_DATE : STUDENT;
    }

    /** Returns when after-due-date tests may be shown to a student, or null when the results do not say. */
    static Instant afterDueDateShownFrom(JsonNode results) {
        String release = afterDueDateShownFromAsWritten(results);
        if (release.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(release).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Returns that moment as the results write it, for showing; empty when they do not say. */
    static String afterDueDateShownFromAsWritten(JsonNode results) {
        JsonNode extra = results.path("extra_data");
        return extra.path("after_due_date_shown_from").asText(extra.path("due").asText(""));
    }
}
