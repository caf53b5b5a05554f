package nnlab.grader.score;

import java.util.ArrayList;
import java.util.List;

/**
 * Describes how a flat parameter vector (or its gradient) differs, as a student reads the network: by the layers'
 * parameters the differing entries belong to ("layer 1's kernel W1 (all 12 entries), layer 2's bias b2 (1 of 3)")
 * and the first of them by row and column, instead of a flat index. Never a value.
 */
final class ParameterDifferences {

    /** How many blocks a description names before it summarises the rest. */
    private static final int SHOWN_BLOCKS = 4;

    private ParameterDifferences() {
    }

    /**
     * Returns how {@code actual} differs from {@code expected}, or "" when every entry is accepted; {@code layout}
     * names consecutive parts of the vector (its blocks must cover it; otherwise the flat description is used).
     */
    static String describe(double[] expected, double[] actual, Tolerance tolerance, List<GradientCheck.Block> layout) {
        String flat = Differences.describe(expected, actual, tolerance);
        if (flat.isEmpty() || actual == null || actual.length != expected.length || !covers(layout, expected.length)) {
            return flat;
        }
        List<String> parts = new ArrayList<>();
        String first = null;
        int differing = 0;
        for (GradientCheck.Block block : layout) {
            int off = 0;
            for (int k = block.offset(); k < block.offset() + block.length(); k++) {
                if (!tolerance.accepts(expected[k], actual[k])) {
                    off++;
                    if (first == null) {
                        first = block.name() + " " + position(block, k);
                    }
                }
            }
            differing += off;
            if (off > 0) {
                parts.add(block.name() + (off == block.length() ? block.length() == 1 ? "" : " (all " + off + " entries)"
                        : " (" + off + " of " + block.length() + ")"));
            }
        }
        String where = parts.size() > SHOWN_BLOCKS ? String.join(", ", parts.subList(0, SHOWN_BLOCKS)) + " and "
                + (parts.size() - SHOWN_BLOCKS) + " more" : String.join(", ", parts);
        String pattern = flat.contains("; ") ? flat.substring(flat.indexOf("; ")) : "";
        String count = differing == expected.length ? "every entry differs" : differing + " of " + expected.length
                + " entries differ";
        return count + ", in " + where + "; the first at " + first + pattern;
    }

    private static String position(GradientCheck.Block block, int index) {
        int local = index - block.offset();
        if (block.rows() == 1 || block.cols() == 1) {
            return "entry " + local;
        }
        return "row " + local / block.cols() + ", column " + local % block.cols();
    }

    private static boolean covers(List<GradientCheck.Block> layout, int length) {
        int next = 0;
        for (GradientCheck.Block block : layout) {
            if (block.offset() != next) {
                return false;
            }
            next += block.length();
        }
        return next == length;
    }
}
