package nnlab.grader;

/** When a student sees a test's result, with Gradescope's names. */
public enum Visibility {
    /** Always shown. */
    VISIBLE("visible"),
    /** Shown once the due date has passed. */
    AFTER_DUE_DATE("after_due_date"),
    /** Never shown to the student. */
    HIDDEN("hidden");

    private final String gradescope;

    Visibility(String gradescope) {
        this.gradescope = gradescope;
    }

    /** Returns the value Gradescope's results.json uses. */
    public String gradescope() {
        return gradescope;
    }

    /** Returns the visibility Gradescope calls {@code value}; an unknown or missing value reads as the safest, HIDDEN. */
    public static Visibility fromGradescope(String value) {
        for (Visibility v : values()) {
            if (v.gradescope.equals(value)) {
                return v;
            }
        }
        return HIDDEN;
    }
}
