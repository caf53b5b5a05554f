package nnlab.demo;

import java.io.PrintStream;
import java.util.Locale;

import nnlab.Dataset;
import nnlab.EarlyStopping;
import nnlab.History;
import nnlab.Sequential;

/**
 * Prints problem set 2's figures: problem set 1's MLP against a small CNN on the 8×8 digits (held-out accuracy and
 * seconds), then the overfitting study's training and validation losses with no cure, dropout, L2 and early stopping.
 */
public final class Ps2Demo {

    /** Every how many epochs the curves print a row. */
    private static final int CURVE_STEP = 5;

    private Ps2Demo() {
    }

    /** Runs the demo; no arguments. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        Dataset.Split data = Recipes.digitsData();
        mlpAgainstCnn(out, data);
        overfitting(out, data);
    }

    private static void mlpAgainstCnn(PrintStream out, Dataset.Split data) {
        out.println("Digits, " + data.train().size() + " training and " + data.test().size() + " held-out samples, batch "
                + Recipes.BATCH_SIZE + ", fit seed " + Recipes.FIT_SEED);
        Sequential mlp = Recipes.digitsModel();
        long start = System.nanoTime();
        double[] mlpLoss = mlp.fit(data.train().x(), data.train().y(), Recipes.DIGITS_EPOCHS, Recipes.BATCH_SIZE,
                Recipes.FIT_SEED);
        double mlpSeconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "problem set 1 MLP 64-32-10: %d epochs in %.1f s, loss %.4f, held-out accuracy %.2f%% (%d parameters)%n",
                Recipes.DIGITS_EPOCHS, mlpSeconds, mlpLoss[mlpLoss.length - 1],
                100 * mlp.accuracy(data.test().x(), data.test().y()), mlp.parameterCount());
        Sequential cnn = Ps2Recipes.cnnModel();
        start = System.nanoTime();
        History cnnHistory = cnn.fit(Ps2Recipes.images(data.train().x()), data.train().y(), Ps2Recipes.CNN_EPOCHS,
                Recipes.BATCH_SIZE, Recipes.FIT_SEED, 0.0);
        double cnnSeconds = (System.nanoTime() - start) / 1e9;
        double[] cnnLoss = cnnHistory.loss();
        out.printf(Locale.ROOT, "CNN conv8-pool-conv16-pool-dense10: %d epochs in %.1f s, loss %.4f, held-out accuracy %.2f%% (%d parameters)%n",
                Ps2Recipes.CNN_EPOCHS, cnnSeconds, cnnLoss[cnnLoss.length - 1],
                100 * cnn.accuracy(Ps2Recipes.images(data.test().x()), data.test().y()), cnn.parameterCount());
    }

    private static void overfitting(PrintStream out, Dataset.Split data) {
        Dataset study = Ps2Recipes.overfitData();
        out.printf(Locale.ROOT, "%nOverfitting study: %d samples (the last %.0f%% validate), MLP 64-%d-%d-10, Adam %.3f, %d epochs%n",
                study.size(), 100 * Ps2Recipes.OVERFIT_VALIDATION_SPLIT, Ps2Recipes.OVERFIT_WIDTH,
                Ps2Recipes.OVERFIT_WIDTH, Ps2Recipes.OVERFIT_LEARNING_RATE, Ps2Recipes.OVERFIT_EPOCHS);
        for (Ps2Recipes.Variant variant : Ps2Recipes.Variant.values()) {
            Sequential model = Ps2Recipes.overfitModel(variant);
            long start = System.nanoTime();
            History history = model.fit(study.x(), study.y(), Ps2Recipes.OVERFIT_EPOCHS, Recipes.BATCH_SIZE,
                    Recipes.FIT_SEED, Ps2Recipes.OVERFIT_VALIDATION_SPLIT);
            curves(out, variant.name(), history, (System.nanoTime() - start) / 1e9,
                    model.accuracy(data.test().x(), data.test().y()));
        }
        Sequential model = Ps2Recipes.overfitModel(Ps2Recipes.Variant.PLAIN);
        EarlyStopping stopping = new EarlyStopping("val_loss", 0, Ps2Recipes.PATIENCE, true);
        long start = System.nanoTime();
        History history = model.fit(study.x(), study.y(), Ps2Recipes.OVERFIT_EPOCHS, Recipes.BATCH_SIZE,
                Recipes.FIT_SEED, Ps2Recipes.OVERFIT_VALIDATION_SPLIT, stopping);
        curves(out, "PLAIN + EarlyStopping(val_loss, patience " + Ps2Recipes.PATIENCE + ", restore best; best epoch "
                + (stopping.bestEpoch() + 1) + ")", history, (System.nanoTime() - start) / 1e9,
                model.accuracy(data.test().x(), data.test().y()));
    }

    private static void curves(PrintStream out, String name, History history, double seconds, double accuracy) {
        double[] loss = history.loss();
        double[] val = history.valLoss();
        int best = 0;
        for (int e = 1; e < val.length; e++) {
            if (val[e] < val[best]) {
                best = e;
            }
        }
        out.printf(Locale.ROOT, "%n%s: %d epochs in %.1f s; lowest val_loss %.4f at epoch %d; held-out accuracy %.2f%%%n",
                name, history.epochs(), seconds, val[best], best + 1, 100 * accuracy);
        out.println("| epoch | loss   | val_loss |");
        out.println("|------:|-------:|---------:|");
        for (int e = 0; e < loss.length; e++) {
            if ((e + 1) % CURVE_STEP == 0 || e == 0 || e == loss.length - 1) {
                out.printf(Locale.ROOT, "| %5d | %.4f | %8.4f |%n", e + 1, loss[e], val[e]);
            }
        }
    }
}
