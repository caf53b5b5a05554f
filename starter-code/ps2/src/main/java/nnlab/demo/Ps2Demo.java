package nnlab.demo;

import java.io.PrintStream;
import java.util.Locale;

import nnlab.Dataset;
import nnlab.EarlyStopping;
import nnlab.History;
import nnlab.Sequential;

/**
 * Prints problem set 2's figures: problem set 1's MLP against a small CNN on the 8×8 digits (held-out accuracy and
 * seconds), then §4.1's training and validation losses without a cure and with L2, dropout and early stopping.
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
                Recipes.BATCH_SIZE, Recipes.FIT_SEED, Ps2Recipes.VALIDATION_SPLIT);
        double cnnSeconds = (System.nanoTime() - start) / 1e9;
        double[] cnnLoss = cnnHistory.loss();
        out.printf(Locale.ROOT, "CNN conv%d-pool-dense10 (§4.2), Adam %s: %d epochs in %.1f s, loss %.4f, held-out accuracy %.2f%% (%d parameters)%n",
                Ps2Recipes.CNN_FILTERS, Ps2Recipes.CNN_LEARNING_RATE, Ps2Recipes.CNN_EPOCHS, cnnSeconds,
                cnnLoss[cnnLoss.length - 1], 100 * cnn.accuracy(Ps2Recipes.images(data.test().x()), data.test().y()),
                cnn.parameterCount());
    }

    private static void overfitting(PrintStream out, Dataset.Split data) {
        Dataset study = Ps2Recipes.smallTrainingData();
        out.printf(Locale.ROOT, "%nOverfitting (§4.1): %d samples (the last %.0f%% validate), MLP 64-%d-10, Adam %s, %d epochs%n",
                study.size(), 100 * Ps2Recipes.VALIDATION_SPLIT, Ps2Recipes.MLP_HIDDEN, Ps2Recipes.MLP_LEARNING_RATE,
                Ps2Recipes.MLP_EPOCHS);
        Sequential plain = Ps2Recipes.plainMlp();
        long start = System.nanoTime();
        History history = plain.fit(study.x(), study.y(), Ps2Recipes.MLP_EPOCHS, Recipes.BATCH_SIZE, Recipes.FIT_SEED,
                Ps2Recipes.VALIDATION_SPLIT);
        curves(out, "no cure", history, (System.nanoTime() - start) / 1e9,
                plain.accuracy(data.test().x(), data.test().y()));
        Sequential cured = Ps2Recipes.regularizedMlp();
        EarlyStopping stopping = Ps2Recipes.earlyStopping();
        start = System.nanoTime();
        history = cured.fit(study.x(), study.y(), Ps2Recipes.MLP_EPOCHS, Recipes.BATCH_SIZE, Recipes.FIT_SEED,
                Ps2Recipes.VALIDATION_SPLIT, stopping);
        curves(out, "L2(" + Ps2Recipes.L2_LAMBDA + ") + Dropout(" + Ps2Recipes.DROPOUT_RATE + ") + EarlyStopping(val_loss,"
                + " patience " + Ps2Recipes.PATIENCE + ", restore best; best epoch " + (stopping.bestEpoch() + 1) + ")",
                history, (System.nanoTime() - start) / 1e9, cured.accuracy(data.test().x(), data.test().y()));
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
