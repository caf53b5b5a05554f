package nnlab.grader.report.html;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import nnlab.grader.Disclosure;

/**
 * Who reads a report. What of each test this reader sees is decided by the engine's {@link Disclosure}, the one policy
 * every report uses; this enum maps the reader and reads each test's recorded disclosure.
 */
public enum Audience {
    /**
     * A student while late submissions are open: with ps1's teaching disclosure every test's outcome and named mistake,
     * the details of visible tests only.
     */
    STUDENT,
    /** A student once late submissions have closed: the details of after-due-date tests too. */
    STUDENT_AFTER_DUE_DATE,
    /** A TA: every test, its data, the isolation level and the seed. */
    TA;

    /** Returns whether a test with Gradescope visibility {@code visibility} in every part shows its outcome. */
    boolean shows(String visibility) {
        return Disclosure.fromJson(null, visibility).shows(Disclosure.Part.OUTCOME, reader());
    }

    /** Returns the engine's reader this audience is. */
    Disclosure.Reader reader() {
        return switch (this) {
            case TA -> Disclosure.Reader.STAFF;
            case STUDENT_AFTER_DUE_DATE -> Disclosure.Reader.STUDENT_AFTER_DUE_DATE;
            case STUDENT -> Disclosure.Reader.STUDENT_BEFORE_DUE_DATE;
        };
    }

    /** Returns whether this audience sees {@code part} of the results entry {@code test}. */
    boolean shows(JsonNode test, Disclosure.Part part) {
        return disclosure(test).shows(part, reader());
    }

    /**
     * Returns the disclosure recorded in a results entry's {@code extra_data.disclosure}, or for an entry written
     * without one, its {@code visibility} for every part.
     */
    static Disclosure disclosure(JsonNode test) {
        Map<String, String> recorded = new LinkedHashMap<>();
        test.path("extra_data").path("disclosure").fields()
                .forEachRemaining(f -> recorded.put(f.getKey(), f.getValue().asText()));
        return Disclosure.fromJson(recorded, test.path("visibility").asText());
    }

    /** Returns the feedback text of results entry {@code test} this audience sees, by the engine's policy. */
    String text(JsonNode test) {
        JsonNode extra = test.path("extra_data");
        String details = extra.path("details").asText(test.path("output").asText(""));
        String diagnosis = extra.path("diagnosis").asText("");
        return disclosure(test).text(reader(), test.path("status").asText(), details, diagnosis);
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
