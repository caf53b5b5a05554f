package nnlab.grader.course.audit;

import nnlab.grader.GradedTest;
import nnlab.grader.Oracle;
import nnlab.grader.Score;
import nnlab.grader.Static;
import nnlab.grader.Student;

/** The fixture's hidden test of §1.1, in full and weakened (the negative inputs left out). */
final class MagnitudeGrading {

    /** Every case: both signs, zero, and each side of the constants 1 and -1 an operator may put in place of 0. */
    static final double[] ALL = {-2.5, -0.5, 0, 0.5, 3};
    /** The weakened test's cases: ALL without the negative inputs. */
    static final double[] NON_NEGATIVE = {0, 0.5, 3};

    /** The student method the test calls. */
    public interface Api {
        /** {@code Magnitude.of(x)}. */
        @Static(value = "auditfix.Magnitude", method = "of")
        double of(double x);
    }

    private MagnitudeGrading() {
    }

    static void check(Api s, Api o, Score score, double[] cases) {
        for (double x : cases) {
            score.check("x = " + x, () -> score.close("Magnitude.of (§1.1)", "x = " + x, o.of(x), s.of(x)));
        }
    }

    /** The full test. */
    static final class Full {
        @GradedTest(number = "1.1.1", name = "magnitude: every sign", points = 10)
        void magnitude(@Student Api s, @Oracle Api o, Score score) {
            check(s, o, score, ALL);
        }
    }

    /** The test with a missing case: no negative input. */
    static final class Weakened {
        @GradedTest(number = "1.1.1", name = "magnitude: non-negative inputs only", points = 10)
        void magnitude(@Student Api s, @Oracle Api o, Score score) {
            check(s, o, score, NON_NEGATIVE);
        }
    }
}
