package nnlab.grader.score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Checks an analytic gradient against centered differences (L(θ + h·eᵢ) − L(θ − h·eᵢ)) / 2h in double precision.
 * An entry fails when |a − n| > atol + rtol·max(|a|, |n|). Entries are sampled from every parameter block; a failing
 * entry whose forward and backward one-sided slopes differ sits on a kink (e.g. ReLU at 0) and is replaced by
 * another entry of the same block.
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
    private static final int RESAMPLE_ATTEMPTS = 5;
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

    /** The outcome: every checked entry's verdict and the worst ones for the report. */
    public record Result(String label, int checked, int failed, int kinksResampled, List<Entry> worst) {
        /** Returns whether every checked entry passed. */
        public boolean passed() {
            return failed == 0;
        }

        /** Returns the worst entries as a text table. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %d of %d entries wrong%s%n", label, failed,
                    checked, kinksResampled > 0 ? " (" + kinksResampled + " kink entries resampled)" : ""));
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
            m.put("worst", rows);
            return m;
        }
    }

    private GradientCheck() {
    }

    /**
     * Checks {@code analytic} = ∂loss/∂θ at {@code parameters} on up to {@code perBlock} entries of each block.
     *
     * @param loss evaluates the loss at a parameter vector; it receives fresh copies and may keep them
     */
    public static Result check(String label, double[] parameters, double[] analytic, ToDoubleFunction<double[]> loss,
                               List<Block> blocks, int perBlock, double relativeTolerance, Random random) {
        if (analytic == null || analytic.length != parameters.length) {
            throw new AssertionError(label + ": the gradient has " + (analytic == null ? "no" : analytic.length)
                    + " entries but there are " + parameters.length + " parameters");
        }
        Tolerance tolerance = new Tolerance(ABSOLUTE_TOLERANCE, relativeTolerance);
        List<Entry> entries = new ArrayList<>();
        int kinks = 0;
        for (Block block : blocks) {
            Set<Integer> chosen = new HashSet<>();
            Set<Integer> kinked = new HashSet<>();
            int wanted = Math.min(perBlock, block.length());
            int attempts = 0;
            while (chosen.size() < wanted && attempts < wanted + RESAMPLE_ATTEMPTS * wanted) {
                attempts++;
                int index = block.offset() + (block.length() == wanted ? chosen.size() : random.nextInt(block.length()));
                if (kinked.contains(index) || !chosen.add(index)) {
                    continue;
                }
                double[] sides = sides(loss, parameters, index);
                double numerical = (sides[0] - sides[1]) / (2 * STEP);
                double a = analytic[index];
                boolean ok = tolerance.accepts(numerical, a);
                if (!ok && block.length() > wanted) {
                    // On a kink the one-sided slopes differ; the centered one is then meaningless, so pick another entry.
                    double center = loss.applyAsDouble(parameters.clone());
                    double forward = (sides[0] - center) / STEP;
                    double backward = (center - sides[1]) / STEP;
                    if (Math.abs(forward - backward) > KINK_DISAGREEMENT * Math.max(1e-6, Math.abs(numerical))) {
                        kinks++;
                        kinked.add(index);
                        chosen.remove(index);
                        continue;
                    }
                }
                double scale = Math.max(Math.abs(a), Math.abs(numerical));
                double error = scale == 0 ? 0 : Math.abs(a - numerical) / scale;
                entries.add(new Entry(block.name(), block.position(index), a, numerical,
                        Double.isNaN(error) ? Double.POSITIVE_INFINITY : error, ok));
            }
        }
        int failed = (int) entries.stream().filter(e -> !e.passed()).count();
        List<Entry> worst = entries.stream()
                .sorted(Comparator.comparing(Entry::passed).thenComparing(Comparator.comparingDouble(Entry::error).reversed()))
                .limit(WORST_SHOWN).toList();
        return new Result(label, entries.size(), failed, kinks, worst);
    }

    private static double[] sides(ToDoubleFunction<double[]> loss, double[] parameters, int index) {
        double[] plus = parameters.clone();
        plus[index] += STEP;
        double[] minus = parameters.clone();
        minus[index] -= STEP;
        return new double[] {loss.applyAsDouble(plus), loss.applyAsDouble(minus)};
    }
}
