package nnlab.grader.report.html;

import static nnlab.grader.report.html.Html.esc;

import java.util.ArrayList;
import java.util.List;

import nnlab.grader.Reader;
import nnlab.grader.Disclosure;
import nnlab.grader.report.TestData;
import nnlab.grader.report.TestResult;

/**
 * The "Training" section of a report: each shown test's loss curve next to the reference's (and, where a test
 * recorded them, the validation losses, dashed), with the last losses in numbers, and the held-out accuracies as
 * bars. Tests the reader may not see contribute nothing.
 */
final class TrainingSection {

    private TrainingSection() {
    }

    private static void draw(StringBuilder sb, List<TestResult> tests, Reader reader) {
        List<String> curves = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> student = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        List<Double> target = new ArrayList<>();
        for (TestResult t : tests) {
            if (!t.shows(Disclosure.Part.DETAILS, reader)) {
                continue;
            }
            TestData data = t.extraData();
            double[] history = data.doubles(TestData.LOSS_HISTORY);
            if (history != null && history.length > 0) {
                double[] referenceHistory = data.doubles(TestData.REFERENCE_LOSS_HISTORY);
                double[] validation = data.doubles(TestData.VAL_LOSS_HISTORY);
                double[] referenceValidation = data.doubles(TestData.REFERENCE_VAL_LOSS_HISTORY);
                curves.add("<img class=\"loss-curve\" alt=\"" + (validation == null ? "training loss per epoch"
                        : "training and validation loss per epoch") + "\" src=\""
                        + Plots.lossCurves(t.name().split(":")[0], history, referenceHistory, validation,
                                referenceValidation) + "\">\n"
                        + lastLosses(history, referenceHistory)
                        + (validation == null || validation.length == 0 ? "" : lastValidationLosses(validation,
                                referenceValidation)));
            }
            double accuracy = data.number(TestData.TEST_ACCURACY);
            if (!Double.isNaN(accuracy)) {
                names.add(t.number());
                student.add(accuracy);
                reference.add(data.number(TestData.REFERENCE_ACCURACY));
                target.add(data.number(TestData.TARGET_ACCURACY));
            }
        }
        if (curves.isEmpty() && names.isEmpty()) {
            return;
        }
        sb.append("<h2>Training</h2>\n");
        curves.forEach(sb::append);
        if (!names.isEmpty()) {
            sb.append("<img class=\"accuracy\" alt=\"held-out accuracy\" src=\"")
                    .append(Plots.accuracy(names, student, reference, target)).append("\">\n");
            List<String> values = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                values.add(esc(names.get(i)) + ": yours " + Html.number(student.get(i))
                        + (reference.get(i).isNaN() ? "" : ", the reference's " + Html.number(reference.get(i)))
                        + (target.get(i).isNaN() ? "" : ", needed for full points " + Html.number(target.get(i))));
            }
            sb.append("<p class=\"caption\">Held-out accuracy — ").append(String.join("; ", values)).append(".</p>\n");
        }
    }

    /** The last epoch's losses in numbers, for readers who cannot tell two overlapping curves apart. */
    private static String lastLosses(double[] student, double[] reference) {
        double last = student[student.length - 1];
        String line = "<p class=\"caption\">Training loss after epoch " + student.length + ": yours "
                + Html.number(last) + (Double.isFinite(last) ? "" : " (not a finite number: your curve stops where"
                + " it stopped being one)");
        if (reference != null && reference.length == student.length) {
            line += ", the reference's " + Html.number(reference[reference.length - 1]);
        }
        return line + ".</p>\n";
    }

    /** The last epoch's validation losses in numbers, for the same readers. */
    private static String lastValidationLosses(double[] student, double[] reference) {
        String line = "<p class=\"caption\">Validation loss after epoch " + student.length + ": yours "
                + Html.number(student[student.length - 1]);
        if (reference != null && reference.length == student.length) {
            line += ", the reference's " + Html.number(reference[reference.length - 1]);
        }
        return line + ".</p>\n";
    }

    /**
     * Draws the training plots; where the charting library cannot draw here (no fonts on a bare server, say), the
     * page says so and keeps everything else.
     */
    static void append(StringBuilder sb, List<TestResult> tests, Reader reader) {
        StringBuilder plots = new StringBuilder();
        try {
            draw(plots, tests, reader);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            plots.setLength(0);
            plots.append("<h2>Training</h2>\n<p class=\"note\">The plots could not be drawn on this machine (")
                    .append(esc(e.toString())).append("); the numbers are in results.json.</p>\n");
        }
        sb.append(plots);
    }
}
