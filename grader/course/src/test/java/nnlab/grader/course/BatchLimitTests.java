package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.Limits;
import nnlab.grader.compile.Compilation;
import nnlab.grader.run.Grader;
import nnlab.grader.sandbox.ChildJvm;
import nnlab.grader.sandbox.CompilerJvm;

/**
 * A batch waits for one submission at least as long as the assignment's own budgets let it take, so a slow submission
 * ends scored by its own limits, never as a grader error for the batch's timeout.
 */
class BatchLimitTests {

    private static void assertOutlastsEveryBudget(String assignment) {
        AssignmentSpec spec = Course.spec(assignment);
        Limits limits = spec.limits();
        Compilation.Budget compile = Compilation.Budget.DEFAULT;
        long compiling = (long) (compile.totalSeconds() + compile.passSeconds()) * CompilerJvm.WALL_FACTOR;
        long calls = ChildJvm.submissionWallSeconds(limits) + ChildJvm.callWallSeconds(limits);
        long limit = BatchGrader.limitSeconds(spec);
        assertTrue(limit >= compiling + calls + BatchGrader.GRACE_SECONDS, assignment + ": " + limit + " s");
        assertTrue(limit == Grader.longestWallSeconds(limits, compile) + BatchGrader.GRACE_SECONDS,
                "one derivation of the limit: " + limit);
    }

    @Test
    void outlastsPs1sCompileBudgetStarterPassAndCallBackstops() {
        assertOutlastsEveryBudget("ps1");
    }

    @Test
    void outlastsPs2sCompileBudgetStarterPassAndCallBackstops() {
        assertOutlastsEveryBudget("ps2");
    }
}
