package nnlab.grader.report.html;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** Who reads a report, which decides what of each test's visibility is shown. */
public enum Audience {
    /** A student before the due date: visible tests only; the others show that they exist and their points. */
    STUDENT,
    /** A student after the due date: visible and after-due-date tests; hidden tests still show only their points. */
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
     * Returns the student's audience at {@code now} for parsed {@code results}: after the due date recorded in its
     * {@code extra_data.due}, else before it. Results without a readable due date count as before it, which shows less.
     */
    public static Audience studentAt(JsonNode results, Instant now) {
        Instant due = due(results);
        return due != null && !now.isBefore(due) ? STUDENT_AFTER_DUE_DATE : STUDENT;
    }

    /** Returns the due date recorded in {@code results}, or null when there is none or it cannot be read. */
    static Instant due(JsonNode results) {
        JsonNode due = results.path("extra_data").path("due");
        if (!due.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(due.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
