package nnlab.grader.score;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

/**
 * Describes how a rank-4 (batch, height, width, channels) tensor differs from the expected one, as a student reads
 * images: positions as (b, i, j, c), the axis the differences keep to, and the whole-tensor patterns a person would
 * name from the numbers — channels first instead of last, height and width swapped, the image rotated by 180°, the
 * output shifted by one row or column (padding or an offset on the wrong side), a shape that points at the stride or
 * the padding. Never a value, so that it may be shown for a hidden case.
 */
final class TensorDifferences {

    /** How many positions a description lists before it summarises the rest. */
    private static final int SHOWN_POSITIONS = 4;

    private final double[][][][] e;
    private final double[][][][] a;
    private final Tolerance tol;
    private final int batch;
    private final int height;
    private final int width;
    private final int channels;

    private TensorDifferences(double[][][][] e, double[][][][] a, Tolerance tol) {
        this.e = e;
        this.a = a;
        this.tol = tol;
        batch = e.length;
        height = batch == 0 ? 0 : e[0].length;
        width = height == 0 ? 0 : e[0][0].length;
        channels = width == 0 ? 0 : e[0][0][0].length;
    }

    /** Returns how {@code actual} differs from {@code expected}, or "" when every entry is accepted. */
    static String describe(double[][][][] expected, double[][][][] actual, Tolerance tolerance) {
        if (actual == null) {
            return "returned null";
        }
        String es = shape(expected);
        String as = shape(actual);
        if (es.equals("ragged") || as.equals("ragged") || !es.equals(as)) {
            return shapeMismatch(expected, actual, es, as);
        }
        return new TensorDifferences(expected, actual, tolerance).describe();
    }

    private String describe() {
        List<int[]> off = new ArrayList<>();
        List<int[]> nonFinite = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < height; i++) {
                for (int j = 0; j < width; j++) {
                    for (int c = 0; c < channels; c++) {
                        if (!tol.accepts(e[b][i][j][c], a[b][i][j][c])) {
                            off.add(new int[] {b, i, j, c});
                            if (!Double.isFinite(a[b][i][j][c])) {
                                nonFinite.add(new int[] {b, i, j, c});
                            }
                        }
                    }
                }
            }
        }
        if (off.isEmpty()) {
            return "";
        }
        int total = batch * height * width * channels;
        if (!nonFinite.isEmpty()) {
            return "NaN or ∞ at " + positions(nonFinite);
        }
        String whole = wholeTensorPattern();
        if (whole != null) {
            return whole;
        }
        double[][] flatE = {flatten(e)};
        double[][] flatA = {flatten(a)};
        List<int[]> flatOff = new ArrayList<>();
        for (int[] p : off) {
            flatOff.add(new int[] {0, index(p)});
        }
        String pattern = Differences.pattern(flatE, flatA, tol, flatOff);
        String where = where(off, total);
        return pattern.isEmpty() ? where : where + "; " + pattern;
    }

    /** A rearrangement of the expected values that the actual tensor matches entry by entry, or null. */
    private String wholeTensorPattern() {
        if (channels > 1 && (height > 1 || width > 1) && matchesFlat(this::channelsFirstIndex)) {
            return "your values are the expected ones in channels-first order (batch, channels, height, width):"
                    + " tensors here are channels last, (batch, height, width, channels)";
        }
        if (height == width && height > 1 && matches((b, i, j, c) -> e[b][j][i][c])) {
            return "height and width are swapped: yours at (b, i, j, c) is the expected (b, j, i, c)";
        }
        if ((height > 1 || width > 1) && matches((b, i, j, c) -> e[b][height - 1 - i][width - 1 - j][c])) {
            return "each image is rotated by 180°: yours at (b, i, j, c) is the expected (b, h − 1 − i, w − 1 − j, c)";
        }
        for (int[] shift : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
            if (shiftedBy(shift[0], shift[1])) {
                String axis = shift[0] != 0 ? "row" : "column";
                String source = shift[0] > 0 ? "(b, i − 1, j, c)" : shift[0] < 0 ? "(b, i + 1, j, c)"
                        : shift[1] > 0 ? "(b, i, j − 1, c)" : "(b, i, j + 1, c)";
                return "the image is shifted by one " + axis + ": yours at (b, i, j, c) is the expected " + source
                        + " — check on which side the padding goes and where each window starts";
            }
        }
        return null;
    }

    /** An accessor of an expected entry for a position of the actual tensor. */
    private interface Source {
        double at(int b, int i, int j, int c);
    }

    private boolean matches(Source source) {
        boolean anyDifferent = false;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < height; i++) {
                for (int j = 0; j < width; j++) {
                    for (int c = 0; c < channels; c++) {
                        double v = source.at(b, i, j, c);
                        if (!tol.accepts(v, a[b][i][j][c])) {
                            return false;
                        }
                        anyDifferent |= !tol.accepts(e[b][i][j][c], v);
                    }
                }
            }
        }
        return anyDifferent;
    }

    private boolean matchesFlat(IntUnaryOperator sourceIndex) {
        double[] fe = flatten(e);
        double[] fa = flatten(a);
        boolean anyDifferent = false;
        for (int k = 0; k < fa.length; k++) {
            double v = fe[sourceIndex.applyAsInt(k)];
            if (!tol.accepts(v, fa[k])) {
                return false;
            }
            anyDifferent |= !tol.accepts(fe[k], v);
        }
        return anyDifferent;
    }

    /** Where the k-th value of a (b, c, h, w) layout sits in the channels-last expected tensor. */
    private int channelsFirstIndex(int k) {
        int b = k / (channels * height * width);
        int rest = k % (channels * height * width);
        int c = rest / (height * width);
        int i = rest % (height * width) / width;
        int j = rest % width;
        return ((b * height + i) * width + j) * channels + c;
    }

    /** Whether actual(b, i, j, c) = expected(b, i − di, j − dj, c) wherever both exist, on a tensor that differs. */
    private boolean shiftedBy(int di, int dj) {
        if ((di != 0 && height < 3) || (dj != 0 && width < 3)) {
            return false;
        }
        boolean anyDifferent = false;
        for (int b = 0; b < batch; b++) {
            for (int i = Math.max(0, di); i < height + Math.min(0, di); i++) {
                for (int j = Math.max(0, dj); j < width + Math.min(0, dj); j++) {
                    for (int c = 0; c < channels; c++) {
                        double v = e[b][i - di][j - dj][c];
                        if (!tol.accepts(v, a[b][i][j][c])) {
                            return false;
                        }
                        anyDifferent |= !tol.accepts(e[b][i][j][c], v);
                    }
                }
            }
        }
        return anyDifferent;
    }

    private String where(List<int[]> off, int total) {
        if (off.size() == total) {
            return total == 1 ? "the value differs" : "every entry differs";
        }
        String axis = axis(off);
        return off.size() + " of " + total + " entries differ" + (axis.isEmpty() ? "" : ", " + axis) + ": at (b, i, j, c) = "
                + positions(off);
    }

    /**
     * The axes the differing entries keep to: some batch items or channels; one row or one column of the image, or its
     * border (where padding shows) when a whole edge's worth of entries differ there and nowhere else.
     */
    private String axis(List<int[]> off) {
        String[] names = {"batch item", "row", "column", "channel"};
        int[] sizes = {batch, height, width, channels};
        List<String> parts = new ArrayList<>();
        boolean oneLine = false;
        for (int axis = 0; axis < 4; axis++) {
            TreeSet<Integer> seen = new TreeSet<>();
            for (int[] p : off) {
                seen.add(p[axis]);
            }
            boolean spatial = axis == 1 || axis == 2;
            if (sizes[axis] > 1 && seen.size() < sizes[axis] && (!spatial || seen.size() == 1)) {
                boolean edge = spatial && (seen.first() == 0 || seen.first() == sizes[axis] - 1);
                parts.add("only in " + names[axis] + (seen.size() > 1 ? "s " : " ") + list(seen)
                        + (spatial ? " of the image" + (edge ? " (an edge: check the padding)" : "") : ""));
                oneLine |= spatial;
            }
        }
        boolean border = !oneLine && height > 2 && width > 2 && off.size() >= Math.min(height, width) && off.stream()
                .allMatch(p -> p[1] == 0 || p[1] == height - 1 || p[2] == 0 || p[2] == width - 1);
        if (border) {
            parts.add("only on the image's border (its first or last row or column): check the padding");
        }
        return String.join(", ", parts);
    }

    private static String list(TreeSet<Integer> indices) {
        List<String> s = new ArrayList<>();
        indices.stream().limit(SHOWN_POSITIONS).forEach(i -> s.add(Integer.toString(i)));
        return String.join(", ", s) + (indices.size() > SHOWN_POSITIONS ? " …" : "");
    }

    private static String positions(List<int[]> at) {
        List<String> shown = new ArrayList<>();
        for (int k = 0; k < Math.min(at.size(), SHOWN_POSITIONS); k++) {
            int[] p = at.get(k);
            shown.add("(" + p[0] + ", " + p[1] + ", " + p[2] + ", " + p[3] + ")");
        }
        return String.join(", ", shown) + (at.size() > SHOWN_POSITIONS ? " and " + (at.size() - SHOWN_POSITIONS)
                + " more" : "");
    }

    private int index(int[] p) {
        return ((p[0] * height + p[1]) * width + p[2]) * channels + p[3];
    }

    private static double[] flatten(double[][][][] t) {
        List<Double> out = new ArrayList<>();
        for (double[][][] image : t) {
            for (double[][] row : image) {
                for (double[] pixel : row) {
                    for (double v : pixel) {
                        out.add(v);
                    }
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Returns a tensor's shape for messages, "b×h×w×c", or "ragged" when its parts differ in length. */
    static String shape(double[][][][] t) {
        if (t.length == 0) {
            return "0×0×0×0";
        }
        int h = t[0] == null ? -1 : t[0].length;
        int w = h <= 0 ? 0 : t[0][0] == null ? -1 : t[0][0].length;
        int c = w <= 0 ? 0 : t[0][0][0] == null ? -1 : t[0][0][0].length;
        for (double[][][] image : t) {
            if (image == null || image.length != h) {
                return "ragged";
            }
            for (double[][] row : image) {
                if (row == null || row.length != w) {
                    return "ragged";
                }
                for (double[] pixel : row) {
                    if (pixel == null || pixel.length != c) {
                        return "ragged";
                    }
                }
            }
        }
        return t.length + "×" + h + "×" + w + "×" + c;
    }

    private static String shapeMismatch(double[][][][] e, double[][][][] a, String es, String as) {
        String mismatch = "a " + as + " tensor instead of " + es;
        if (es.equals("ragged") || as.equals("ragged")) {
            return mismatch;
        }
        int[] se = dims(e);
        int[] sa = dims(a);
        if (se[0] != sa[0]) {
            return mismatch + ": the batch size differs (axis 0)";
        }
        if (sa[1] == se[3] && sa[2] == se[1] && sa[3] == se[2] && se[3] != se[1]) {
            return mismatch + ": the channels-first shape (batch, channels, height, width); tensors here are channels"
                    + " last";
        }
        if (sa[1] == se[2] && sa[2] == se[1] && se[1] != se[2] && sa[3] == se[3]) {
            return mismatch + ": height and width are swapped";
        }
        if (sa[3] != se[3]) {
            return mismatch + ": the number of channels differs (axis 3)";
        }
        return mismatch + ": the height or width differs (axes 1 and 2) — check the stride and the padding in the"
                + " output size";
    }

    private static int[] dims(double[][][][] t) {
        return new int[] {t.length, t.length == 0 ? 0 : t[0].length, t.length == 0 || t[0].length == 0 ? 0
                : t[0][0].length, t.length == 0 || t[0].length == 0 || t[0][0].length == 0 ? 0 : t[0][0][0].length};
    }
}
