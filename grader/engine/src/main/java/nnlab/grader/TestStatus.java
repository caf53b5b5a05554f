package nnlab.grader;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A graded test's status, with the names Gradescope's results.json uses. */
public enum TestStatus {
    /** The test earned all its points. */
    PASSED("passed"),
    /** It did not. */
    FAILED("failed");

    private final String json;

    TestStatus(String json) {
        this.json = json;
    }

    /** Returns the name results.json uses. */
    @JsonValue
    public String json() {
        return json;
    }

    /** Returns the status results.json calls {@code value}; fails with an IllegalArgumentException otherwise. */
    @JsonCreator
    public static TestStatus fromJson(String value) {
        for (TestStatus s : values()) {
            if (s.json.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown test status '" + value + "': results.json uses passed or failed");
    }

    /** Returns the status of a test that earned {@code fraction} of its points. */
    public static TestStatus of(double fraction) {
        return fraction == 1 ? PASSED : FAILED;
    }
}
