package nnlab.ps1.grading;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import nnlab.ps1.grading.api.Optimizer;
import nnlab.ps1.grading.api.Ps1;
import nnlab.ps1.grading.api.Sequential;

/**
 * Sequential.fit as a student with one catalogued §4.6 mistake would write it, driving the oracle's model through its
 * public API in the grader's JVM: the candidates of §4.6's named mistakes.
 */
final class WrongFit {

    private WrongFit() {
    }

    /** Returns the loss history of §4.6's model trained by a fit that makes {@code mistake}. */
    static double[] history(Ps1 oracle, String optimizerName, long seed, double[][] x, double[][] y, int epochs,
                            int batchSize, Mistake mistake) {
        Sequential model = OptimizerGrading.model(oracle, optimizerName, seed);
        Optimizer optimizer = OptimizerGrading.optimizer(oracle, optimizerName);
        model.compile(optimizer, oracle.loss("BINARY_CROSSENTROPY"));
        Random random = new Random(seed);
        double[] history = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                order.add(i);
            }
            if (mistake == Mistake.FIT_FRESH_RANDOM) {
                Collections.shuffle(order, new Random(seed));
            } else if (mistake != Mistake.FIT_NO_SHUFFLE) {
                Collections.shuffle(order, random);
            }
            for (int start = 0; start < order.size(); start += batchSize) {
                int end = Math.min(start + batchSize, order.size());
                if (mistake == Mistake.FIT_DROPS_LAST_BATCH && end - start < batchSize) {
                    break;
                }
                double[][] bx = new double[end - start][];
                double[][] by = new double[end - start][];
                for (int i = start; i < end; i++) {
                    bx[i - start] = x[order.get(i)];
                    by[i - start] = y[order.get(i)];
                }
                if (mistake == Mistake.FIT_LOSS_BEFORE_LAST_UPDATE) {
                    history[epoch] = model.loss(x, y);
                }
                double[] theta = model.parameters();
                optimizer.update(theta, model.gradient(bx, by));
                model.setParameters(theta);
                if (mistake == Mistake.FIT_LOSS_LAST_BATCH) {
                    history[epoch] = model.loss(bx, by);
                }
            }
            if (mistake != Mistake.FIT_LOSS_BEFORE_LAST_UPDATE && mistake != Mistake.FIT_LOSS_LAST_BATCH) {
                history[epoch] = model.loss(x, y);
            }
        }
        return history;
    }
}
