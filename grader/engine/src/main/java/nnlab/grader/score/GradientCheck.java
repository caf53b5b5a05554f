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
 *
 * <p>Nor can it be talked into agreeing. A check of a student's gradient against differences of the student's own
 * loss compares the code with itself: a loss that returns {@code L₀ + g·(θ − θ₀)} near the last gradient point (a
 * linear function with the student's own slope) would make any gradient agree with it. So with a trusted function
 * the student's loss counts only where it agrees with the trusted one at every point the check evaluates: at each
 * entry, its values at θ + h·eᵢ and θ − h·eᵢ must each agree with the trusted function's there, and closely enough
 * that the difference they give agrees with the trusted difference within the check's own tolerance (pointwise
 * agreement to a looser tolerance would let a slope off by a factor through, since h·Δslope is tiny). An entry where
 * it does not fails, whatever the gradient, and says so: the student's gradient is then never compared with a
 * number that its own code made up.
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
    /** Wrong entries share a scale factor when their ratios agree this closely. */
    private static final Tolerance SAME_FACTOR = new Tolerance(1e-9, 1e-3);

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

    /**
     * One checked entry; {@code lossAgrees} is false where the function under test disagreed with the trusted one at
     * θ ± h (the entry then fails whatever the gradient).
     */
    public record Entry(String block, String position, double analytic, double numerical, double error, boolean passed,
                        boolean lossAgrees) {
    }

    /**
     * The outcome: every checked entry's verdict, the worst ones for the report, a line for each block with more
     * failing entries on kinks than could be replaced, and how many entries failed because the function under test
     * disagreed with the trusted one at θ ± h; {@code differences} says per failing block what differs, in words
     * without any value (see {@link #differences()}).
     */
    public record Result(String label, int checked, int failed, int kinksResampled, List<Entry> worst,
                         List<String> tooManyKinks, int lossDisagreements, List<String> differences) {
        /** Returns whether every checked entry passed (and so no block had too many kinks). */
        public boolean passed() {
            return failed == 0 && tooManyKinks.isEmpty();
        }

        /**
         * Returns what differs, one line per failing block and without any value (a student may see it before the
         * due date): how many checked entries are wrong, whether all are off by one factor or zero where the
         * differences are not, and how many the function under test could not be trusted at. Empty when passed.
         */
        public String summary() {
            return String.join("; ", differences);
        }

        /** Returns the worst entries as a text table, after a line for each block with too many kinks. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %d of %d entries wrong%s%n", label, failed,
                    checked, kinksResampled > 0 ? " (" + kinksResampled + " kink entries resampled)" : ""));
            tooManyKinks.forEach(line -> sb.append("  ").append(line).append('\n'));
            if (lossDisagreements > 0) {
                sb.append(String.format(Locale.ROOT, "  %d entries not checked against your own function: its values"
                        + " at θ ± h disagree with the reference's there (✗ˡ), so its differences cannot be trusted%n",
                        lossDisagreements));
            }
            sb.append(String.format(Locale.ROOT, "  %-14s %-10s %15s %15s %10s%n", "block", "entry", "analytic",
                    "numerical", "rel. error"));
            for (Entry e : worst) {
                sb.append(String.format(Locale.ROOT, "  %-14s %-10s %15.8g %15.8g %10.2e%s%n", e.block(), e.position(),
                        e.analytic(), e.numerical(), e.error(), e.passed() ? "" : e.lossAgrees() ? "  ✗" : "  ✗ˡ"));
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
                row.put("lossAgrees", e.lossAgrees());
                rows.add(row);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", label);
            m.put("checked", checked);
            m.put("failed", failed);
            m.put("kinksResampled", kinksResampled);
            m.put("tooManyKinks", tooManyKinks);
            m.put("lossDisagreements", lossDisagreements);
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
     * @param trusted the function the grader trusts (the reference's loss at the same parameters): the function under
     *     test counts at an entry only where it agrees with this one at θ ± h, and this one's one-sided slopes decide
     *     whether a failing entry sits on a kink and may be replaced; or {@code null} when {@code loss} is itself
     *     trusted (the grader's own function) and has no kinks: then nothing is gated and no entry is ever replaced
     */
    public static Result check(String label, double[] parameters, double[] analytic, ToDoubleFunction<double[]> loss,
                               ToDoubleFunction<double[]> trusted, List<Block> blocks, int perBlock,
                               double relativeTolerance, Random random) {
        if (analytic == null || analytic.length != parameters.length) {
            throw new AssertionError(label + ": the gradient has " + (analytic == null ? "no" : analytic.length)
                    + " entries but there are " + parameters.length + " parameters");
        }
        Tolerance tolerance = new Tolerance(ABSOLUTE_TOLERANCE, relativeTolerance);
        List<Entry> entries = new ArrayList<>();
        List<String> tooMany = new ArrayList<>();
        int resampled = 0;
        int disagreements = 0;
        List<String> differences = new ArrayList<>();
        for (Block block : blocks) {
            int firstEntry = entries.size();
            int wanted = Math.min(perBlock, block.length());
            // At most as many replacements as the quota, and only from entries the quota leaves unchecked.
            int replaceable = trusted == null ? 0 : Math.min(wanted, block.length() - wanted);
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
                boolean agrees = trusted == null || agrees(sides, sides(trusted, parameters, index), tolerance);
                if (!agrees) {
                    // Never resampled as a kink: at a kink the student's and the trusted function still agree.
                    disagreements++;
                    entries.add(new Entry(block.name(), block.position(index), a, numerical,
                            Double.POSITIVE_INFINITY, false, false));
                    checked++;
                    continue;
                }
                boolean ok = tolerance.accepts(numerical, a);
                if (!ok && trusted != null && onKink(trusted, parameters, index)) {
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
                        Double.isNaN(error) ? Double.POSITIVE_INFINITY : error, ok, true));
                checked++;
            }
            String difference = difference(block, entries.subList(firstEntry, entries.size()));
            if (!difference.isEmpty()) {
                differences.add(difference);
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
        return new Result(label, entries.size(), failed, resampled, worst, List.copyOf(tooMany), disagreements,
                List.copyOf(differences));
    }

    /** Returns what differs in one block's checked entries, without any value; "" when they all passed. */
    private static String difference(Block block, List<Entry> checked) {
        List<Entry> wrong = checked.stream().filter(e -> !e.passed()).toList();
        if (wrong.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        List<Entry> compared = wrong.stream().filter(Entry::lossAgrees).toList();
        if (!compared.isEmpty()) {
            parts.add(compared.size() + " of " + checked.size() + " checked entries wrong" + pattern(compared));
        }
        long untrusted = wrong.size() - compared.size();
        if (untrusted > 0) {
            parts.add("at " + untrusted + " of " + checked.size() + " entries your function's values at θ ± h disagree"
                    + " with the reference's, so they were not trusted (look at the forward pass and the loss)");
        }
        return block.name() + ": " + String.join(", ", parts);
    }

    /** " (…)" naming a pattern every wrong entry shares — one scale factor, or zero where the slope is not — or "". */
    private static String pattern(List<Entry> wrong) {
        if (wrong.stream().allMatch(e -> e.analytic() == 0 && e.numerical() != 0)) {
            return " (your gradient is 0 where the differences are not)";
        }
        if (wrong.stream().anyMatch(e -> e.numerical() == 0 || !Double.isFinite(e.analytic() / e.numerical()))) {
            return "";
        }
        double factor = wrong.get(0).analytic() / wrong.get(0).numerical();
        boolean common = wrong.stream().allMatch(e -> SAME_FACTOR.accepts(factor, e.analytic() / e.numerical()));
        return common ? String.format(Locale.ROOT, " (all off by one factor: yours are %.3f× the differences)", factor)
                : "";
    }

    /**
     * Returns whether the values under test at θ + h and θ − h ({@code mine}) agree with the trusted ones: each within
     * {@link Tolerance#DEFAULT} (the forward checks' tolerance), and their centered difference within {@code tolerance}
     * of the trusted difference. Honest code differs from the reference by rounding, ~1e-16·|L| per value, which moves
     * the difference by ~1e-11·|L|: far inside the check's tolerance.
     */
    private static boolean agrees(double[] mine, double[] trusted, Tolerance tolerance) {
        return Tolerance.DEFAULT.accepts(trusted[0], mine[0]) && Tolerance.DEFAULT.accepts(trusted[1], mine[1])
                && tolerance.accepts((trusted[0] - trusted[1]) / (2 * STEP), (mine[0] - mine[1]) / (2 * STEP));
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
