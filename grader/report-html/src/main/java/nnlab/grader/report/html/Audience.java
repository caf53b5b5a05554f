package nnlab.grader.report.html;

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
}
