package nnlab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A supervised data set: inputs {@code x} (one row per sample) and targets {@code y} (one row per sample).
 *
 * <p>Provides the lecture's truth tables and the two bundled real data sets, a seeded train/test split and
 * standardisation with the training set's statistics (handout Part 5).
 *
 * @param x the inputs, samples × features
 * @param y the targets, samples × outputs (a 0/1 column for binary tasks, one-hot rows for multiclass ones)
 */
public record Dataset(Matrix x, Matrix y) {

    private static final String DATA_FOLDER = "/nnlab/data/";

    /** Checks that {@code x} and {@code y} have one row per sample each. */
    public Dataset {
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(y, "y must not be null");
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("x has " + x.rows() + " rows but y has " + y.rows() + ": one target row per sample.");
        }
    }

    /** The OR truth table of the lecture: (0,0) → 0, (0,1) → 1, (1,0) → 1, (1,1) → 1. */
    public static Dataset or() {
        return truthTable(0, 1, 1, 1);
    }

    /** The AND truth table: only (1,1) → 1. */
    public static Dataset and() {
        return truthTable(0, 0, 0, 1);
    }

    /** The XOR truth table: (0,1) and (1,0) → 1; not linearly separable. */
    public static Dataset xor() {
        return truthTable(0, 1, 1, 0);
    }

    /**
     * The Wisconsin Diagnostic Breast Cancer data set: 569 samples × 30 features; y is 569 × 1 with 1 = benign and
     * 0 = malignant (the encoding of the bundled file).
     */
    public static Dataset breastCancer() {
        double[][] rows = readCsv("breast_cancer.csv");
        return fromLabelledRows(rows, 1);
    }

    /** The optical recognition of handwritten digits data set: 1797 samples × 64 pixels (0–16); y is one-hot, 1797 × 10. */
    public static Dataset digits() {
        double[][] rows = readCsv("digits.csv");
        return fromLabelledRows(rows, 10);
    }

    /** Returns the number of samples. */
    public int size() {
        return x.rows();
    }

    /**
     * Splits the samples at random: the indices 0 … n−1 are shuffled with {@code Collections.shuffle(list,
     * new Random(seed))}, the first {@code round(n · testFraction)} go to the test set and the rest to the training set.
     *
     * @throws IllegalArgumentException if either part would be empty
     */
    public Split split(double testFraction, long seed) {
        int n = size();
        int testSize = (int) Math.round(n * testFraction);
        if (!(testFraction > 0 && testFraction < 1) || testSize == 0 || testSize == n) {
            throw new IllegalArgumentException("testFraction " + testFraction + " of " + n
                    + " samples leaves the training or the test set empty: use a fraction strictly between 0 and 1.");
        }
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] test = order.subList(0, testSize).stream().mapToInt(Integer::intValue).toArray();
        int[] train = order.subList(testSize, n).stream().mapToInt(Integer::intValue).toArray();
        return new Split(select(train), select(test));
    }

    private Dataset select(int[] indices) {
        return new Dataset(x.selectRows(indices), y.selectRows(indices));
    }

    /**
     * A training set and a held-out test set.
     *
     * @param train used to fit the model (and the standardisation)
     * @param test  used only to measure the fitted model
     */
    public record Split(Dataset train, Dataset test) {

        /** Checks that both parts are present. */
        public Split {
            Objects.requireNonNull(train, "train must not be null");
            Objects.requireNonNull(test, "test must not be null");
        }

        /**
         * Returns both parts standardised with the training set's column means and standard deviations (population,
         * divisor n): x′ = (x − mean) / sd; a column with sd = 0 is only centred. Targets are unchanged.
         */
        public Split standardized() {
            double[] mean = train.x().columnSums();
            int n = train.size();
            for (int c = 0; c < mean.length; c++) {
                mean[c] /= n;
            }
            double[] sd = new double[mean.length];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < sd.length; c++) {
                    double d = train.x().get(r, c) - mean[c];
                    sd[c] += d * d;
                }
            }
            for (int c = 0; c < sd.length; c++) {
                sd[c] = Math.sqrt(sd[c] / n);
                if (sd[c] == 0) {
                    sd[c] = 1;
                }
            }
            return new Split(scale(train, mean, sd), scale(test, mean, sd));
        }

        private static Dataset scale(Dataset data, double[] mean, double[] sd) {
            double[][] x = data.x().toArray();
            for (double[] row : x) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = (row[c] - mean[c]) / sd[c];
                }
            }
            return new Dataset(Matrix.of(x), data.y());
        }
    }

    private static Dataset truthTable(double y00, double y01, double y10, double y11) {
        return new Dataset(
                Matrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
                Matrix.columnVector(new double[] {y00, y01, y10, y11}));
    }

    /** Splits rows whose last value is the label; {@code classes == 1} keeps it as a column, else one-hot encodes it. */
    private static Dataset fromLabelledRows(double[][] rows, int classes) {
        int features = rows[0].length - 1;
        double[][] x = new double[rows.length][];
        double[][] y = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            x[r] = Arrays.copyOf(rows[r], features);
            double label = rows[r][features];
            if (classes == 1) {
                y[r] = new double[] {label};
            } else {
                y[r] = new double[classes];
                y[r][(int) label] = 1;
            }
        }
        return new Dataset(Matrix.of(x), Matrix.of(y));
    }

    /** Reads a bundled CSV with one header line and numeric cells. */
    private static double[][] readCsv(String name) {
        String resource = DATA_FOLDER + name;
        try (InputStream in = Dataset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The bundled data file " + resource + " is missing from the classpath: "
                        + "it ships in src/main/resources" + resource + "; restore it from the starter code.");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            List<double[]> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                double[] row = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    row[c] = Double.parseDouble(cells[c].trim());
                }
                rows.add(row);
            }
            return rows.toArray(new double[0][]);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the bundled data file " + resource, e);
        }
    }
}
