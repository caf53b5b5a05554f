package nnlab.grader.course;

import java.io.IOException;
import java.time.Instant;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.report.ResultsDocument;

/** Applies an assignment's late policy to a results document, charging a course-wide ledger when there is one. */
final class LateGrading {

    private LateGrading() {
    }

    /**
     * Applies lateness for a submission by {@code student} made at {@code submitted} to {@code results};
     * with a {@code ledger}, the free late days come from the course-wide budget and the days used are recorded.
     * A non-null {@code due} (Gradescope's due date for this student, an extension included) replaces
     * assignment.json's. Returns the results with the late policy applied.
     */
    static ResultsDocument apply(ResultsDocument results, AssignmentSpec spec, String student, Instant submitted,
                                 LateDayLedger ledger, Instant due) throws IOException {
        LatePolicy policy = due == null ? LatePolicy.of(spec) : LatePolicy.of(spec).withDue(due);
        Lateness lateness = ledger == null ? policy.assess(submitted, policy.allowed())
                : ledger.charge(student, spec.id(), policy, submitted);
        return lateness.applyTo(results, policy, spec.totalPoints());
    }
}
