package nnlab.ps1.grading;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

import nnlab.grader.GradedTest;
import nnlab.grader.Oracle;
import nnlab.grader.Score;
import nnlab.grader.StudentException;
import nnlab.grader.Student;
import nnlab.grader.Visibility;
import nnlab.grader.score.Tolerance;
import nnlab.grader.support.Diagnosis;
import nnlab.grader.support.Draws;
import nnlab.ps1.grading.api.Optimizer;
import nnlab.ps1.grading.api.Ps1;
import nnlab.ps1.grading.api.Sequential;

/** Part 4: SGD and optimizers (20 points). */
class OptimizerGrading {

    private static final int STEPS = 5;
    private static final Tolerance TRAJECTORY = new Tolerance(1e-9, 1e-6);
    /** The scale of the small-gradient RMSprop case. */
    private static final double SMALL_GRADIENTS = 1e-3;
    /** Full-batch steps of the report's training curve for each optimizer. */
    private static final int CURVE_EPOCHS = 30;
    /** The training curves' fixed problem: the same for every submission, since the curves are shown, not scored. */
    private static final long CURVE_PROBLEM_SEED = 4_2024L;
    /**
     * Wall time a curve may take (a correct optimizer needs about 0.1 s through the sandbox): data that is only shown
     * must not spend the submission's time budget, which the scored tests after it need.
     */
    private static final long CURVE_NANOS = 2_000_000_000L;

    /** What the optimizer tests compare: the update of each optimizer, with its handout section. */
    private static final String SGD = "Sgd.update (§4.1)";
    private static final String RMSPROP = "RmsProp.update (§4.2)";
    private static final String ADAGRAD = "Adagrad.update (§4.3)";
    private static final String ADADELTA = "Adadelta.update (§4.4)";
    private static final String ADAM = "Adam.update (§4.5)";

    /** A catalogued mistake and how to build an optimizer that makes it, for naming it in the feedback. */
    private record Variant(Mistake mistake, Function<Ps1, Optimizer> make) {
    }

    /**
     * Runs {@link #STEPS} updates with the same gradients on both optimizers, comparing parameters after each; a
     * trajectory that matches a variant's names its mistake. Gradients are scaled by {@code gradientScale}. The case
     * calls nothing of the student's but the optimizer's constructor (the starter's) and {@code update}, so its
     * comparisons name {@code method} ("Sgd.update (§4.1)"): that is where a difference lies.
     */
    private static void steps(Score score, String what, String method, Function<Ps1, Optimizer> make, Ps1 s, Ps1 o,
                              int size, double gradientScale, Variant... variants) {
        Random r = score.random();
        double[] start = Draws.vector(r, size, 1);
        double[][] gradients = Draws.matrix(r, STEPS, size, gradientScale);
        gradients[STEPS - 1][0] = 0;
        Diagnosis diagnosis = new Diagnosis(score);
        score.check(what, () -> {
            double[][] expected = trajectory(make.apply(o), start, gradients);
            double[][] actual = trajectory(make.apply(s), start, gradients);
            for (Variant v : variants) {
                diagnosis.match(expected, actual, new Diagnosis.Candidate(v.mistake(),
                        trajectory(v.make().apply(o), start, gradients)));
            }
            for (int step = 0; step < STEPS; step++) {
                score.close(method + ": parameters after update " + (step + 1), "θ₀ = " + Score.show(start)
                        + ", gradients " + Score.show(gradients), expected[step], actual[step], Tolerance.DEFAULT);
            }
        });
    }

    private static void steps(Score score, String what, String method, Function<Ps1, Optimizer> make, Ps1 s, Ps1 o,
                              int size, Variant... variants) {
        steps(score, what, method, make, s, o, size, 1, variants);
    }

    /**
     * Report data, not scored: the oracle's 3-4-1 network trained full-batch on a fixed problem for
     * {@link #CURVE_EPOCHS} steps, once stepped by the student's optimizer and once by the oracle's; the gradients and
     * losses are the oracle's, so the two curves differ only by the optimizer. Kept as {@code loss_history} and
     * {@code reference_loss_history}. A student optimizer that fails leaves no curve; its tests have said why.
     */
    private static void trainingCurve(Score score, Function<Ps1, Optimizer> make, Ps1 s, Ps1 o) {
        Random r = new Random(CURVE_PROBLEM_SEED);
        double[][] x = Draws.matrix(r, 40, 3, 2);
        double[][] y = new double[x.length][1];
        for (int i = 0; i < x.length; i++) {
            y[i][0] = x[i][0] - 0.5 * x[i][1] + 0.25 * x[i][2] > 0 ? 1 : 0;
        }
        Sequential network = model(o, "sgd", CURVE_PROBLEM_SEED);
        double[] start = network.parameters();
        double[] reference = curve(network, start, make.apply(o), x, y, Long.MAX_VALUE);
        try {
            double[] student = curve(network, start, make.apply(s), x, y, CURVE_NANOS);
            if (student != null) {
                score.data("loss_history", student);
                score.data("reference_loss_history", reference);
            }
        } catch (RuntimeException e) {
            // Nothing to draw: the scored checks above report this optimizer's failure.
        }
    }

    /**
     * The loss after each of {@link #CURVE_EPOCHS} full-batch updates by {@code optimizer}, from {@code start}; null
     * when they take longer than {@code budgetNanos}.
     */
    private static double[] curve(Sequential network, double[] start, Optimizer optimizer, double[][] x, double[][] y,
                                  long budgetNanos) {
        long begin = System.nanoTime();
        double[] theta = start.clone();
        double[] losses = new double[CURVE_EPOCHS];
        for (int epoch = 0; epoch < CURVE_EPOCHS; epoch++) {
            if (System.nanoTime() - begin > budgetNanos) {
                return null;
            }
            network.setParameters(theta);
            optimizer.update(theta, network.gradient(x, y));
            network.setParameters(theta);
            losses[epoch] = network.loss(x, y);
        }
        return losses;
    }

    /** The parameters after each update, starting from {@code start}. */
    private static double[][] trajectory(Optimizer optimizer, double[] start, double[][] gradients) {
        double[][] out = new double[gradients.length][];
        double[] theta = start.clone();
        for (int step = 0; step < gradients.length; step++) {
            optimizer.update(theta, gradients[step].clone());
            out[step] = theta.clone();
        }
        return out;
    }

    /** An optimizer that steps up the gradient: the given one fed −g. */
    private static Optimizer ascending(Optimizer optimizer) {
        return (parameters, gradient) -> optimizer.update(parameters, Diagnosis.scale(gradient, -1));
    }

    /** RMSprop with ε outside the square root. */
    private static Optimizer rmsPropEpsilonOutside(double learningRate, double rho, double momentum, double epsilon) {
        return new Optimizer() {
            private double[] meanSquare;
            private double[] moment;

            @Override
            public void update(double[] parameters, double[] gradient) {
                if (meanSquare == null) {
                    meanSquare = new double[parameters.length];
                    moment = new double[parameters.length];
                }
                for (int i = 0; i < parameters.length; i++) {
                    meanSquare[i] = rho * meanSquare[i] + (1 - rho) * gradient[i] * gradient[i];
                    double step = learningRate * gradient[i] / (Math.sqrt(meanSquare[i]) + epsilon);
                    moment[i] = momentum * moment[i] + step;
                    parameters[i] -= momentum > 0 ? moment[i] : step;
                }
            }
        };
    }

    /** Adam without bias correction. */
    private static Optimizer adamUncorrected(double learningRate, double beta1, double beta2, double epsilon) {
        return new Optimizer() {
            private double[] m;
            private double[] v;

            @Override
            public void update(double[] parameters, double[] gradient) {
                if (m == null) {
                    m = new double[parameters.length];
                    v = new double[parameters.length];
                }
                for (int i = 0; i < parameters.length; i++) {
                    m[i] = beta1 * m[i] + (1 - beta1) * gradient[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * gradient[i] * gradient[i];
                    parameters[i] -= learningRate * m[i] / (Math.sqrt(v[i]) + epsilon);
                }
            }
        };
    }

    @GradedTest(number = "4.1.1", name = "Sgd: plain, momentum and Nesterov", points = 4, visibility = Visibility.AFTER_DUE_DATE)
    void sgd(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        steps(score, "Sgd(0.1)", SGD, api -> api.sgd(0.1, 0, false), s, o, 4,
                new Variant(Mistake.UPDATE_SIGN, api -> ascending(api.sgd(0.1, 0, false))));
        steps(score, "Sgd(0.05, momentum 0.9)", SGD, api -> api.sgd(0.05, 0.9, false), s, o, 4,
                new Variant(Mistake.UPDATE_SIGN, api -> ascending(api.sgd(0.05, 0.9, false))));
        steps(score, "Sgd(0.05, momentum 0.9, Nesterov)", SGD, api -> api.sgd(0.05, 0.9, true), s, o, 4,
                new Variant(Mistake.UPDATE_SIGN, api -> ascending(api.sgd(0.05, 0.9, true))),
                new Variant(Mistake.NESTEROV_AS_MOMENTUM, api -> api.sgd(0.05, 0.9, false)));
        trainingCurve(score, api -> api.sgd(0.05, 0.9, false), s, o);
    }

    @GradedTest(number = "4.2.1", name = "RMSprop", points = 3, visibility = Visibility.AFTER_DUE_DATE)
    void rmsProp(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        steps(score, "RmsProp(0.01, ρ 0.9)", RMSPROP, api -> api.rmsProp(0.01, 0.9, 0, 1e-7), s, o, 5,
                new Variant(Mistake.RMSPROP_EPSILON_OUTSIDE, api -> rmsPropEpsilonOutside(0.01, 0.9, 0, 1e-7)));
        steps(score, "RmsProp(0.01, ρ 0.8, momentum 0.5)", RMSPROP, api -> api.rmsProp(0.01, 0.8, 0.5, 1e-7),
                s, o, 5,
                new Variant(Mistake.RMSPROP_EPSILON_OUTSIDE, api -> rmsPropEpsilonOutside(0.01, 0.8, 0.5, 1e-7)));
        // Gradients of order 1e-3 make g² comparable to ε, where the place of ε matters.
        steps(score, "RmsProp(0.01, ρ 0.9), small gradients", RMSPROP, api -> api.rmsProp(0.01, 0.9, 0, 1e-7),
                s, o, 5,
                SMALL_GRADIENTS, new Variant(Mistake.RMSPROP_EPSILON_OUTSIDE, api -> rmsPropEpsilonOutside(0.01, 0.9, 0, 1e-7)));
        trainingCurve(score, api -> api.rmsProp(0.01, 0.9, 0, 1e-7), s, o);
    }

    @GradedTest(number = "4.3.1", name = "Adagrad", points = 3, visibility = Visibility.AFTER_DUE_DATE)
    void adagrad(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        steps(score, "Adagrad(0.1)", ADAGRAD, api -> api.adagrad(0.1, 0.1, 1e-7), s, o, 5,
                new Variant(Mistake.ADAGRAD_ZERO_ACCUMULATOR, api -> api.adagrad(0.1, 0, 1e-7)));
        steps(score, "Adagrad(0.01, initial accumulator 1)", ADAGRAD, api -> api.adagrad(0.01, 1.0, 1e-7),
                s, o, 5,
                new Variant(Mistake.ADAGRAD_ZERO_ACCUMULATOR, api -> api.adagrad(0.01, 0, 1e-7)));
        trainingCurve(score, api -> api.adagrad(0.1, 0.1, 1e-7), s, o);
    }

    @GradedTest(number = "4.4.1", name = "Adadelta", points = 3, visibility = Visibility.AFTER_DUE_DATE)
    void adadelta(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        steps(score, "Adadelta(1.0, ρ 0.95)", ADADELTA, api -> api.adadelta(1.0, 0.95, 1e-7), s, o, 5);
        steps(score, "Adadelta(0.5, ρ 0.9)", ADADELTA, api -> api.adadelta(0.5, 0.9, 1e-6), s, o, 5,
                new Variant(Mistake.ADADELTA_NO_LEARNING_RATE, api -> api.adadelta(1.0, 0.9, 1e-6)));
        trainingCurve(score, api -> api.adadelta(1.0, 0.95, 1e-7), s, o);
    }

    @GradedTest(number = "4.5.1", name = "Adam", points = 3, visibility = Visibility.AFTER_DUE_DATE)
    void adam(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        steps(score, "Adam(0.01)", ADAM, api -> api.adam(0.01, 0.9, 0.999, 1e-7), s, o, 5,
                new Variant(Mistake.ADAM_NO_BIAS_CORRECTION, api -> adamUncorrected(0.01, 0.9, 0.999, 1e-7)));
        steps(score, "Adam(0.1, β₁ 0.8, β₂ 0.99)", ADAM, api -> api.adam(0.1, 0.8, 0.99, 1e-7), s, o, 5,
                new Variant(Mistake.ADAM_NO_BIAS_CORRECTION, api -> adamUncorrected(0.1, 0.8, 0.99, 1e-7)));
        trainingCurve(score, api -> api.adam(0.01, 0.9, 0.999, 1e-7), s, o);
    }

    @GradedTest(number = "4.6.1", name = "Sequential.fit follows the reference step by step", points = 4,
            visibility = Visibility.HIDDEN)
    void fit(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        double[][] x = Draws.matrix(r, 23, 3, 2);
        double[][] y = Draws.binary(r, 23, 1);
        long seed = r.nextLong();
        int[] batchSizes = {5, 23, 1};
        String[] optimizers = {"sgd-momentum", "adam", "sgd"};
        for (int i = 0; i < optimizers.length; i++) {
            String which = optimizers[i];
            int batchSize = batchSizes[i];
            score.check(which + ", batch size " + batchSize, () -> {
                Sequential ms = model(s, which, seed);
                Sequential mo = model(o, which, seed);
                double[] expected = mo.fit(x, y, 4, batchSize, seed);
                double[] actual = ms.fit(x, y, 4, batchSize, seed);
                boolean inFit = false;
                if (!Diagnosis.close(expected, actual, TRAJECTORY)) {
                    for (Mistake m : FIT_MISTAKES) {
                        if (Diagnosis.close(WrongFit.history(o, which, seed, x, y, 4, batchSize, m), actual, TRAJECTORY)) {
                            diagnosis.name(m);
                        }
                    }
                    inFit = stepPartsAgree(s, o, which, seed, x, y, batchSize);
                }
                score.close(inFit ? "Sequential.fit (§4.6): loss history" : "fit's loss history (§4.6)", "", expected,
                        actual, TRAJECTORY);
                score.close(inFit ? "Sequential.fit (§4.6): parameters after fit" : "parameters after fit (§4.6)", "",
                        mo.parameters(), ms.parameters(), TRAJECTORY);
            });
        }
        // §4.6's edges, which the runs above never reach: no epochs at all, a batch size below 1 and a model that is
        // not compiled (both rejected even when no epoch would run). One case, so that a fit that only ever throws earns nothing here.
        score.check("fit's edges", () -> {
            double[] history = model(s, "sgd", seed).fit(x, y, 0, batchSizes[0], seed);
            requireEmpty(score, history, "Sequential.fit (§4.6) with epochs = 0");
            requireIllegalArgument(score, () -> model(s, "sgd", seed).fit(x, y, 0, 0, seed),
                    "Sequential.fit (§4.6) with a batch size below 1");
            requireIllegalArgument(score, () -> model(s, "sgd", seed).fit(x, y, -1, batchSizes[0], seed),
                    "Sequential.fit (§4.6) with epochs below 0");
            requireThrows(score, IllegalStateException.class,
                    () -> uncompiled(s, seed).fit(x, y, 0, batchSizes[0], seed),
                    "Sequential.fit (§4.6) on a model that is not compiled, even with epochs = 0");
        });
    }

    /** Requires the loss history of a run with no epochs to be empty, as §1.5 and §4.6 say; {@code what} as above. */
    static void requireEmpty(Score score, double[] history, String what) {
        if (history.length != 0) {
            score.differs(what, "returned a loss history that is not empty");
            throw new AssertionError(what + " must return an empty loss history; yours has " + history.length
                    + " entries");
        }
    }

    /**
     * Whether the student's parts of a training step agree with the reference's on one of 4.6.1's cases: the starting
     * parameters, the loss and the gradient on the whole data and on its first batch (Parts 2–3), and {@link #STEPS}
     * updates of the case's optimizer (Part 4). When they do, a fit that still differs from the reference's is wrong in
     * fit itself, and its comparisons may say so; a part that throws counts as disagreeing.
     */
    private static boolean stepPartsAgree(Ps1 s, Ps1 o, String which, long seed, double[][] x, double[][] y,
                                          int batchSize) {
        try {
            Sequential ms = model(s, which, seed);
            Sequential mo = model(o, which, seed);
            double[][] firstX = Arrays.copyOf(x, batchSize);
            double[][] firstY = Arrays.copyOf(y, batchSize);
            if (!Diagnosis.close(mo.parameters(), ms.parameters(), TRAJECTORY)
                    || !Diagnosis.close(mo.loss(x, y), ms.loss(x, y), TRAJECTORY)
                    || !Diagnosis.close(mo.gradient(x, y), ms.gradient(x, y), TRAJECTORY)
                    || !Diagnosis.close(mo.gradient(firstX, firstY), ms.gradient(firstX, firstY), TRAJECTORY)) {
                return false;
            }
            double[] start = mo.parameters();
            double[][] gradients = Draws.matrix(new Random(seed), STEPS, start.length, 1);
            return Diagnosis.close(trajectory(optimizer(o, which), start, gradients),
                    trajectory(optimizer(s, which), start, gradients), TRAJECTORY);
        } catch (StudentException e) {
            return false;
        }
    }

    /**
     * Requires {@code call} to throw IllegalArgumentException as the handout's argument checks say; {@code what} names
     * the method, its section and the kind of arguments ("Loss.value (§2.4) with yPred of another shape"), never a
     * value, since it is shown with hidden tests too.
     */
    static void requireIllegalArgument(Score score, Runnable call, String what) {
        requireThrows(score, IllegalArgumentException.class, call, what);
    }

    /**
     * Requires {@code call} to throw {@code expected}, as the handout says {@code what} does; a call that returns
     * normally is also recorded as what differs, so the diagnosis a student sees before the due date says which
     * method to fix.
     */
    static void requireThrows(Score score, Class<? extends RuntimeException> expected, Runnable call, String what) {
        try {
            call.run();
        } catch (StudentException e) {
            if (e.kind() == StudentException.Kind.THREW && e.exceptionClass().equals(expected.getName())) {
                return;
            }
            throw e;
        }
        score.differs(what, "returned normally, but the handout says it throws " + expected.getSimpleName());
        throw new AssertionError(what + " must throw " + expected.getSimpleName() + "; yours returned normally");
    }

    /** The catalogued fit mistakes §4.6 recognises. */
    private static final java.util.List<Mistake> FIT_MISTAKES = java.util.List.of(Mistake.FIT_NO_SHUFFLE,
            Mistake.FIT_FRESH_RANDOM, Mistake.FIT_DROPS_LAST_BATCH, Mistake.FIT_LOSS_BEFORE_LAST_UPDATE,
            Mistake.FIT_LOSS_LAST_BATCH);

    static Sequential model(Ps1 api, String optimizer, long seed) {
        Sequential m = uncompiled(api, seed);
        m.compile(optimizer(api, optimizer), api.loss("BINARY_CROSSENTROPY"));
        return m;
    }

    /** The model of {@link #model}, before compile. */
    static Sequential uncompiled(Ps1 api, long seed) {
        return api.sequential(new nnlab.ps1.grading.api.Dense[] {
            api.dense(3, 4, api.activation("TANH"), seed), api.dense(4, 1, api.activation("SIGMOID"), seed + 1)});
    }

    static Optimizer optimizer(Ps1 api, String optimizer) {
        return switch (optimizer) {
            case "sgd-momentum" -> api.sgd(0.1, 0.9, false);
            case "adam" -> api.adam(0.01, 0.9, 0.999, 1e-7);
            default -> api.sgd(0.5, 0, false);
        };
    }
}
