package nnlab.ps1.grading;

import java.util.List;
import java.util.function.Supplier;

import nnlab.Dataset;
import nnlab.demo.Recipes;
import nnlab.grader.GradedTest;
import nnlab.grader.Oracle;
import nnlab.grader.ReferenceRuns;
import nnlab.grader.Score;
import nnlab.grader.Student;
import nnlab.grader.score.Tolerance;
import nnlab.grader.support.Accuracy;
import nnlab.ps1.grading.api.Dense;
import nnlab.ps1.grading.api.Ps1;
import nnlab.ps1.grading.api.Sequential;

/**
 * Part 5: training on real data with the handout's recipes (10 points). The held-out accuracy is the grader's
 * ({@link Accuracy}), computed from the predictions of the network the student's fit trained; the student's own
 * {@code accuracy} is never asked.
 *
 * <p>The held-out rows and their labels ship inside the student's own {@code Dataset}, so the student's {@code predict}
 * could look an input up there (or return its nearest row's label) and score 100% without training anything. The
 * accuracy is therefore counted from the reference's model of the same recipe loaded with the student's trained
 * parameters ({@code parameters()} after fit, in the layout §4.6's trajectory checks already hold to the reference's),
 * and the student's own predictions must agree with that model's to {@link #SAME_NETWORK} — which a correct
 * {@code predict} does to rounding and a lookup cannot, since the labels are no function of the untrained parameters.
 */
class TrainingGrading {

    /** How far below the reference's held-out accuracy a correct but differently rounded solution may land. */
    private static final double ACCURACY_SLACK = 0.02;
    /**
     * How close the student's predictions must be to the reference's forward pass with the same parameters: the same
     * formula summed in another order (a near-tie may then round to either class, so the class is read from the
     * reference's side only).
     */
    private static final Tolerance SAME_NETWORK = Tolerance.DEFAULT;
    /** The reference runs' series names: the loss per epoch, the held-out accuracy. */
    private static final String LOSS = "loss";
    private static final String ACCURACY = "accuracy";
    private static final String BREAST_CANCER_TEST = "5.1.1";
    private static final String DIGITS_TEST = "5.2.1";

    /** A handout recipe: its graded test, its data, the 2-layer network's sizes and output, the loss and Adam's rate. */
    private record Recipe(String test, String what, Supplier<Dataset.Split> data, int[] sizes, String output,
                          String loss, double learningRate, int epochs) {

        Sequential model(Ps1 api) {
            Sequential model = api.sequential(new Dense[] {
                api.dense(sizes[0], sizes[1], api.activation("RELU"), 1),
                api.dense(sizes[1], sizes[2], api.activation(output), 2)});
            model.compile(api.adam(learningRate, 0.9, 0.999, 1e-7), api.loss(loss));
            return model;
        }

        double[] fit(Sequential model, double[][] x, double[][] y) {
            return model.fit(x, y, epochs, Recipes.BATCH_SIZE, Recipes.FIT_SEED);
        }
    }

    private static final Recipe BREAST_CANCER = new Recipe(BREAST_CANCER_TEST, "breast cancer (§5.1)",
            Recipes::breastCancerData, new int[] {30, 16, 1}, "SIGMOID", "BINARY_CROSSENTROPY",
            Recipes.BREAST_CANCER_LEARNING_RATE, Recipes.BREAST_CANCER_EPOCHS);
    private static final Recipe DIGITS = new Recipe(DIGITS_TEST, "digits (§5.2)", Recipes::digitsData,
            new int[] {64, 32, 10}, "SOFTMAX", "CATEGORICAL_CROSSENTROPY", Recipes.DIGITS_LEARNING_RATE,
            Recipes.DIGITS_EPOCHS);

    /**
     * The reference's runs, read once per grader JVM: the oracle, the recipes and the data are fixed for a grader
     * build, so its training is done once, by {@link #trainReference}, and committed ({@link ReferenceRuns}).
     */
    private static final class Committed {
        static final ReferenceRuns RUNS = ReferenceRuns.committed(TrainingGrading.class.getClassLoader(), "ps1");
    }

    @GradedTest(number = BREAST_CANCER_TEST, name = "Breast cancer: held-out accuracy with the recipe", points = 5)
    void breastCancer(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        train(score, BREAST_CANCER, s, o);
    }

    @GradedTest(number = DIGITS_TEST, name = "Digits: held-out accuracy with the recipe", points = 5)
    void digits(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        train(score, DIGITS, s, o);
    }

    /** Trains {@code o} with each recipe: its loss per epoch and held-out accuracy, as the committed file holds them. */
    static ReferenceRuns trainReference(Ps1 o) {
        ReferenceRuns.Builder runs = new ReferenceRuns.Builder();
        for (Recipe recipe : List.of(BREAST_CANCER, DIGITS)) {
            Dataset.Split data = recipe.data().get();
            Sequential model = recipe.model(o);
            double[] history = recipe.fit(model, data.train().x().toArray(), data.train().y().toArray());
            runs.put(recipe.test(), LOSS, history).put(recipe.test(), ACCURACY,
                    Accuracy.of(model.predict(data.test().x().toArray()), data.test().y().toArray()));
        }
        return runs.build();
    }

    private static void train(Score score, Recipe recipe, Ps1 s, Ps1 o) {
        String what = recipe.what();
        Dataset.Split data = recipe.data().get();
        double[][] xTrain = data.train().x().toArray();
        double[][] yTrain = data.train().y().toArray();
        double[][] xTest = data.test().x().toArray();
        double[][] yTest = data.test().y().toArray();
        Sequential ms = recipe.model(s);
        double[] history = recipe.fit(ms, xTrain, yTrain);
        // Only the inputs cross the boundary: the labels stay here, and the accuracy is counted here.
        double[] trained = ms.parameters();
        double[][] predictions = ms.predict(xTest);
        double expected = Committed.RUNS.value(recipe.test(), ACCURACY);
        // The loss history is the student's own report: drawn in the report next to the reference's, never scored.
        score.data("loss_history", history);
        score.data("reference_loss_history", Committed.RUNS.series(recipe.test(), LOSS));
        score.data("reference_accuracy", expected);
        score.data("target_accuracy", expected - ACCURACY_SLACK);
        String problem = Accuracy.problem(predictions, yTest);
        score.require(problem == null, what + ": the trained model's predictions on the held-out set cannot be"
                + " scored: " + problem + "; check Sequential.predict (§3.3), then fit (§4.6).");
        Sequential replay = recipe.model(o);
        score.require(trained != null && trained.length == replay.parameterCount(), what + ": the trained model's"
                + " parameters() returned " + (trained == null ? "null" : trained.length + " values") + " but the"
                + " recipe's model has " + replay.parameterCount() + " parameters; parameters() is provided complete:"
                + " restore the starter's version (its layout: §3.4).");
        replay.setParameters(trained);
        double[][] replayed = replay.predict(xTest);
        String replayProblem = Accuracy.problem(replayed, yTest);
        if (replayProblem != null) {
            score.require(false, what + ": the parameters your fit trained give predictions that cannot be scored ("
                    + replayProblem.replace("predict returned", "the network computes") + "); check fit (§4.6) and the"
                    + " gradients (Part 3).");
        }
        int disagreeing = Accuracy.disagreeingRows(replayed, predictions, SAME_NETWORK);
        score.require(disagreeing == 0, what + ": the model's predict does not follow its own trained parameters: on "
                + disagreeing + " of " + xTest.length + " held-out rows it returns other values than the forward pass"
                + " of the network whose parameters() it reports; check Sequential.predict (§3.3) and that parameters()"
                + " is the starter's.");
        double actual = Accuracy.of(replayed, yTest);
        score.data("test_accuracy", actual);
        score.require(actual >= expected - ACCURACY_SLACK, what + ": held-out accuracy " + Score.format(actual)
                + " is below the " + Score.format(expected - ACCURACY_SLACK) + " a correct implementation reaches with"
                + " this recipe; check fit (§4.6) and the gradients (Part 3).");
    }
}
