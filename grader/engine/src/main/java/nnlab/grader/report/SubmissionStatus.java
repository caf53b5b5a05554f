package nnlab.grader.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What became of a submission in a batch, with the names the batch's results ({@code extra_data.batch.status}) and
 * gradebooks use.
 */
public enum SubmissionStatus {
    /** Graded, whatever the score. */
    GRADED("graded"),
    /** Refused by the grader: not a zip, empty, zip-slip, no sources. */
    NOT_GRADABLE("not_gradable"),
    /** The grader failed or its process died: not the student's fault; needs staff attention. */
    GRADER_ERROR("grader_error"),
    /** A roster student with no submission: a gradebook row only, never in a results file. */
    NO_SUBMISSION("no_submission");

    private final String json;

    SubmissionStatus(String json) {
        this.json = json;
    }

    /** Returns the name results.json and the gradebooks use. */
    @JsonValue
    public String json() {
        return json;
    }

    /** Returns the status called {@code value}; fails with an IllegalArgumentException that lists the names. */
    @JsonCreator
    public static SubmissionStatus fromJson(String value) {
        for (SubmissionStatus s : values()) {
            if (s.json.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown submission status '" + value
                + "': use graded, not_gradable, grader_error or no_submission");
    }
}
