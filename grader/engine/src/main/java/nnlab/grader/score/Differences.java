package nnlab.grader.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Describes how an actual result differs from the expected one by its pattern alone — shape, NaN or ∞ and where, a
 * flipped sign, a constant scale factor, a transpose, all zeros, which rows, columns or entries, the first entry of a
 * sequence that diverges — never by a value, so that the description may be shown for a hidden case.
 */
public final class Differences {

    /** How many positions a description lists before it summarises the rest. */
    private static final int SHOWN_POSITIONS = 4;
    /** A scale factor is reported only when every differing entry agrees on it to this relative tolerance. */
    private static final Tolerance SAME_FACTOR = new Tolerance(1e-9, 1e-6);
    /** Factors this close to 1 are not a scale mistake but a value mistake. */
    private static final double NOT_A_FACTOR = 1e-3;

    private Differences() {
    }

    /** Returns how {@code actual} differs from {@code expected} for a single value, or "" when it is accepted. */
    public static String describe(double expected, double actual, Tolerance tolerance) {
        return describe(new double[][] {{expected}}, new double[][] {{actual}}, tolerance, Shape.SCALAR);
    }

    /** Returns how a vector (or a sequence, e.g. a loss history) differs, or "" when every entry is accepted. */
    public static String describe(double[] expected, double[] actual, Tolerance tolerance) {
        if (actual == null) {
            return "returned null";
        }
        if (expected.length != actual.length) {
            return actual.length + " values instead of " + expected.length;
        }
        return describe(new double[][] {expected}, new double[][] {actual}, tolerance, Shape.VECTOR);
    }

    /** Returns how a matrix differs, or "" when every entry is accepted. */
    public static String describe(double[][] expected, double[][] actual, Tolerance tolerance) {
        if (actual == null) {
            return "returned null";
        }
        String es = shape(expected);
        String as = shape(actual);
        if (!es.equals(as)) {
            if (es.equals(transposedShape(actual)) && !es.equals(as)) {
                return "a " + as + " matrix instead of " + es + " — the transpose's shape";
            }
            return "a " + as + " matrix instead of " + es;
        }
        return describe(expected, actual, tolerance, Shape.MATRIX);
    }

    /**
     * Returns how a rank-4 (batch, height, width, channels) tensor differs, or "" when every entry is accepted:
     * positions as (b, i, j, c), the axis the differences keep to, and layout, transposition, rotation and shift
     * patterns (see {@link TensorDifferences}).
     */
    public static String describe(double[][][][] expected, double[][][][] actual, Tolerance tolerance) {
        return TensorDifferences.describe(expected, actual, tolerance);
    }

    /**
     * Returns how a flat parameter vector differs, by the layers' parameters of {@code layout} (e.g. "layer 1's
     * kernel W1 (all 12 entries); the first at layer 1's kernel W1 row 0, column 0"), or "" when every entry is
     * accepted; see {@link ParameterDifferences}.
     */
    public static String describe(double[] expected, double[] actual, Tolerance tolerance,
                                  List<GradientCheck.Block> layout) {
        return ParameterDifferences.describe(expected, actual, tolerance, layout);
    }

    /** Returns a rank-4 tensor's shape for messages, "b×h×w×c", or "ragged". */
    public static String shape(double[][][][] t) {
        return TensorDifferences.shape(t);
    }

    private enum Shape { SCALAR, VECTOR, MATRIX }

    private static String describe(double[][] e, double[][] a, Tolerance tol, Shape shape) {
        List<int[]> off = new ArrayList<>();
        List<int[]> nonFinite = new ArrayList<>();
        int total = 0;
        for (int r = 0; r < e.length; r++) {
            for (int c = 0; c < e[r].length; c++) {
                total++;
                if (!tol.accepts(e[r][c], a[r][c])) {
                    off.add(new int[] {r, c});
                    if (!Double.isFinite(a[r][c])) {
                        nonFinite.add(new int[] {r, c});
                    }
                }
            }
        }
        if (off.isEmpty()) {
            return "";
        }
        if (!nonFinite.isEmpty()) {
            boolean nan = nonFinite.stream().anyMatch(p -> Double.isNaN(a[p[0]][p[1]]));
            boolean inf = nonFinite.stream().anyMatch(p -> Double.isInfinite(a[p[0]][p[1]]));
            String what = nan && inf ? "NaN or ∞" : nan ? "NaN" : "∞";
            return shape == Shape.SCALAR ? what : what + " at " + positions(nonFinite, shape, total);
        }
        if (shape == Shape.MATRIX && e.length > 1 && e.length == e[0].length && transposeMatches(e, a, tol)) {
            return "the transpose of the expected matrix";
        }
        String pattern = pattern(e, a, tol, off);
        if (shape == Shape.SCALAR) {
            return pattern.isEmpty() ? "a different value" : pattern;
        }
        String where = where(e, off, shape, total);
        return pattern.isEmpty() ? where : where + "; " + pattern;
    }

    /** A relation that holds for every differing entry: all zero, sign flipped, a constant factor. */
    static String pattern(double[][] e, double[][] a, Tolerance tol, List<int[]> off) {
        boolean allZero = off.stream().allMatch(p -> a[p[0]][p[1]] == 0);
        if (allZero) {
            return off.size() == 1 ? "yours is 0" : "yours are all 0";
        }
        Double factor = null;
        for (int[] p : off) {
            double ev = e[p[0]][p[1]];
            if (ev == 0) {
                return "";
            }
            double f = a[p[0]][p[1]] / ev;
            if (factor == null) {
                factor = f;
            } else if (!SAME_FACTOR.accepts(factor, f)) {
                return signsOnly(e, a, off);
            }
        }
        if (SAME_FACTOR.accepts(-1, factor)) {
            return "the sign is flipped";
        }
        if (Math.abs(factor - 1) < NOT_A_FACTOR) {
            return "";
        }
        return String.format(Locale.ROOT, "off by a factor %.3f%s", factor,
                factor < 0 ? " (the sign is flipped too)" : "");
    }

    private static String signsOnly(double[][] e, double[][] a, List<int[]> off) {
        boolean flipped = off.stream().allMatch(p -> Math.signum(e[p[0]][p[1]]) == -Math.signum(a[p[0]][p[1]]));
        return flipped ? "every differing entry has the opposite sign" : "";
    }

    private static String where(double[][] e, List<int[]> off, Shape shape, int total) {
        if (off.size() == total) {
            return total == 1 ? "the value differs" : "every entry differs";
        }
        if (shape == Shape.VECTOR) {
            return off.size() + " of " + total + " entries differ, the first at index " + off.get(0)[1];
        }
        int rows = e.length;
        int cols = e[0].length;
        List<Integer> wholeCols = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            final int col = c;
            if (off.stream().filter(p -> p[1] == col).count() == rows) {
                wholeCols.add(c);
            }
        }
        List<Integer> wholeRows = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            final int row = r;
            if (off.stream().filter(p -> p[0] == row).count() == cols) {
                wholeRows.add(r);
            }
        }
        if (rows > 1 && !wholeCols.isEmpty() && wholeCols.size() * rows == off.size()) {
            return (wholeCols.size() == 1 ? "the entries in column " : "the entries in columns ") + list(wholeCols)
                    + " differ, the others match";
        }
        if (cols > 1 && !wholeRows.isEmpty() && wholeRows.size() * cols == off.size()) {
            return (wholeRows.size() == 1 ? "row " : "rows ") + list(wholeRows) + " differ, the others match";
        }
        return off.size() + " of " + total + " entries differ: " + positions(off, Shape.MATRIX, total);
    }

    private static String positions(List<int[]> at, Shape shape, int total) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(at.size(), SHOWN_POSITIONS); i++) {
            int[] p = at.get(i);
            shown.add(shape == Shape.VECTOR ? "index " + p[1] : "[" + p[0] + "][" + p[1] + "]");
        }
        String s = String.join(", ", shown);
        if (at.size() > SHOWN_POSITIONS) {
            s += " and " + (at.size() - SHOWN_POSITIONS) + " more";
        }
        return at.size() == total && total > 1 ? "every entry" : s;
    }

    private static String list(List<Integer> indices) {
        List<String> s = new ArrayList<>();
        indices.stream().limit(SHOWN_POSITIONS).forEach(i -> s.add(Integer.toString(i)));
        return String.join(", ", s) + (indices.size() > SHOWN_POSITIONS ? " …" : "");
    }

    private static boolean transposeMatches(double[][] e, double[][] a, Tolerance tol) {
        for (int r = 0; r < e.length; r++) {
            for (int c = 0; c < e.length; c++) {
                if (!tol.accepts(e[c][r], a[r][c])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Returns a matrix's shape for messages: "rows×cols", "0×0", or "ragged" when its rows differ in length. */
    public static String shape(double[][] m) {
        if (m.length == 0) {
            return "0×0";
        }
        for (double[] row : m) {
            if (row == null || row.length != m[0].length) {
                return "ragged";
            }
        }
        return m.length + "×" + m[0].length;
    }

    private static String transposedShape(double[][] m) {
        String s = shape(m);
        if (!s.contains("×") || s.startsWith("0×")) {
            return s;
        }
        return m[0].length + "×" + m.length;
    }
}
