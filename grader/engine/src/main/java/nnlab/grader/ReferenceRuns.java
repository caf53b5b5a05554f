package nnlab.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import nnlab.grader.score.Tolerance;

/**
 * An assignment's golden reference runs: what the reference (the oracle) gives when it trains with the handout's
 * recipes — its loss per epoch, its held-out accuracy — by graded test and series name. The reference, the recipes
 * and the data are fixed for a grader build, so the training tests read these values instead of training the oracle
 * in every grader JVM; {@link Assignment#trainReference()} recomputes them, {@code course reference-runs} writes them
 * ({@link #REGENERATE}), and the plug-in contract tests fail, naming that command, when the committed file no longer
 * matches the oracle.
 *
 * <p>The file is text, one series a line, sorted, each value in the shortest form that reads back as the same double
 * ({@link Double#toString}), so a regeneration reads as a diff:
 * <pre>
 * # comment lines
 * test TAB series TAB value,value,…
 * </pre>
 */
public final class ReferenceRuns {

    /** The file's name, next to {@code assignment.json} on the grader's classpath ({@code nnlab-ID/}). */
    public static final String FILE = "reference-runs.tsv";
    /** The command that regenerates an assignment's file, with {@code ID} for the assignment. */
    public static final String REGENERATE = "grader/course/bin/course reference-runs --assignment ID";
    /** No runs: an assignment without training tests. */
    public static final ReferenceRuns NONE = new ReferenceRuns(Map.of());
    /**
     * How close a recomputed value must be to the committed one for the file to be current. Java's arithmetic is the
     * same on every JVM, but the reference's larger matrix work may run on an OpenCL device ({@code nnlab.backend}),
     * which sums in another order, and {@code Math.exp} or {@code log} may differ by an ulp between processors:
     * training the four recipes with plain Java and with PoCL gave series at most 4e-16 apart (relative), while a
     * change of the reference, a recipe or the data moves a loss by orders of magnitude more than this.
     */
    public static final Tolerance CURRENT = new Tolerance(0, 1e-9);

    private static final String COMMENT = "#";
    private static final Pattern TAB = Pattern.compile("\t");
    private static final int FIELDS = 3;

    private final Map<String, double[]> series;

    private ReferenceRuns(Map<String, double[]> series) {
        this.series = series;
    }

    /** Builds a {@link ReferenceRuns} series by series. */
    public static final class Builder {
        private final Map<String, double[]> series = new TreeMap<>();

        /** Adds {@code test}'s series {@code name}; neither may hold a tab or line break, nor be given twice. */
        public Builder put(String test, String name, double... values) {
            for (String field : List.of(test, name)) {
                if (field.isEmpty() || field.contains("\t") || field.contains("\n")) {
                    throw new IllegalArgumentException("a reference run's test or series name is empty or holds a tab"
                            + " or line break: " + field);
                }
            }
            if (series.putIfAbsent(key(test, name), values.clone()) != null) {
                throw new IllegalArgumentException("series " + name + " of test " + test + " given twice");
            }
            return this;
        }

        /** Returns the runs put so far. */
        public ReferenceRuns build() {
            return new ReferenceRuns(new TreeMap<>(series));
        }
    }

    /** Returns whether there is no series. */
    public boolean isEmpty() {
        return series.isEmpty();
    }

    /**
     * Returns a copy of test {@code test}'s series {@code name}.
     *
     * @throws IllegalStateException when there is none: the file is missing it and must be regenerated
     */
    public double[] series(String test, String name) {
        double[] values = series.get(key(test, name));
        if (values == null) {
            throw new IllegalStateException("the reference runs hold no series " + name + " of test " + test
                    + ": regenerate them with " + REGENERATE);
        }
        return values.clone();
    }

    /**
     * Returns test {@code test}'s single value {@code name}, e.g. a held-out accuracy.
     *
     * @throws IllegalStateException when there is none or it is not one value
     */
    public double value(String test, String name) {
        double[] values = series(test, name);
        if (values.length != 1) {
            throw new IllegalStateException("series " + name + " of test " + test + " holds " + values.length
                    + " values, not one: regenerate the reference runs with " + REGENERATE);
        }
        return values[0];
    }

    /**
     * Returns how {@code recomputed} differs from these runs beyond {@link #CURRENT}, one line per series (missing,
     * extra, of another length or with another value); empty when these are current.
     */
    public List<String> differences(ReferenceRuns recomputed) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, double[]> e : recomputed.series.entrySet()) {
            double[] committed = series.get(e.getKey());
            String where = e.getKey().replace("\t", " ");
            if (committed == null) {
                problems.add(where + ": missing");
            } else if (committed.length != e.getValue().length) {
                problems.add(where + ": " + committed.length + " values, the oracle gives " + e.getValue().length);
            } else {
                for (int i = 0; i < committed.length; i++) {
                    if (!CURRENT.accepts(e.getValue()[i], committed[i])) {
                        problems.add(where + "[" + i + "]: " + committed[i] + ", the oracle gives " + e.getValue()[i]);
                        break;
                    }
                }
            }
        }
        series.keySet().stream().filter(k -> !recomputed.series.containsKey(k))
                .forEach(k -> problems.add(k.replace("\t", " ") + ": not a series the oracle gives"));
        return problems;
    }

    /** Returns the file's text for assignment {@code assignment}: the comment, then one line per series, sorted. */
    public String text(String assignment) {
        StringBuilder sb = new StringBuilder();
        sb.append(COMMENT).append(" The reference runs of ").append(assignment).append(": what the oracle gives when it")
                .append(" trains with the handout's recipes,\n").append(COMMENT).append(" read by the training tests")
                .append(" instead of training it in every grader. Made by a program: regenerate, never edit,\n")
                .append(COMMENT).append(" with ").append(REGENERATE.replace("ID", assignment)).append("\n")
                .append(COMMENT).append(" test\tseries\tvalues\n");
        series.forEach((key, values) -> sb.append(key).append('\t').append(Arrays.stream(values)
                .mapToObj(Double::toString).collect(Collectors.joining(","))).append('\n'));
        return sb.toString();
    }

    /**
     * Reads a file's text.
     *
     * @throws IllegalArgumentException naming the line that is not a series
     */
    public static ReferenceRuns parse(String text) {
        Builder runs = new Builder();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isBlank() || line.startsWith(COMMENT)) {
                continue;
            }
            String[] f = TAB.split(line, -1);
            try {
                if (f.length != FIELDS) {
                    throw new IllegalArgumentException("expected " + FIELDS + " tab-separated fields");
                }
                runs.put(f[0], f[1], Arrays.stream(f[2].split(",")).mapToDouble(Double::parseDouble).toArray());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + " of the reference runs is not a series ("
                        + e.getMessage() + "): regenerate them with " + REGENERATE, e);
            }
        }
        return runs.build();
    }

    /** Returns the path of assignment {@code id}'s file on the grader's classpath. */
    public static String resource(String id) {
        return "nnlab-" + id + "/" + FILE;
    }

    /**
     * Returns assignment {@code id}'s committed runs from {@code loader}'s classpath.
     *
     * @throws IllegalStateException when the file is missing, naming the command that makes it
     */
    public static ReferenceRuns committed(ClassLoader loader, String id) {
        try (InputStream in = loader.getResourceAsStream(resource(id))) {
            if (in == null) {
                throw new IllegalStateException(id + " has no reference runs (" + resource(id) + "): make them with "
                        + REGENERATE.replace("ID", id) + ", then rebuild the grader");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String test, String name) {
        return test + "\t" + name;
    }
}
