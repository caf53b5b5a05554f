package nnlab.grader.score;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Checks an analytic gradient against centered differences (L(θ + h·eᵢ) − L(θ − h·eᵢ)) / 2h in double precision.
 * An entry fails when |a − n| > atol + rtol·max(|a|, |n|). Every parameter block gets its full quota of checked
 * entries, min(perBlock, block size); a failing entry that sits on a kink (e.g. ReLU at 0: the one-sided slopes
 * differ, so the centered difference means nothing there) is replaced by another entry of the same block.
 *
 * <p>The check cannot be talked out of checking. Whether an entry sits on a kink is decided on a function the
 * grader trusts, the reference's loss at the same parameters, never on the function under test: a student controls
 * that one, and a forward pass that jitters by 1e-8 (invisible to any forward test) would otherwise make every entry
 * look like a kink and have them all dismissed. Each block replaces at most as many entries as its quota (never
 * more than it leaves unchecked), so it is always checked on its full quota; a failing kink entry beyond that is
 * checked like any other and the result says the block had too many kinks: that fails, it never passes on what
 * little was left.
 */
public final class GradientCheck {

    /** The finite-difference step. */
    public static final double STEP = 1e-5;
    /** The absolute part of the tolerance. */
    public static final double ABSOLUTE_TOLERANCE = 1e-8;
    /**
     * The default relative part of the tolerance, the same as the starter's public gradient check: with a step of
     * 1e-5 centered differences are off by truncation (~h²) and rounding (~1e-16/h) errors near 1e-10, so 1e-6 leaves
     * four orders of margin while no real backprop mistake (a factor, a missing term) comes within it.
     */
    public static final double RELATIVE_TOLERANCE = 1e-6;
    private static final double KINK_DISAGREEMENT = 1e-3;
    /** The slope below which one-sided slopes are compared absolutely rather than relatively. */
    private static final double SLOPE_FLOOR = 1e-6;
    private static final int WORST_SHOWN = 5;

    /** A contiguous slice of the flat parameter vector, e.g. one layer's weights (shown as rows × cols). */
    public record Block(String name, int offset, int rows, int cols) {
        int length() {
            return rows * cols;
        }

        String position(int index) {
            int local = index - offset;
            return cols == 1 && rows > 1 || rows == 1 ? "[" + local + "]" : "[" + local / cols + "][" + local % cols + "]";
        }
    }

    /** One checked entry. */
    public record Entry(String block, String position, double analytic, double numerical, double error, boolean passed) {
    }

    /**
     * The outcome: every checked entry's verdict, the worst ones for the report, and a line for each block with
     * more failing entries on kinks than could be replaced.
     */
    public record Result(String label, int checked, int failed, int kinksResampled, List<Entry> worst,
                         List<String> tooManyKinks) {
        /** Returns whether every checked entry passed (and so no block had too many kinks). */
        public boolean passed() {
            return failed == 0 && tooManyKinks.isEmpty();
        }

        /** Returns the worst entries as a text table, after a line for each block with too many kinks. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %d of %d entries wrong%s%n", label, failed,
                    checked, kinksResampled > 0 ? " (" + kinksResampled + " kink entries resampled)" : ""));
            tooManyKinks.forEach(line -> sb.append("  ").append(line).append('\n'));
            sb.append(String.format(Locale.ROOT, "  %-14s %-10s %15s %15s %10s%n", "block", "entry", "analytic",
                    "numerical", "rel. error"));
            for (Entry e : worst) {
                sb.append(String.format(Locale.ROOT, "  %-14s %-10s %15.8g %15.8g %10.2e%s%n", e.block(), e.position(),
                        e.analytic(), e.numerical(), e.error(), e.passed() ? "" : "  ✗"));
            }
            return sb.toString();
        }

        /** Returns this result as JSON-ready values for a test's {@code extra_data}. */
        public Map<String, Object> toData() {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Entry e : worst) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("block", e.block());
                row.put("entry", e.position());
                row.put("analytic", e.analytic());
                row.put("numerical", e.numerical());
                row.put("relativeError", e.error());
                row.put("passed", e.passed());
                rows.add(row);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", label);
            m.put("checked", checked);
            m.put("failed", failed);
            m.put("kinksResampled", kinksResampled);
            m.put("tooManyKinks", tooManyKinks);
            m.put("worst", rows);
            return m;
        }
    }

    private GradientCheck() {
    }

    /**
     * Checks {@code analytic} = ∂loss/∂θ at {@code parameters} on min(perBlock, block size) entries of each block.
     *
     * @param loss the function under test; it receives fresh copies and may keep them
     * @param kinkReference the trusted function whose one-sided slopes decide whether a failing entry sits on a kink and may
     *     be replaced (the reference's loss at the same parameters), or {@code null} when the function has no kinks:
     *     then no entry is ever replaced
     */
    public static Result check(String label, double[] parameters, double[] analytic, ToDoubleFunction<double[]> loss,
                               ToDoubleFunction<double[]> kinkReference, List<Block> blocks, int perBlock,
                               double relativeTolerance, Random random) {
        if (analytic == null || analytic.length != parameters.length) {
            throw new AssertionError(label + ": the gradient has " + (analytic == null ? "no" : analytic.length)
                    + " entries but there are " + parameters.length + " parameters");
        }
        Tolerance tolerance = new Tolerance(ABSOLUTE_TOLERANCE, relativeTolerance);
        List<Entry> entries = new ArrayList<>();
        List<String> tooMany = new ArrayList<>();
        int resampled = 0;
        for (Block block : blocks) {
            int wanted = Math.min(perBlock, block.length());
            // At most as many replacements as the quota, and only from entries the quota leaves unchecked.
            int replaceable = kinkReference == null ? 0 : Math.min(wanted, block.length() - wanted);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < block.length(); i++) {
                order.add(block.offset() + i);
            }
            if (wanted < block.length()) {
                Collections.shuffle(order, random);
            }
            int checked = 0;
            int kinksKept = 0;
            for (int k = 0; k < order.size() && checked < wanted; k++) {
                int index = order.get(k);
                double[] sides = sides(loss, parameters, index);
                double numerical = (sides[0] - sides[1]) / (2 * STEP);
                double a = analytic[index];
                boolean ok = tolerance.accepts(numerical, a);
                if (!ok && kinkReference != null && onKink(kinkReference, parameters, index)) {
                    if (replaceable > 0) {
                        replaceable--;
                        resampled++;
                        continue;
                    }
                    kinksKept++;
                }
                double scale = Math.max(Math.abs(a), Math.abs(numerical));
                double error = scale == 0 ? 0 : Math.abs(a - numerical) / scale;
                entries.add(new Entry(block.name(), block.position(index), a, numerical,
                        Double.isNaN(error) ? Double.POSITIVE_INFINITY : error, ok));
                checked++;
            }
            if (kinksKept > 0) {
                tooMany.add(String.format(Locale.ROOT, "%s: too many entries sit on kinks (%d more than can be replaced);"
                        + " they were checked and the check fails", block.name(), kinksKept));
            }
        }
        int failed = (int) entries.stream().filter(e -> !e.passed()).count();
        List<Entry> worst = entries.stream()
                .sorted(Comparator.comparing(Entry::passed).thenComparing(Comparator.comparingDouble(Entry::error).reversed()))
                .limit(WORST_SHOWN).toList();
        return new Result(label, entries.size(), failed, resampled, worst, List.copyOf(tooMany));
    }

    /** Returns whether {@code trusted}'s one-sided slopes along entry {@code index} disagree: a kink within a step. */
    private static boolean onKink(ToDoubleFunction<double[]> trusted, double[] parameters, int index) {
        double[] sides = sides(trusted, parameters, index);
        double center = trusted.applyAsDouble(parameters.clone());
        double forward = (sides[0] - center) / STEP;
        double backward = (center - sides[1]) / STEP;
        double centered = (sides[0] - sides[1]) / (2 * STEP);
        return Math.abs(forward - backward) > KINK_DISAGREEMENT * Math.max(SLOPE_FLOOR, Math.abs(centered));
    }

    private static double[] sides(ToDoubleFunction<double[]> loss, double[] parameters, int index) {
        double[] plus = parameters.clone();
        plus[index] += STEP;
        double[] minus = parameters.clone();
        minus[index] -= STEP;
        return new double[] {loss.applyAsDouble(plus), loss.applyAsDouble(minus)};
    }
}
