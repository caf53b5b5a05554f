package nnlab.grader;

/**
 * The one place that decides what of a graded test's result each reader sees, and when. A result has three parts:
 * its {@link Part#OUTCOME outcome} (name, passed or failed, points), its {@link Part#DIAGNOSIS diagnosis} (the named
 * likely mistake, or what differs described without values) and its {@link Part#DETAILS details} (the failed cases
 * with their labels and the student's values, what the student's code printed, data tables). Each part has its own
 * {@link Visibility}; a part is never shown earlier than the parts it elaborates: outcome ≥ diagnosis ≥ details.
 *
 * <p>The teaching default, {@link #TEACHING}, shows outcome and diagnosis before the due date and leaves the details to
 * each test's {@link GradedTest#visibility()}: what stays back is only what would let a student reverse-engineer the
 * hidden cases.
 */
public record Disclosure(Visibility outcome, Visibility diagnosis, Visibility details) {

    /** A part of a test's result. */
    public enum Part {
        /** The test's number, name, status and points. */
        OUTCOME,
        /** The named likely mistake, or what differs, without any input, expected or actual value. */
        DIAGNOSIS,
        /** The failed cases with their messages, the student's printed output and attached data tables. */
        DETAILS
    }

    /** Everything shown from the start: a public test. */
    public static final Disclosure VISIBLE = new Disclosure(Visibility.VISIBLE, Visibility.VISIBLE, Visibility.VISIBLE);

    /** Checks that no part is shown before the part it elaborates. */
    public Disclosure {
        if (outcome == null || diagnosis == null || details == null) {
            throw new IllegalArgumentException("a disclosure needs a visibility for every part");
        }
        if (diagnosis.ordinal() < outcome.ordinal() || details.ordinal() < diagnosis.ordinal()) {
            throw new IllegalArgumentException("a test's diagnosis cannot be shown before its outcome, nor its details"
                    + " before its diagnosis: make outcome ≥ diagnosis ≥ details in openness (got " + outcome + ", "
                    + diagnosis + ", " + details + ")");
        }
    }

    /** Returns the teaching disclosure for a test whose details show as {@code details}: outcome and diagnosis always. */
    public static Disclosure teaching(Visibility details) {
        return new Disclosure(Visibility.VISIBLE, Visibility.VISIBLE, details);
    }

    /** Returns the disclosure a graded test's annotation asks for. */
    public static Disclosure of(GradedTest test) {
        return new Disclosure(test.outcome(), test.diagnosis(), test.visibility());
    }

    /** Returns the visibility of {@code part}. */
    public Visibility of(Part part) {
        return switch (part) {
            case OUTCOME -> outcome;
            case DIAGNOSIS -> diagnosis;
            case DETAILS -> details;
        };
    }

    /** Returns whether {@code reader} sees {@code part}. */
    public boolean shows(Part part, Reader reader) {
        Visibility v = of(part);
        return switch (reader) {
            case TA -> true;
            case STUDENT_AFTER_DUE_DATE -> v != Visibility.HIDDEN;
            case STUDENT -> v == Visibility.VISIBLE;
        };
    }

    /**
     * Returns the feedback text {@code reader} sees below a test's outcome, given the test's {@code status}, its full
     * {@code details} and its value-free {@code diagnosis}: the details where they are shown, else the diagnosis where
     * it is shown (with when the cases show), else nothing; "" also when the reader does not see the outcome. Every
     * report (Gradescope's output, the HTML report, the terminal summary, the catalogue test) uses this, the one
     * rendering of disclosed text.
     */
    public String text(Reader reader, TestStatus status, String details, String diagnosis) {
        boolean passed = status == TestStatus.PASSED;
        if (!shows(Part.OUTCOME, reader)) {
            return "";
        }
        if (shows(Part.DETAILS, reader)) {
            return details;
        }
        if (passed || !shows(Part.DIAGNOSIS, reader)) {
            return passed ? "Passed." : "";
        }
        String when = details() == Visibility.HIDDEN ? "to course staff only" : "after the due date";
        return diagnosis.isEmpty() ? "Failed; the details show " + when + "."
                : diagnosis + "\n(The failed cases show " + when + ".)";
    }

    /**
     * Returns the text Gradescope shows with the outcome: Gradescope shows a test's name, score and output to
     * whoever sees the entry, so it is the {@link #text} of the earliest reader who sees the outcome.
     */
    public String outcomeText(TestStatus status, String details, String diagnosis) {
        Reader earliest = switch (outcome) {
            case VISIBLE -> Reader.STUDENT;
            case AFTER_DUE_DATE -> Reader.STUDENT_AFTER_DUE_DATE;
            case HIDDEN -> Reader.TA;
        };
        return text(earliest, status, details, diagnosis);
    }

    /**
     * Returns whether the details may be written into the Gradescope entry's output: Gradescope shows a test's name,
     * score and output together under one visibility (the outcome's), so details that show later than the outcome go
     * to the entry's extra data, which Gradescope never shows a student.
     */
    public boolean detailsWithOutcome() {
        return details == outcome;
    }
}
