package nnlab.ps2.grading;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import nnlab.Dataset;
import nnlab.demo.Ps2Recipes;
import nnlab.demo.Recipes;
import nnlab.grader.GradedTest;
import nnlab.grader.Oracle;
import nnlab.grader.ReferenceRuns;
import nnlab.grader.Score;
import nnlab.grader.Student;
import nnlab.grader.score.Tolerance;
import nnlab.grader.support.Accuracy;
import nnlab.ps2.grading.api.Callback;
import nnlab.ps2.grading.api.Conv2D;
import nnlab.ps2.grading.api.Dense;
import nnlab.ps2.grading.api.History;
import nnlab.ps2.grading.api.Layer;
import nnlab.ps2.grading.api.Ps2;
import nnlab.ps2.grading.api.Sequential;

/**
 * Part 4: training on real data, the handout's two recipes ({@link Ps2Recipes}), 15 points. The held-out accuracy is
 * the grader's ({@link Accuracy}), computed here from the predictions of the network the student's fit trained; the
 * student's own {@code accuracy} is never asked, and the held-out labels never cross the boundary.
 *
 * <p>The held-out rows and their labels ship inside the student's own {@code Dataset}, so the student's forward pass
 * could look an input up there (or return its nearest row's label) and score 100% without training anything. The
 * accuracy is therefore counted from the reference's model of the same recipe loaded with the student's trained
 * parameters ({@code parameters()} after fit), and the student's own predictions must agree with that model's to
 * {@link #SAME_NETWORK} — which a correct forward pass does to rounding and a lookup cannot, since the labels are no
 * function of the untrained parameters. The CNN is replayed layer by layer on both sides ({@link #cnnPredictions}).
 */
class TrainingGrading {

    /** How far below the reference's held-out accuracy a correct but differently rounded solution may land. */
    static final double ACCURACY_SLACK = 0.02;
    /**
     * How close the student's predictions must be to the reference's forward pass with the same parameters: the same
     * formula summed in another order (a near-tie may then round to either class, so the class is read from the
     * reference's side only).
     */
    private static final Tolerance SAME_NETWORK = Tolerance.DEFAULT;

    /**
     * A recipe's training: loss and validation loss per epoch (as fit reported them), the trained parameters and the
     * held-out predictions of the model that fit trained.
     */
    record Run(double[] loss, double[] valLoss, double[] parameters, double[][] predictions) {
    }

    /** The held-out predictions of a recipe's model built with an assignment's classes and given parameters. */
    @FunctionalInterface
    private interface Replay {
        double[][] predictions(Ps2 api, double[] parameters);
    }

    /**
     * A handout recipe ready to train: its graded test, the held-out labels (which never cross the boundary), its
     * training with an assignment's classes and the replay of trained parameters on the held-out rows.
     */
    private record Recipe(String test, String what, double[][] yTest, Function<Ps2, Run> train, Replay replay) {
    }

    /** The reference runs' series names: the loss and validation loss per epoch, the held-out accuracy. */
    private static final String LOSS = "loss";
    private static final String VAL_LOSS = "val_loss";
    private static final String ACCURACY = "accuracy";
    private static final String MLP_TEST = "4.1.1";
    private static final String CNN_TEST = "4.2.1";

    /**
     * The reference's runs, read once per grader JVM: the oracle, the recipes and the data are fixed for a grader
     * build, so its training is done once, by {@link #trainReference}, and committed ({@link ReferenceRuns}).
     */
    private static final class Committed {
        static final ReferenceRuns RUNS = ReferenceRuns.committed(TrainingGrading.class.getClassLoader(), "ps2");
    }

    /** §4.1's model: 64-64-10 with an L2 kernel penalty, dropout between the layers, Adam. */
    static Sequential regularizedMlp(Ps2 api) {
        Sequential model = api.sequential(new Layer[] {
            api.dense(Ps2Recipes.IMAGE_SIDE * Ps2Recipes.IMAGE_SIDE, Ps2Recipes.MLP_HIDDEN, api.activation("RELU"), 1,
                    api.l2(Ps2Recipes.L2_LAMBDA)),
            api.dropout(Ps2Recipes.DROPOUT_RATE),
            api.dense(Ps2Recipes.MLP_HIDDEN, Ps2Recipes.CLASSES, api.activation("SOFTMAX"), 2,
                    api.l2(Ps2Recipes.L2_LAMBDA))});
        model.compile(api.adam(Ps2Recipes.MLP_LEARNING_RATE, 0.9, 0.999, 1e-7), api.loss("CATEGORICAL_CROSSENTROPY"));
        return model;
    }

    /** §4.2's model: Conv2D(8 filters, 3×3, SAME, RELU), MaxPooling2D(2), Flatten, Dense(10, SOFTMAX), Adam. */
    static Sequential cnn(Ps2 api) {
        int pooled = Ps2Recipes.IMAGE_SIDE / 2;
        Sequential model = api.sequential(new Layer[] {
            api.conv2d(1, Ps2Recipes.CNN_FILTERS, 3, 1, api.padding("SAME"), api.activation("RELU"), 1),
            api.maxPooling2d(2, 2), api.flatten(),
            api.dense(pooled * pooled * Ps2Recipes.CNN_FILTERS, Ps2Recipes.CLASSES, api.activation("SOFTMAX"), 2)});
        model.compile(api.adam(Ps2Recipes.CNN_LEARNING_RATE, 0.9, 0.999, 1e-7), api.loss("CATEGORICAL_CROSSENTROPY"));
        return model;
    }

    static double[][][][] images(double[][] rows) {
        return ConvMaths.unflatten(Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray(), rows.length,
                Ps2Recipes.IMAGE_SIDE, Ps2Recipes.IMAGE_SIDE, 1);
    }

    /** Trains {@code o} with each recipe: its loss and validation loss per epoch and held-out accuracy. */
    static ReferenceRuns trainReference(Ps2 o) {
        ReferenceRuns.Builder runs = new ReferenceRuns.Builder();
        for (Recipe recipe : List.of(regularizedRecipe(), cnnRecipe())) {
            Run run = recipe.train().apply(o);
            runs.put(recipe.test(), LOSS, run.loss()).put(recipe.test(), VAL_LOSS, run.valLoss())
                    .put(recipe.test(), ACCURACY, Accuracy.of(run.predictions(), recipe.yTest()));
        }
        return runs.build();
    }

    @GradedTest(number = MLP_TEST, name = "Digits: a regularized MLP with early stopping, held-out accuracy", points = 7)
    void regularizedDigits(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        train(score, regularizedRecipe(), o, s);
    }

    @GradedTest(number = CNN_TEST, name = "Digits: a small CNN, held-out accuracy", points = 8)
    void cnnDigits(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        train(score, cnnRecipe(), o, s);
    }

    /** §4.1's recipe on the first {@link Ps2Recipes#SMALL_TRAINING_ROWS} digits, with early stopping. */
    private static Recipe regularizedRecipe() {
        Dataset.Split data = Recipes.digitsData();
        double[][] x = Arrays.copyOf(data.train().x().toArray(), Ps2Recipes.SMALL_TRAINING_ROWS);
        double[][] y = Arrays.copyOf(data.train().y().toArray(), Ps2Recipes.SMALL_TRAINING_ROWS);
        double[][] xTest = data.test().x().toArray();
        String what = "regularized MLP on digits (§4.1)";
        return new Recipe(MLP_TEST, what, data.test().y().toArray(), api -> {
            Sequential model = regularizedMlp(api);
            History h = model.fit(x, y, Ps2Recipes.MLP_EPOCHS, Recipes.BATCH_SIZE, Recipes.FIT_SEED,
                    Ps2Recipes.VALIDATION_SPLIT, new Callback[] {api.earlyStopping("val_loss", 0, Ps2Recipes.PATIENCE, true)});
            double[] trained = model.parameters();
            return new Run(h.loss(), h.valLoss(), trained, model.predict(xTest));
        }, (api, trained) -> {
            Sequential model = regularizedMlp(api);
            if (trained == null || trained.length != model.parameterCount()) {
                throw new AssertionError(what + ": the trained model's parameters() returned "
                        + (trained == null ? "null" : trained.length + " values") + " but the recipe's model has "
                        + model.parameterCount() + " parameters; check parameters() and setParameters (§1.1).");
            }
            model.setParameters(trained);
            return model.predict(xTest);
        });
    }

    /** §4.2's recipe on every training digit, as images. */
    private static Recipe cnnRecipe() {
        Dataset.Split data = Recipes.digitsData();
        double[][][][] x = images(data.train().x().toArray());
        double[][] y = data.train().y().toArray();
        double[][][][] xTest = images(data.test().x().toArray());
        return new Recipe(CNN_TEST, "CNN on digits (§4.2)", data.test().y().toArray(), api -> {
            Sequential model = cnn(api);
            History h = model.fit(x, y, Ps2Recipes.CNN_EPOCHS, Recipes.BATCH_SIZE, Recipes.FIT_SEED,
                    Ps2Recipes.VALIDATION_SPLIT, new Callback[0]);
            double[] trained = model.parameters();
            return new Run(h.loss(), h.valLoss(), trained, cnnPredictions(api, trained, xTest));
        }, (api, trained) -> cnnPredictions(api, trained, xTest));
    }

    /**
     * {@link #cnn}'s predictions for {@code x} with the {@code trained} parameters, in inference mode, layer by layer
     * with {@code api}'s own layers: a rank-2 tensor (the CNN's output) cannot cross the boundary, so Conv2D and
     * MaxPooling2D run there on images, the provided Flatten's reshape — (b, h, w, c) to (b, h·w·c), channels fastest,
     * §3.3 — is done here, and Dense runs there on the rows.
     *
     * @throws AssertionError when {@code trained} is not one value per parameter of the recipe's model
     */
    static double[][] cnnPredictions(Ps2 api, double[] trained, double[][][][] x) {
        Conv2D conv = api.conv2d(1, Ps2Recipes.CNN_FILTERS, 3, 1, api.padding("SAME"), api.activation("RELU"), 1);
        int pooled = Ps2Recipes.IMAGE_SIDE / 2;
        int features = pooled * pooled * Ps2Recipes.CNN_FILTERS;
        int convCount = conv.parameterCount();
        int expected = convCount + features * Ps2Recipes.CLASSES + Ps2Recipes.CLASSES;
        if (trained == null || trained.length != expected) {
            throw new AssertionError("CNN on digits (§4.2): the trained model's parameters() returned "
                    + (trained == null ? "null" : trained.length + " values") + " but the recipe's model has " + expected
                    + " parameters; check parameters() and setParameters (§1.1).");
        }
        conv.setParameters(Arrays.copyOfRange(trained, 0, convCount));
        double[][][][] maps = api.maxPooling2d(2, 2).forward(conv.forward(x, false, null), false, null);
        double[][] rows = new double[maps.length][];
        for (int b = 0; b < maps.length; b++) {
            rows[b] = ConvMaths.flatten(new double[][][][] {maps[b]});
        }
        double[][] weights = new double[features][];
        for (int i = 0; i < features; i++) {
            int from = convCount + i * Ps2Recipes.CLASSES;
            weights[i] = Arrays.copyOfRange(trained, from, from + Ps2Recipes.CLASSES);
        }
        double[] bias = Arrays.copyOfRange(trained, expected - Ps2Recipes.CLASSES, expected);
        Dense dense = api.dense(weights, bias, api.activation("SOFTMAX"));
        return dense.forward(rows);
    }

    /**
     * Trains {@code recipe} with the student's classes and scores the held-out accuracy of the reference's model
     * {@linkplain Recipe#replay replayed} with the student's trained parameters, once the student's own predictions
     * agree with it, against the reference's committed run.
     */
    private static void train(Score score, Recipe recipe, Ps2 o, Ps2 s) {
        String what = recipe.what();
        double[][] yTest = recipe.yTest();
        Run mine = recipe.train().apply(s);
        double referenceAccuracy = Committed.RUNS.value(recipe.test(), ACCURACY);
        double target = referenceAccuracy - ACCURACY_SLACK;
        // The loss histories are the student's own report: drawn in the report next to the reference's, never scored.
        score.data("loss_history", mine.loss());
        score.data("val_loss_history", mine.valLoss());
        score.data("reference_loss_history", Committed.RUNS.series(recipe.test(), LOSS));
        score.data("reference_val_loss_history", Committed.RUNS.series(recipe.test(), VAL_LOSS));
        score.data("reference_accuracy", referenceAccuracy);
        score.data("target_accuracy", target);
        String problem = Accuracy.problem(mine.predictions(), yTest);
        score.require(problem == null, what + ": the trained model's predictions on the held-out set cannot be scored: "
                + problem + "; check the forward passes (Parts 2 and 3), then fit (§1.1).");
        // Run in this JVM, with the trusted classes.
        double[][] replayed = recipe.replay().predictions(o, mine.parameters());
        String replayProblem = Accuracy.problem(replayed, yTest);
        if (replayProblem != null) {
            score.require(false, what + ": the parameters your fit trained give predictions that cannot be scored ("
                    + replayProblem.replace("predict returned", "the network computes") + "); check fit (§1.1) and the"
                    + " layers' gradients (Parts 2 and 3).");
        }
        int disagreeing = Accuracy.disagreeingRows(replayed, mine.predictions(), SAME_NETWORK);
        score.require(disagreeing == 0, what + ": the model's predictions do not follow its own trained parameters: on "
                + disagreeing + " of " + yTest.length + " held-out rows they differ from the forward pass of the"
                + " network whose parameters() it reports; check the forward passes (Parts 2 and 3) and parameters().");
        double accuracy = Accuracy.of(replayed, yTest);
        score.data("test_accuracy", accuracy);
        score.require(accuracy >= target, what + ": held-out accuracy " + Score.format(accuracy)
                + " is below the " + Score.format(target) + " a correct implementation reaches with this recipe; check"
                + " fit (§1.1, §1.2) and the layers' gradients (Parts 2 and 3).");
    }
}
