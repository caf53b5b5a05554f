package nnlab.ps2.grading;

import java.util.EnumSet;
import java.util.Set;

import nnlab.grader.Score;
import nnlab.grader.score.Tolerance;

/**
 * Names catalogued mistakes in one test's feedback: when a student's output misses the expected one but matches what
 * a {@link Mistake} would have produced from the same inputs, the mistake's message is added once. Only the fixed
 * message is shown, never a value.
 */
final class Diagnosis {

    /** One candidate mistake and the output it would produce: a Double, or an array of doubles of any rank. */
    record Candidate(Mistake mistake, Object output) {
    }

    private final Score score;
    private final Set<Mistake> named = EnumSet.noneOf(Mistake.class);

    Diagnosis(Score score) {
        this.score = score;
    }

    /** Names the first candidate that {@code actual} matches, provided {@code actual} does not match {@code expected}. */
    void match(Object expected, Object actual, Candidate... candidates) {
        if (close(expected, actual, Tolerance.DEFAULT)) {
            return;
        }
        for (Candidate c : candidates) {
            if (c != null && close(c.output(), actual, Tolerance.DEFAULT)) {
                name(c.mistake());
                return;
            }
        }
    }

    /** Names {@code mistake} when {@code condition} holds. */
    void nameIf(boolean condition, Mistake mistake) {
        if (condition) {
            name(mistake);
        }
    }

    /** Adds the mistake's message to the feedback, once per test. */
    void name(Mistake mistake) {
        if (named.add(mistake)) {
            score.mistake(mistake.name(), mistake.sentence());
        }
    }

    /** Returns whether two outputs have the same shape and agree within {@code tolerance} entry by entry. */
    static boolean close(Object expected, Object actual, Tolerance tolerance) {
        if (expected instanceof Double e && actual instanceof Double a) {
            return tolerance.accepts(e, a);
        }
        if (expected instanceof double[] e && actual instanceof double[] a) {
            if (e.length != a.length) {
                return false;
            }
            for (int i = 0; i < e.length; i++) {
                if (!tolerance.accepts(e[i], a[i])) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Object[] e && actual instanceof Object[] a) {
            if (e.length != a.length) {
                return false;
            }
            for (int i = 0; i < e.length; i++) {
                if (!close(e[i], a[i], tolerance)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Returns the array scaled by {@code f}. */
    static double[] scale(double[] v, double f) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= f;
        }
        return out;
    }
}
