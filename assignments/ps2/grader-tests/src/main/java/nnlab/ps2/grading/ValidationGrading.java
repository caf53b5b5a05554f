package nnlab.ps2.grading;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import nnlab.grader.GradedTest;
import nnlab.grader.Oracle;
import nnlab.grader.Score;
import nnlab.grader.Student;
import nnlab.grader.StudentException;
import nnlab.grader.Visibility;
import nnlab.grader.score.GradientCheck;
import nnlab.grader.score.Tolerance;
import nnlab.grader.support.Diagnosis;
import nnlab.grader.support.Draws;
import nnlab.ps2.grading.api.Callback;
import nnlab.ps2.grading.api.EarlyStopping;
import nnlab.ps2.grading.api.History;
import nnlab.ps2.grading.api.Layer;
import nnlab.ps2.grading.api.Optimizer;
import nnlab.ps2.grading.api.Ps2;
import nnlab.ps2.grading.api.Sequential;

/** Part 1: validation and early stopping (20 points). */
class ValidationGrading {

    private static final double LEARNING_RATE = 0.3;
    private static final int INPUTS = 4;
    private static final int HIDDEN = 5;
    private static final int CLASSES = 3;
    /** Fractions whose split of the case's row counts is not a whole number, so the rounding rule matters. */
    private static final double[] SPLITS = {0.25, 0.3, 0.2};
    private static final int[] ROWS = {10, 13, 17};
    /** The parameters of {@link #model}, layer by layer, as messages name them. */
    private static final List<GradientCheck.Block> LAYOUT = RegularizationGrading.denseLayout(
            new int[] {INPUTS, HIDDEN, CLASSES});
    /** The L2 coefficient of 1.1.1's regularized case: a penalty far above the comparison's tolerance. */
    private static final double PENALTY_LAMBDA = 0.05;
    private static final Mistake[] FIT_MISTAKES = {Mistake.VALIDATION_FROM_FRONT, Mistake.VALIDATION_AFTER_SHUFFLE,
        Mistake.VALIDATION_SIZE, Mistake.VALIDATION_ROWS_TRAINED, Mistake.VAL_LOSS_BEFORE_UPDATES};

    /** A small classification problem and the seeds of one fit. */
    record FitCase(double[][] x, double[][] y, long modelSeed, long fitSeed, int epochs, int batchSize, double split) {
        String describe() {
            return x.length + " rows, validationSplit " + split + ", " + epochs + " epochs, batch " + batchSize;
        }

        static FitCase draw(Random r, int i) {
            int rows = ROWS[i % ROWS.length];
            return new FitCase(Draws.matrix(r, rows, INPUTS, 2), Draws.oneHot(r, rows, CLASSES), r.nextLong(), r.nextLong(),
                    3, 2 + r.nextInt(3), SPLITS[i % SPLITS.length]);
        }
    }

    static Sequential model(Ps2 api, long seed, Optimizer optimizer) {
        Sequential model = api.sequential(new Layer[] {
            api.dense(INPUTS, HIDDEN, api.activation("TANH"), seed),
            api.dense(HIDDEN, CLASSES, api.activation("SOFTMAX"), seed + 1)});
        model.compile(optimizer, api.loss("CATEGORICAL_CROSSENTROPY"));
        return model;
    }

    static History fit(Ps2 api, FitCase c, Callback... callbacks) {
        Sequential model = model(api, c.modelSeed(), api.sgd(LEARNING_RATE, 0, false));
        return model.fit(c.x(), c.y(), c.epochs(), c.batchSize(), c.fitSeed(), c.split(), callbacks);
    }

    /**
     * The named candidates for a fit that went wrong: for each catalogued fit mistake, the {@code curve} (a loss history
     * read off the run) the mistaken fit returns.
     */
    private static Diagnosis.Candidate[] candidates(Ps2 o, FitCase c, Function<WrongFit.Run, double[]> curve) {
        Diagnosis.Candidate[] named = new Diagnosis.Candidate[FIT_MISTAKES.length];
        for (int i = 0; i < named.length; i++) {
            Optimizer optimizer = o.sgd(LEARNING_RATE, 0, false);
            WrongFit.Run run = WrongFit.fit(model(o, c.modelSeed(), optimizer), optimizer, c.x(), c.y(), c.epochs(),
                    c.batchSize(), c.fitSeed(), c.split(), FIT_MISTAKES[i]);
            named[i] = new Diagnosis.Candidate(FIT_MISTAKES[i], curve.apply(run));
        }
        return named;
    }

    @GradedTest(number = "1.1.1", name = "fit: the validation rows and their loss", points = 7,
            visibility = Visibility.AFTER_DUE_DATE)
    void validationSplit(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (int i = 0; i < 3; i++) {
            FitCase c = FitCase.draw(r, i);
            score.check("case " + (i + 1) + " (" + c.describe() + ")", () -> {
                double[] expected = fit(o, c).valLoss();
                double[] actual = fit(s, c).valLoss();
                if (!Diagnosis.close(expected, actual, Tolerance.DEFAULT)) {
                    diagnosis.match(expected, actual, candidates(o, c, WrongFit.Run::valLoss));
                }
                score.close("History.valLoss() after fit (§1.1)", c.describe(), expected, actual,
                        Tolerance.DEFAULT);
            });
        }
        FitCase c = FitCase.draw(r, 3);
        score.check("case 4 (" + c.describe() + ", L2 kernels): the last epoch's loss and val_loss, penalties included",
                () -> penaltiesInHistory(s, c, score, diagnosis));
        FitCase edges = FitCase.draw(r, 4);
        score.check("case 5 (" + edges.x().length + " rows): validationSplit's edges",
                () -> splitEdges(s, edges, score));
    }

    /**
     * §1.1's edges of the split, which the cases above never reach: validationSplit = 0 trains on every row with no
     * validation set, a split that leaves one training row trains, and one that leaves none is rejected.
     */
    private static void splitEdges(Ps2 s, FitCase c, Score score) {
        History none = fit(s, new FitCase(c.x(), c.y(), c.modelSeed(), c.fitSeed(), c.epochs(), c.batchSize(), 0));
        score.require(none.loss().length == c.epochs() && none.valLoss().length == 0,
                "fit with validationSplit = 0 must run every epoch without a validation set (§1.1): loss() with "
                        + c.epochs() + " entries and an empty valLoss(); yours has " + none.loss().length + " and "
                        + none.valLoss().length);
        int n = c.x().length;
        fit(s, new FitCase(c.x(), c.y(), c.modelSeed(), c.fitSeed(), c.epochs(), c.batchSize(),
                splitLeaving(n, 1)));
        double noTrainingRow = splitLeaving(n, 0);
        try {
            fit(s, new FitCase(c.x(), c.y(), c.modelSeed(), c.fitSeed(), c.epochs(), c.batchSize(), noTrainingRow));
        } catch (StudentException e) {
            if (e.kind() == StudentException.Kind.THREW
                    && e.exceptionClass().equals(IllegalArgumentException.class.getName())) {
                return;
            }
            throw e;
        }
        throw new AssertionError("fit with a validationSplit that leaves no training row (§1.1) must throw"
                + " IllegalArgumentException; yours returned normally");
    }

    /** A validationSplit whose nTrain = ⌊n·(1 − split)⌋ is {@code rows}: mid-interval, away from rounding. */
    private static double splitLeaving(int n, int rows) {
        return 1 - (rows + 0.5) / n;
    }

    /** A {@link #model} whose two Dense layers have an L2 kernel regularizer, or none when {@code lambda} is 0. */
    static Sequential regularizedModel(Ps2 api, long seed, double lambda) {
        Sequential model = api.sequential(new Layer[] {
            lambda == 0 ? api.dense(INPUTS, HIDDEN, api.activation("TANH"), seed)
                    : api.dense(INPUTS, HIDDEN, api.activation("TANH"), seed, api.l2(lambda)),
            lambda == 0 ? api.dense(HIDDEN, CLASSES, api.activation("SOFTMAX"), seed + 1)
                    : api.dense(HIDDEN, CLASSES, api.activation("SOFTMAX"), seed + 1, api.l2(lambda))});
        model.compile(api.sgd(LEARNING_RATE, 0, false), api.loss("CATEGORICAL_CROSSENTROPY"));
        return model;
    }

    /**
     * The last epoch's loss and val_loss of a regularized fit must be the model's own Sequential.loss (penalties
     * included) on the training and validation rows after the fit. Compared with the submission's own loss, not the
     * reference's, so that a Part 2 mistake in the regularizer costs nothing here.
     */
    private static void penaltiesInHistory(Ps2 s, FitCase c, Score score, Diagnosis diagnosis) {
        Sequential model = regularizedModel(s, c.modelSeed(), PENALTY_LAMBDA);
        History h = model.fit(c.x(), c.y(), c.epochs(), c.batchSize(), c.fitSeed(), c.split(), new Callback[0]);
        int nTrain = (int) Math.floor(c.x().length * (1.0 - c.split()));
        double[][] xTrain = Arrays.copyOfRange(c.x(), 0, nTrain);
        double[][] yTrain = Arrays.copyOfRange(c.y(), 0, nTrain);
        double[][] xVal = Arrays.copyOfRange(c.x(), nTrain, c.x().length);
        double[][] yVal = Arrays.copyOfRange(c.y(), nTrain, c.y().length);
        double[] theta = model.parameters();
        double[] expected = {model.loss(xTrain, yTrain), model.loss(xVal, yVal)};
        double[] actual = {last(h.loss()), last(h.valLoss())};
        // A NaN loss agrees with a NaN history: nothing is checked then, and nothing paid.
        score.require(Double.isFinite(expected[0]) && Double.isFinite(expected[1]), "not checked: your model's"
                + " loss(x, y) after fit is not a number, so the history cannot be compared with it; fix"
                + " Regularizer.penalty (test 2.1.1) and fit's updates (§1.1) first.");
        if (!Diagnosis.close(expected, actual, Tolerance.DEFAULT)) {
            Sequential plain = regularizedModel(s, c.modelSeed(), 0);
            plain.setParameters(theta);
            diagnosis.nameIf(Diagnosis.close(plain.loss(xVal, yVal), actual[1], Tolerance.DEFAULT),
                    Mistake.VAL_LOSS_WITHOUT_PENALTY);
        }
        score.close("the last epoch's History.loss() and valLoss() against your model's loss(x, y) on the"
                + " training and validation rows after fit (§1.1, penalties included as §2.3 says)", c.describe(),
                expected, actual, Tolerance.DEFAULT);
    }

    private static double last(double[] values) {
        return values == null || values.length == 0 ? Double.NaN : values[values.length - 1];
    }

    @GradedTest(number = "1.1.2", name = "fit: the training loss per epoch and the trained weights", points = 5,
            visibility = Visibility.AFTER_DUE_DATE)
    void trainingHistory(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (int i = 0; i < 2; i++) {
            FitCase c = FitCase.draw(r, i + 1);
            score.check("case " + (i + 1) + " (" + c.describe() + ")", () -> {
                Sequential mo = model(o, c.modelSeed(), o.sgd(LEARNING_RATE, 0, false));
                Sequential ms = model(s, c.modelSeed(), s.sgd(LEARNING_RATE, 0, false));
                double[] expected = mo.fit(c.x(), c.y(), c.epochs(), c.batchSize(), c.fitSeed(), c.split(),
                        new Callback[0]).loss();
                double[] actual = ms.fit(c.x(), c.y(), c.epochs(), c.batchSize(), c.fitSeed(), c.split(),
                        new Callback[0]).loss();
                if (!Diagnosis.close(expected, actual, Tolerance.DEFAULT)) {
                    diagnosis.match(expected, actual, candidates(o, c, WrongFit.Run::loss));
                }
                score.close("History.loss() after fit (§1.1)", c.describe(), expected, actual, Tolerance.DEFAULT);
                score.close("the parameters after fit (§1.1)", c.describe(), mo.parameters(), ms.parameters(),
                        Tolerance.DEFAULT, LAYOUT);
            });
        }
    }

    /** The scripts of 1.2.1: each makes one rule decide when training stops. */
    static List<EarlyStoppingScript> scripts(Random r) {
        double[] rising = {1.0, 0.75, 0.8125, 0.875, 0.5, 0.4375, 0.5, 0.625};
        double[] falling = {1.0, 0.9375, 0.875, 0.8125, 0.75, 0.6875, 0.625, 0.5625};
        // Improvements of exactly minDelta (0.125), then of less than it: neither counts.
        double[] steps = {1.0, 0.875, 0.75, 0.6875, 0.625, 0.5, 0.5625, 0.375};
        // An improvement after one bad epoch, then two bad epochs: the count restarts at the improvement.
        double[] bumpy = {1.0, 1.0625, 0.9375, 1.0, 1.125, 0.8125, 0.875, 0.9375};
        double[] nanFirst = {Double.NaN, 1.0, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25};
        double[] noisy = new double[8];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = (40 + r.nextInt(24) - 2 * i) / 64.0;
        }
        return List.of(
                new EarlyStoppingScript("val_loss", 0, 2, false, falling, rising),
                new EarlyStoppingScript("val_loss", 0.125, 3, false, falling, steps),
                new EarlyStoppingScript("val_loss", 0, 2, false, falling, bumpy),
                new EarlyStoppingScript("loss", 0.0625, 1, false, noisy, falling),
                new EarlyStoppingScript("val_loss", 0.015625, 2, false, falling, noisy),
                // A NaN first epoch is still the first best (Keras starts from no best), and nothing improves on it.
                new EarlyStoppingScript("val_loss", 0, 2, false, falling, nanFirst));
    }

    private static final Mistake[] STOPPING_MISTAKES = {Mistake.MIN_DELTA_INCLUSIVE, Mistake.MIN_DELTA_IGNORED,
        Mistake.WAIT_NOT_RESET, Mistake.MONITORS_TRAINING_LOSS, Mistake.PATIENCE_OFF_BY_ONE,
        Mistake.FIRST_EPOCH_AGAINST_INFINITY};

    @GradedTest(number = "1.2.1", name = "EarlyStopping: when training stops, on scripted losses", points = 5)
    void earlyStopping(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        List<EarlyStoppingScript> scripts = scripts(r);
        for (int i = 0; i < scripts.size(); i++) {
            EarlyStoppingScript script = scripts.get(i);
            score.check("script " + (i + 1), () -> {
                Sequential mo = model(o, 1, o.sgd(LEARNING_RATE, 0, false));
                Sequential ms = model(s, 1, s.sgd(LEARNING_RATE, 0, false));
                EarlyStoppingScript.Trace expected = script.replay(o.earlyStopping(script.monitor(), script.minDelta(),
                        script.patience(), script.restore()), mo);
                EarlyStoppingScript.Trace actual = script.replay(s.earlyStopping(script.monitor(), script.minDelta(),
                        script.patience(), script.restore()), ms);
                if (!expected.equals(actual)) {
                    for (Mistake m : STOPPING_MISTAKES) {
                        if (actual.equals(script.emulate(m))) {
                            diagnosis.name(m);
                            break;
                        }
                    }
                    EarlyStoppingScript earlier = new EarlyStoppingScript(script.monitor(), script.minDelta(),
                            script.patience() - 1, script.restore(), script.loss(), script.valLoss());
                    diagnosis.nameIf(script.patience() > 1 && actual.equals(earlier.emulate(null)),
                            Mistake.PATIENCE_OFF_BY_ONE);
                }
                score.require(expected.equals(actual), "onEpochEnd, waitCount() and bestEpoch() disagree with Keras's"
                        + " rules (§1.2) on " + script.describe() + (score.hidden() ? "" : ": expected "
                        + expected.describe() + ", got " + actual.describe()));
            });
        }
        // Scripts 1 and 3 share their settings: one callback serves both fits, and onTrainBegin starts the second afresh.
        // The state right after onTrainBegin is read as well: the trace cannot see a count that the first epoch
        // overwrites anyway, nor a stoppedEpoch when the second fit does not stop. One case, so that a callback that
        // never changes its state earns nothing here.
        EarlyStoppingScript first = scripts.get(0);
        EarlyStoppingScript second = scripts.get(2);
        score.check("one callback for two fits: script 1, then script 3", () -> {
            Sequential ms = model(s, 1, s.sgd(LEARNING_RATE, 0, false));
            EarlyStopping reused = s.earlyStopping(second.monitor(), second.minDelta(), second.patience(),
                    second.restore());
            first.replay(reused, ms);
            int[] afterReset = stateAfterTrainBegin(reused, ms);
            EarlyStoppingScript.Trace actual = second.replay(reused, ms);
            EarlyStoppingScript.Trace expected = second.replay(o.earlyStopping(second.monitor(), second.minDelta(),
                    second.patience(), second.restore()), model(o, 1, o.sgd(LEARNING_RATE, 0, false)));
            if (!expected.equals(actual)) {
                EarlyStoppingScript.Trace fresh = second.replay(s.earlyStopping(second.monitor(), second.minDelta(),
                        second.patience(), second.restore()), ms);
                diagnosis.nameIf(expected.equals(fresh), Mistake.STATE_NOT_RESET);
            } else if (!Arrays.equals(afterReset, RESET)) {
                int[] fresh = stateAfterTrainBegin(s.earlyStopping(second.monitor(), second.minDelta(),
                        second.patience(), second.restore()), ms);
                diagnosis.nameIf(Arrays.equals(fresh, RESET), Mistake.STATE_NOT_RESET);
            }
            score.require(expected.equals(actual), "a callback reused for a second fit disagrees with Keras's rules"
                    + " (§1.2): EarlyStopping.onTrainBegin must reset wait, stoppedEpoch, best, bestEpoch and the kept"
                    + " weights, on " + second.describe() + (score.hidden() ? "" : ": expected " + expected.describe()
                    + ", got " + actual.describe()));
            score.require(Arrays.equals(afterReset, RESET), "right after onTrainBegin, waitCount(), stoppedEpoch() and"
                    + " bestEpoch() must read " + Arrays.toString(RESET) + " (§1.2: EarlyStopping.onTrainBegin resets"
                    + " them, even on a callback that has run a fit); yours read " + Arrays.toString(afterReset));
        });
    }

    /** waitCount(), stoppedEpoch() and bestEpoch() as §1.2's onTrainBegin leaves them. */
    private static final int[] RESET = {0, 0, 0};

    private static int[] stateAfterTrainBegin(EarlyStopping callback, Sequential model) {
        callback.onTrainBegin(model);
        return new int[] {callback.waitCount(), callback.stoppedEpoch(), callback.bestEpoch()};
    }

    @GradedTest(number = "1.2.2", name = "EarlyStopping: restoring the best weights, and fit with the callback",
            points = 3, visibility = Visibility.AFTER_DUE_DATE)
    void restoreBestWeights(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        double[] val = {1.0, 0.75, 0.8125, 0.875, 0.9375, 0.5};
        double[] loss = {1.0, 0.9375, 0.875, 0.8125, 0.75, 0.6875};
        boolean[] restoredAfterStop = {false};
        for (boolean restore : new boolean[] {true, false}) {
            EarlyStoppingScript script = new EarlyStoppingScript("val_loss", 0, 2, restore, loss, val);
            long seed = r.nextLong();
            score.check("restoreBestWeights " + restore, () -> {
                double[] expected = restored(o, script, seed);
                double[] actual = restored(s, script, seed);
                double[][] perEpoch = epochParameters(o, seed, val.length);
                int stopped = script.emulate(null).stops().length - 1;
                int best = script.emulate(null).bestEpochs()[stopped];
                diagnosis.match(expected, actual, new Diagnosis.Candidate(restore ? Mistake.NO_RESTORE
                        : Mistake.RESTORE_WITHOUT_REQUEST, perEpoch[restore ? stopped : best]));
                score.close("model.parameters() after onTrainEnd (§1.2)", script.describe(), expected, actual,
                        Tolerance.DEFAULT, LAYOUT);
                restoredAfterStop[0] |= restore;
            });
        }
        FitCase c = FitCase.draw(r, 2);
        score.check("fit with EarlyStopping(\"val_loss\", 0, 1, true), " + c.describe(), () -> {
            FitCase longer = new FitCase(c.x(), c.y(), c.modelSeed(), c.fitSeed(), 12, c.batchSize(), c.split());
            Sequential mo = model(o, c.modelSeed(), o.sgd(LEARNING_RATE, 0, false));
            Sequential ms = model(s, c.modelSeed(), s.sgd(LEARNING_RATE, 0, false));
            History ho = mo.fit(longer.x(), longer.y(), longer.epochs(), longer.batchSize(), longer.fitSeed(),
                    longer.split(), new Callback[] {o.earlyStopping("val_loss", 0, 1, true)});
            History hs = ms.fit(longer.x(), longer.y(), longer.epochs(), longer.batchSize(), longer.fitSeed(),
                    longer.split(), new Callback[] {s.earlyStopping("val_loss", 0, 1, true)});
            score.close("History.valLoss() of a fit with EarlyStopping (§1.2)", longer.describe(), ho.valLoss(),
                    hs.valLoss(), Tolerance.DEFAULT);
            score.close("the parameters after a fit with EarlyStopping (§1.2)", longer.describe(), mo.parameters(),
                    ms.parameters(), Tolerance.DEFAULT, LAYOUT);
        });
        // Every epoch runs (patience 5 is never reached) and the best epoch, 1, is not the last: Keras 3 restores.
        EarlyStoppingScript unstopped = new EarlyStoppingScript("val_loss", 0, 5, true, Arrays.copyOf(loss, 4),
                Arrays.copyOf(val, 4));
        long seed = r.nextLong();
        score.check("restoreBestWeights true, every epoch run, the best not the last", () -> {
            double[] expected = restored(o, unstopped, seed);
            double[] actual = restored(s, unstopped, seed);
            double[] last = epochParameters(o, seed, unstopped.loss().length)[unstopped.loss().length - 1];
            // The last epoch's weights after a fit that ran every epoch: Keras 2's rule when restoring works after an
            // early stop, no restore at all when it does not.
            diagnosis.match(expected, actual, new Diagnosis.Candidate(restoredAfterStop[0]
                    ? Mistake.RESTORE_ONLY_WHEN_STOPPED : Mistake.NO_RESTORE, last));
            score.close("model.parameters() after onTrainEnd of a fit that ran every epoch (§1.2)",
                    unstopped.describe(), expected, actual, Tolerance.DEFAULT, LAYOUT);
        });
    }

    /** The parameters the script's model gets before each epoch's onEpochEnd: a different vector per epoch. */
    private static double[][] epochParameters(Ps2 api, long seed, int epochs) {
        int count = model(api, 1, api.sgd(LEARNING_RATE, 0, false)).parameterCount();
        Random r = new Random(seed);
        double[][] out = new double[epochs][];
        for (int e = 0; e < epochs; e++) {
            out[e] = Draws.vector(r, count, 1);
        }
        return out;
    }

    private static double[] restored(Ps2 api, EarlyStoppingScript script, long seed) {
        Sequential model = model(api, 1, api.sgd(LEARNING_RATE, 0, false));
        double[][] perEpoch = epochParameters(api, seed, script.loss().length);
        EarlyStopping callback = api.earlyStopping(script.monitor(), script.minDelta(), script.patience(),
                script.restore());
        callback.onTrainBegin(model);
        for (int epoch = 0; epoch < perEpoch.length; epoch++) {
            model.setParameters(perEpoch[epoch]);
            if (callback.onEpochEnd(epoch, script.logs(epoch), model)) {
                break;
            }
        }
        callback.onTrainEnd(model);
        return model.parameters();
    }
}
