package nnlab.ps2.grading;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import nnlab.ps2.grading.api.Optimizer;
import nnlab.ps2.grading.api.Sequential;

/**
 * Sequential.fit with a validation split as a student with one catalogued §1.1 mistake would write it, driving
 * the oracle's dense model through its public API in the grader's JVM: the candidates of Part 1's named mistakes.
 * Models here have no Dropout, so the inference-mode gradient is the training gradient.
 */
final class WrongFit {

    /** What a fit returned: the loss and validation loss per epoch, and the parameters at the end. */
    record Run(double[] loss, double[] valLoss, double[] parameters) {
    }

    private WrongFit() {
    }

    /** Trains {@code model} (compiled with {@code optimizer}) as a fit making {@code mistake} would. */
    static Run fit(Sequential model, Optimizer optimizer, double[][] x, double[][] y, int epochs, int batchSize, long seed,
                   double validationSplit, Mistake mistake) {
        int n = x.length;
        int nTrain = mistake == Mistake.VALIDATION_SIZE ? n - (int) (n * validationSplit)
                : (int) Math.floor(n * (1.0 - validationSplit));
        Random random = new Random(seed);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(i);
        }
        if (mistake == Mistake.VALIDATION_AFTER_SHUFFLE) {
            Collections.shuffle(rows, random);
        }
        List<Integer> trainRows;
        List<Integer> valRows;
        if (mistake == Mistake.VALIDATION_FROM_FRONT) {
            valRows = rows.subList(0, n - nTrain);
            trainRows = rows.subList(n - nTrain, n);
        } else {
            trainRows = rows.subList(0, nTrain);
            valRows = rows.subList(nTrain, n);
        }
        double[][] xTrain = select(x, trainRows);
        double[][] yTrain = select(y, trainRows);
        double[][] xVal = select(x, valRows);
        double[][] yVal = select(y, valRows);
        double[][] xBatches = mistake == Mistake.VALIDATION_ROWS_TRAINED ? x : xTrain;
        double[][] yBatches = mistake == Mistake.VALIDATION_ROWS_TRAINED ? y : yTrain;
        double[] loss = new double[epochs];
        double[] valLoss = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (mistake == Mistake.VAL_LOSS_BEFORE_UPDATES) {
                valLoss[epoch] = model.loss(xVal, yVal);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < xBatches.length; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            for (int start = 0; start < order.size(); start += batchSize) {
                List<Integer> batch = order.subList(start, Math.min(start + batchSize, order.size()));
                double[] theta = model.parameters();
                optimizer.update(theta, model.gradient(select(xBatches, batch), select(yBatches, batch)));
                model.setParameters(theta);
            }
            loss[epoch] = model.loss(xTrain, yTrain);
            if (mistake != Mistake.VAL_LOSS_BEFORE_UPDATES) {
                valLoss[epoch] = model.loss(xVal, yVal);
            }
        }
        return new Run(loss, valLoss, model.parameters());
    }

    static double[][] select(double[][] m, List<Integer> rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = m[rows.get(i)].clone();
        }
        return out;
    }
}
