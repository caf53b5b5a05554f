package nnlab.grader.support;

import java.util.HashSet;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;

import nnlab.grader.Score;
import nnlab.grader.score.Tolerance;

/**
 * Names catalogued mistakes in one test's feedback: when a student's output misses the expected one but matches what
 * a {@link CataloguedMistake} would have produced from the same inputs, the mistake's message is added once. Only the
 * fixed message is shown, never a value. The static helpers compute candidates' outputs entry by entry.
 */
public final class Diagnosis {

    /** One candidate mistake and the output it would produce: a Double, or an array of doubles of any rank. */
    public record Candidate(CataloguedMistake mistake, Object output) {
    }

    private final Score score;
    private final Set<CataloguedMistake> named = new HashSet<>();

    /** Creates the diagnosis of the test that {@code score} scores. */
    public Diagnosis(Score score) {
        this.score = score;
    }

    /** Names the first candidate that {@code actual} matches, provided {@code actual} does not match {@code expected}. */
    public void match(Object expected, Object actual, Candidate... candidates) {
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
    public void nameIf(boolean condition, CataloguedMistake mistake) {
        if (condition) {
            name(mistake);
        }
    }

    /** Adds the mistake's message to the feedback, once per test. */
    public void name(CataloguedMistake mistake) {
        if (named.add(mistake)) {
            score.mistake(mistake.name(), mistake.sentence());
        }
    }

    /** Returns whether two outputs have the same shape and agree within {@code tolerance} entry by entry. */
    public static boolean close(Object expected, Object actual, Tolerance tolerance) {
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

    /** Returns whether any entry is NaN or infinite; false for null. */
    public static boolean nonFinite(double[][] m) {
        if (m == null) {
            return false;
        }
        for (double[] row : m) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns the array scaled by {@code f}. */
    public static double[] scale(double[] v, double f) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= f;
        }
        return out;
    }

    /** Returns the matrix scaled by {@code f}. */
    public static double[][] scale(double[][] m, double f) {
        double[][] out = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            out[r] = scale(m[r], f);
        }
        return out;
    }

    /** Returns f(m[r][c], other[r][c]) entry by entry. */
    public static double[][] map(double[][] m, DoubleBinaryOperator f, double[][] other) {
        double[][] out = new double[m.length][m.length == 0 ? 0 : m[0].length];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[r].length; c++) {
                out[r][c] = f.applyAsDouble(m[r][c], other[r][c]);
            }
        }
        return out;
    }

    /** Returns the transposed matrix. */
    public static double[][] transpose(double[][] m) {
        double[][] t = new double[m.length == 0 ? 0 : m[0].length][m.length];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[r].length; c++) {
                t[c][r] = m[r][c];
            }
        }
        return t;
    }
}
