package nnlab.grader.report.html;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import nnlab.grader.Disclosure;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;
import nnlab.grader.report.TestResult;

/**
 * Who reads a report. What of each test this reader sees is decided by the engine's {@link Disclosure}, the one policy
 * every report uses; this enum maps the reader onto it.
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

    /** Returns the engine's reader this audience is. */
    Disclosure.Reader reader() {
        return switch (this) {
            case TA -> Disclosure.Reader.STAFF;
            case STUDENT_AFTER_DUE_DATE -> Disclosure.Reader.STUDENT_AFTER_DUE_DATE;
            case STUDENT -> Disclosure.Reader.STUDENT_BEFORE_DUE_DATE;
        };
    }

    /** Returns whether this audience sees {@code part} of {@code test}'s result. */
    boolean shows(TestResult test, Disclosure.Part part) {
        return test.shows(part, reader());
    }

    /** Returns the feedback text of {@code test} this audience sees, by the engine's policy. */
    String text(TestResult test) {
        return test.textFor(reader());
    }

    /**
     * Returns the student's audience at {@code now} for {@code results}: after-due-date tests show from the moment
     * recorded as when they may show (the due date plus the allowed late days), or from the due date when only that
     * is recorded. Results with neither, or with one that cannot be read, count as before, which shows less.
     */
    public static Audience studentAt(ResultsDocument results, Instant now) {
        Instant release = afterDueDateShownFrom(results);
        return release != null && !now.isBefore(release) ? STUDENT_AFTER_DUE_DATE : STUDENT;
    }

    /** Returns when after-due-date tests may be shown to a student, or null when the results do not say. */
    static Instant afterDueDateShownFrom(ResultsDocument results) {
        return parse(afterDueDateShownFromAsWritten(results));
    }

    /** Returns the instant an RFC 3339 moment with offset names; null when it is null, empty or not one. */
    static Instant parse(String moment) {
        if (moment == null || moment.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(moment).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Returns that moment as the results write it, for showing; empty when they do not say. */
    static String afterDueDateShownFromAsWritten(ResultsDocument results) {
        RunData extra = results.extraData();
        String shownFrom = extra.afterDueDateShownFrom() != null ? extra.afterDueDateShownFrom() : extra.due();
        return shownFrom == null ? "" : shownFrom;
    }
}
