package nnlab.ps1.grading;

import java.util.Random;
import java.util.function.Function;

import nnlab.grader.GradedTest;
import nnlab.grader.Oracle;
import nnlab.grader.Score;
import nnlab.grader.Student;
import nnlab.grader.Tolerance;
import nnlab.grader.Visibility;
import nnlab.ps1.grading.api.Optimizer;
import nnlab.ps1.grading.api.Ps1;
import nnlab.ps1.grading.api.Sequential;

/** Part 4: SGD and optimizers (20 points). */
class OptimizerGrading {

    private static final int STEPS = 5;
    private static final Tolerance TRAJECTORY = new Tolerance(1e-9, 1e-6);

    /** Runs {@link #STEPS} updates with the same gradients on both optimizers, comparing parameters after each. */
    private static void steps(Score score, String what, Function<Ps1, Optimizer> make, Ps1 s, Ps1 o, int size) {
        Random r = score.random();
        double[] start = Gen.vector(r, size, 1);
        double[][] gradients = Gen.matrix(r, STEPS, size, 1);
        gradients[STEPS - 1][0] = 0;
        score.check(what, () -> {
            Optimizer os = make.apply(s);
            Optimizer oo = make.apply(o);
            double[] ps = start.clone();
            double[] po = start.clone();
            for (int step = 0; step < STEPS; step++) {
                os.update(ps, gradients[step].clone());
                oo.update(po, gradients[step].clone());
                score.close("parameters after update " + (step + 1), "θ₀ = " + Score.show(start)
                        + ", gradients " + Score.show(gradients), po, ps, Tolerance.DEFAULT);
            }
        });
    }

    @GradedTest(number = "4.1.1", name = "Sgd: plain, momentum and Nesterov", points = 4, visibility = Visibility.AFTER_DUE_DATE)
    void sgd(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        steps(score, "Sgd(0.1) (§4.1)", api -> api.sgd(0.1, 0, false), s, o, 4);
        steps(score, "Sgd(0.05, momentum 0.9) (§4.1)", api -> api.sgd(0.05, 0.9, false), s, o, 4);
        steps(score, "Sgd(0.05, momentum 0.9, Nesterov) (§4.1)", api -> api.sgd(0.05, 0.9, true), s, o, 4);
    }

    @GradedTest(number = "4.2.1", name = "RMSprop", points = 3, visibility = Visibility.AFTER_DUE_DATE)
    void rmsProp(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        steps(score, "RmsProp(0.01, ρ 0.9) (§4.2)", api -> api.rmsProp(0.01, 0.9, 0, 1e-7), s, o, 5);
        steps(score, "RmsProp(0.01, ρ 0.8, momentum 0.5) (§4.2)", api -> api.rmsProp(0.01, 0.8, 0.5, 1e-7), s, o, 5);
    }

    @GradedTest(number = "4.3.1", name = "Adagrad", points = 3, visibility = Visibility.AFTER_DUE_DATE)
    void adagrad(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        steps(score, "Adagrad(0.1) (§4.3)", api -> api.adagrad(0.1, 0.1, 1e-7), s, o, 5);
        steps(score, "Adagrad(0.01, initial accumulator 1) (§4.3)", api -> api.adagrad(0.01, 1.0, 1e-7), s, o, 5);
    }

    @GradedTest(number = "4.4.1", name = "Adadelta", points = 3, visibility = Visibility.AFTER_DUE_DATE)
    void adadelta(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        steps(score, "Adadelta(1.0, ρ 0.95) (§4.4)", api -> api.adadelta(1.0, 0.95, 1e-7), s, o, 5);
        steps(score, "Adadelta(0.5, ρ 0.9) (§4.4)", api -> api.adadelta(0.5, 0.9, 1e-6), s, o, 5);
    }

    @GradedTest(number = "4.5.1", name = "Adam", points = 3, visibility = Visibility.AFTER_DUE_DATE)
    void adam(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        steps(score, "Adam(0.01) (§4.5)", api -> api.adam(0.01, 0.9, 0.999, 1e-7), s, o, 5);
        steps(score, "Adam(0.1, β₁ 0.8, β₂ 0.99) (§4.5)", api -> api.adam(0.1, 0.8, 0.99, 1e-7), s, o, 5);
    }

    @GradedTest(number = "4.6.1", name = "Sequential.fit follows the reference step by step", points = 4,
            visibility = Visibility.HIDDEN)
    void fit(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        double[][] x = Gen.matrix(r, 23, 3, 2);
        double[][] y = Gen.binary(r, 23, 1);
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
                score.close("fit's loss history (§4.6)", "", expected, actual, TRAJECTORY);
                score.close("parameters after fit (§4.6)", "", mo.parameters(), ms.parameters(), TRAJECTORY);
            });
        }
    }

    private static Sequential model(Ps1 api, String optimizer, long seed) {
        Sequential m = api.sequential(new nnlab.ps1.grading.api.Dense[] {
            api.dense(3, 4, api.activation("TANH"), seed), api.dense(4, 1, api.activation("SIGMOID"), seed + 1)});
        Optimizer opt = switch (optimizer) {
            case "sgd-momentum" -> api.sgd(0.1, 0.9, false);
            case "adam" -> api.adam(0.01, 0.9, 0.999, 1e-7);
            default -> api.sgd(0.5, 0, false);
        };
        m.compile(opt, api.loss("BINARY_CROSSENTROPY"));
        return m;
    }
}
