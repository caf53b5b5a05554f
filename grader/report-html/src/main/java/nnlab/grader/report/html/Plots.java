package nnlab.grader.report.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts drawn with XChart and returned as PNG data URIs, so a page needs no other file. */
final class Plots {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 320;
    private static final Color STUDENT_COLOUR = new Color(0x1f, 0x5f, 0xbf);
    private static final Color REFERENCE_BAND_COLOUR = new Color(0xf2, 0xc4, 0x8a);
    private static final Color TARGET_COLOUR = new Color(0xc6, 0x28, 0x28);
    /** Wide enough to show around a student's curve drawn exactly on top of it. */
    private static final float REFERENCE_BAND_WIDTH = 7f;
    /** Validation curves are dashed, so they stay apart from the training curves without relying on colour alone. */
    private static final float[] VALIDATION_DASH = {6f, 4f};
    private static final float[] VALIDATION_DASH_BAND = {14f, 8f};
    private static final Color VALIDATION_COLOUR = new Color(0x8e, 0x24, 0xaa);
    /** Accuracies are shown to three decimals, as the captions print them. */
    private static final String ACCURACY_PATTERN = "0.000";

    static {
        // Reports are drawn on servers with no display.
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** Returns the loss per epoch of the student and, when recorded ({@code reference} non-null), the reference. */
    static String lossCurves(String title, double[] student, double[] reference) {
        return lossCurves(title, student, reference, null, null);
    }

    /**
     * Returns the training loss per epoch of the student and the reference as {@link #lossCurves(String, double[],
     * double[])} draws them and, when recorded (non-null), the validation losses as dashed lines in the same colours:
     * a validation curve that turns up while the training curve keeps falling is overfitting, seen.
     */
    static String lossCurves(String title, double[] student, double[] reference, double[] validation,
                             double[] referenceValidation) {
        boolean withValidation = validation != null && hasFinite(validation);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title((withValidation ? "Training and validation loss — " : "Training loss — ") + title)
                .xAxisTitle("epoch")
                .yAxisTitle(withValidation ? "loss" : "training loss").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setMarkerSize(4);
        // The reference goes first as a wide pale band, the student's curve on top as a thin line: a curve identical
        // to the reference shows as a line inside the band, both still visible.
        if (reference != null && hasFinite(reference)) {
            XYSeries ref = chart.addSeries("reference (same seed), wide band", epochs(reference.length),
                    finite(reference));
            ref.setLineStyle(new BasicStroke(REFERENCE_BAND_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            ref.setMarker(SeriesMarkers.NONE);
            ref.setLineColor(REFERENCE_BAND_COLOUR);
        }
        if (withValidation && referenceValidation != null && hasFinite(referenceValidation)) {
            XYSeries refValidation = chart.addSeries("reference validation loss, dashed band",
                    epochs(referenceValidation.length), finite(referenceValidation));
            refValidation.setLineStyle(new BasicStroke(REFERENCE_BAND_WIDTH, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 1f, VALIDATION_DASH_BAND, 0f));
            refValidation.setMarker(SeriesMarkers.NONE);
            refValidation.setLineColor(REFERENCE_BAND_COLOUR);
        }
        XYSeries mine = chart.addSeries(withValidation ? "your training loss" : "your fit", epochs(student.length),
                finite(student));
        mine.setLineColor(STUDENT_COLOUR);
        mine.setMarkerColor(STUDENT_COLOUR);
        // A legend entry needs a line to point at.
        mine.setShowInLegend(hasFinite(student));
        if (withValidation) {
            XYSeries mineValidation = chart.addSeries("your validation loss, dashed", epochs(validation.length),
                    finite(validation));
            mineValidation.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    VALIDATION_DASH, 0f));
            mineValidation.setLineColor(VALIDATION_COLOUR);
            mineValidation.setMarkerColor(VALIDATION_COLOUR);
        }
        return png(chart);
    }

    /**
     * Returns bars of held-out accuracy per test, each labelled with its value, and the accuracy a test asks for as
     * a line; {@code reference} and {@code target} entries may be NaN when not recorded.
     */
    static String accuracy(List<String> tests, List<Double> student, List<Double> reference, List<Double> target) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Held-out accuracy")
                .yAxisTitle("accuracy").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLabelsVisible(true).setDecimalPattern(ACCURACY_PATTERN);
        chart.addSeries("your model", tests, student);
        if (reference.stream().anyMatch(r -> !r.isNaN())) {
            chart.addSeries("reference", tests, reference.stream().map(r -> r.isNaN() ? 0.0 : r).toList());
        }
        if (target.stream().anyMatch(t -> !t.isNaN())) {
            CategorySeries line = chart.addSeries("accuracy needed for full points", tests, target);
            line.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            line.setLineColor(TARGET_COLOUR);
            line.setMarkerColor(TARGET_COLOUR);
        }
        return png(chart);
    }

    private static boolean hasFinite(double[] values) {
        return java.util.Arrays.stream(values).anyMatch(Double::isFinite);
    }

    /** Returns a histogram of {@code scores} out of {@code max} in {@code bins} equal bins. */
    static String histogram(List<Double> scores, double max, int bins) {
        int[] counts = new int[bins];
        for (double s : scores) {
            int bin = max <= 0 ? 0 : (int) Math.min(bins - 1, Math.floor(s / max * bins));
            counts[Math.max(0, bin)]++;
        }
        List<String> labels = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            labels.add(Html.points(max * i / bins) + "–" + Html.points(max * (i + 1) / bins));
            values.add(counts[i]);
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Score distribution")
                .xAxisTitle("score").yAxisTitle("students").build();
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setLegendVisible(false);
        // Students come whole: XChart may put ticks on halves for a small class; those stay unlabelled.
        chart.setCustomYAxisTickLabelsFormatter(v -> v == Math.rint(v) ? Long.toString(Math.round(v)) : "");
        chart.addSeries("students", labels, values);
        return png(chart);
    }

    private static double[] epochs(int n) {
        return IntStream.rangeClosed(1, n).asDoubleStream().toArray();
    }

    /** XChart cannot place NaN or infinite points; a diverged fit is drawn up to its last finite loss. */
    private static double[] finite(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static String png(Chart<?, ?> chart) {
        try {
            byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
