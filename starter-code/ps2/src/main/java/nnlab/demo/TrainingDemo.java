package nnlab.demo;

import java.io.PrintStream;
import java.util.Locale;

import nnlab.Dataset;
import nnlab.Perceptron;
import nnlab.Sequential;

/**
 * Runs the problem set's examples on the reference solution and prints what they produce: the lecture's perceptron
 * table, the perceptron learning OR, and the two Part 5 recipes with their held-out accuracy.
 */
public final class TrainingDemo {

    private TrainingDemo() {
    }

    /** Prints the demo to standard output; takes no arguments. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        lectureTable(out);
        perceptronLearnsOr(out);
        recipe(out, "breast cancer (30-16-1, Adam)", Recipes.breastCancerData(), Recipes.breastCancerModel(),
                Recipes.BREAST_CANCER_EPOCHS);
        recipe(out, "digits (64-32-10, Adam)", Recipes.digitsData(), Recipes.digitsModel(), Recipes.DIGITS_EPOCHS);
    }

    private static void lectureTable(PrintStream out) {
        Perceptron p = new Perceptron(new double[] {1, -1}, -0.5);
        Dataset or = Dataset.or();
        out.println("\nLecture perceptron, w = (1, -1), b = -0.5, on OR:");
        out.println(" X1  X2   y       h       p   y^");
        for (int r = 0; r < or.size(); r++) {
            double[] x = or.x().row(r);
            out.println(String.format(Locale.ROOT, "%3.0f %3.0f %3.0f %7.4f %7.4f %4d",
                    x[0], x[1], or.y().get(r, 0), p.weightedSum(x), p.probability(x), p.predict(x)));
        }
    }

    private static void perceptronLearnsOr(PrintStream out) {
        Perceptron p = new Perceptron(new double[] {1, -1}, -0.5);
        Dataset or = Dataset.or();
        double[] history = p.train(or.x().toArray(), or.y().column(0), 1.0, 200);
        int correct = 0;
        for (int r = 0; r < or.size(); r++) {
            correct += p.predict(or.x().row(r)) == or.y().get(r, 0) ? 1 : 0;
        }
        out.println(String.format(Locale.ROOT, "%nPerceptron on OR, eta = 1, 200 epochs: MSE %.4f -> %.4f, %d/4 correct",
                history[0], history[history.length - 1], correct));
    }

    private static void recipe(PrintStream out, String name, Dataset.Split data, Sequential model, int epochs) {
        long start = System.nanoTime();
        double[] history = model.fit(data.train().x(), data.train().y(), epochs, Recipes.BATCH_SIZE, Recipes.FIT_SEED);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(String.format(Locale.ROOT,
                "%n%s: %d epochs in %.2f s, training loss %.4f -> %.4f, held-out accuracy %.2f%% (%d test samples)",
                name, epochs, seconds, history[0], history[history.length - 1],
                100 * model.accuracy(data.test().x(), data.test().y()), data.test().size()));
    }
}
