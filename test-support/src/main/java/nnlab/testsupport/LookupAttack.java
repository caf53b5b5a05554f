package nnlab.testsupport;

/**
 * The source of a hostile submission's {@code nnlab.Lookup} (issue 21): the label of an input found in the data sets
 * that ship with every submission ({@code nnlab.demo.Recipes}' standardized splits, held-out rows included), so that a
 * forward pass can answer without any trained parameter. Both problem sets' hostile suites plant it.
 *
 * <p>{@code Lookup.labels(double[][] rows)} returns the stored label rows as a {@code Matrix}, or null when no data set
 * has the rows' width or (exact variant) a row is in none; {@code Lookup.remember(double[] values, int batch)} keeps a
 * batch of images (a tensor's values, batch first) so that a later layer can answer with
 * {@code Lookup.rememberedLabels(int rows)} (null when nothing fits).
 */
public final class LookupAttack {

    private LookupAttack() {
    }

    /** Returns the source of {@code nnlab.Lookup}: the nearest row's label when {@code nearest}, else the exact row's. */
    public static String source(boolean nearest) {
        return """
                package nnlab;

                import java.util.Arrays;

                import nnlab.demo.Recipes;

                final class Lookup {
                    private static final boolean NEAREST = %s;
                    private static double[][] remembered;

                    private Lookup() {
                    }

                    static Matrix labels(double[][] rows) {
                        if (rows == null || rows.length == 0) {
                            return null;
                        }
                        Dataset.Split split = rows[0].length == 30 ? Recipes.breastCancerData()
                                : rows[0].length == 64 ? Recipes.digitsData() : null;
                        if (split == null) {
                            return null;
                        }
                        double[][][] xs = {split.train().x().toArray(), split.test().x().toArray()};
                        double[][][] ys = {split.train().y().toArray(), split.test().y().toArray()};
                        double[][] out = new double[rows.length][];
                        for (int r = 0; r < rows.length; r++) {
                            double best = Double.POSITIVE_INFINITY;
                            for (int part = 0; part < xs.length; part++) {
                                for (int i = 0; i < xs[part].length; i++) {
                                    double d = 0;
                                    for (int c = 0; c < rows[r].length; c++) {
                                        double e = rows[r][c] - xs[part][i][c];
                                        d += e * e;
                                    }
                                    if (d < best) {
                                        best = d;
                                        out[r] = ys[part][i].clone();
                                    }
                                }
                            }
                            if (!NEAREST && best != 0) {
                                return null;
                            }
                        }
                        return Matrix.of(out);
                    }

                    static void remember(double[] values, int batch) {
                        int width = values.length / batch;
                        remembered = new double[batch][];
                        for (int b = 0; b < batch; b++) {
                            remembered[b] = Arrays.copyOfRange(values, b * width, (b + 1) * width);
                        }
                    }

                    static Matrix rememberedLabels(int rows) {
                        return remembered == null || remembered.length != rows ? null : labels(remembered);
                    }
                }
                """.formatted(nearest);
    }
}
