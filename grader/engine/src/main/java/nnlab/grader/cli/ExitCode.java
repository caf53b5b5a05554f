package nnlab.grader.cli;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;

/**
 * Every exit code of the nnlab command line ({@code nnlab-grader} and the scripts in front of it), each with what it
 * means to the caller: a CI job, Gradescope's {@code run_autograder}, a batch that reads its workers' answers.
 * Codes 3 and 4 still leave a complete results file behind, so a caller that shows results shows them.
 */
public enum ExitCode {
    /** Done: the submission was graded (whatever its score), or the command did what it was asked. */
    OK(0),
    /** A report command could not read the results or write a page; one line on stderr says which and why. */
    NOT_WRITTEN(1),
    /**
     * The user asked for something that cannot be done as asked (a bad option, a missing file, an unknown
     * assignment): one line on stderr says what to do instead, and nothing is written.
     */
    USAGE(2),
    /** The submission was refused (zip-slip, not a zip, no sources); the results file says why. */
    REFUSED(3),
    /** The grader itself failed; the results file holds a "grader error" entry. */
    GRADER_ERROR(4),
    /** A batch (or a merge of shards) finished with grader errors; every other row of the gradebook is final. */
    BATCH_ERRORS(5),
    /**
     * An audit ({@code course audit}) finished with survivors: mutants that score full marks and that the
     * assignment's allow-list of equivalent mutants does not hold. Its report lists each with its diff: sharpen a hidden
     * test, or allow-list the mutant with the reason it is equivalent.
     */
    SURVIVORS(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** Returns the number the process exits with. */
    public int code() {
        return code;
    }

    /**
     * Returns the exit code of a grading that wrote {@code document}: {@link #GRADER_ERROR} when the grader failed
     * (even on a refused submission), else {@link #REFUSED} when the submission was refused, else {@link #OK}.
     */
    public static ExitCode of(ResultsDocument document) {
        RunData run = document.extraData();
        if (run.graderError() != null) {
            return GRADER_ERROR;
        }
        return run.refused() != null ? REFUSED : OK;
    }
}
