package nnlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Part 1: the validation split and early stopping, the handout's worked examples. */
@DisplayName("Part 1 — validation and early stopping")
class ValidationTests {

    /** Losses computed twice the same way agree to the last bits; a little slack for summation order. */
    private static final double TOLERANCE = 1e-12;

    private static Sequential model() {
        Sequential model = new Sequential(new Dense(2, 3, Activation.TANH, 1), new Dense(3, 1, Activation.SIGMOID, 2));
        model.compile(new Sgd(0.5), Loss.BINARY_CROSSENTROPY);
        return model;
    }

    private static double[][] rows(double[][] m, int from, int to) {
        return java.util.Arrays.copyOfRange(m, from, to);
    }

    @Nested
    @DisplayName("the validation split and the history (§1.1)")
    class Split {

        private final double[][] x = new double[10][];
        private final double[][] y = new double[10][];

        Split() {
            for (int i = 0; i < 10; i++) {
                x[i] = new double[] {i / 10.0, (i % 3) - 1.0};
                y[i] = new double[] {i % 2};
            }
        }

        @Test
        void theLastQuarterOfTenRowsIsRowsSevenToNine() {
            Sequential model = model();
            History history = model.fit(Matrix.of(x), Matrix.of(y), 3, 4, 5, 0.25);
            assertEquals(3, history.valLoss().length, "one validation loss per epoch (handout §1.1)");
            assertEquals(model.loss(Matrix.of(rows(x, 7, 10)), Matrix.of(rows(y, 7, 10))), history.valLoss()[2], TOLERANCE,
                    "the last val_loss is the loss on rows 7, 8, 9 after the last epoch: nTrain = ⌊10·0.75⌋ = 7, the"
                            + " validation rows are the last ones, taken before shuffling (handout §1.1)");
            assertEquals(model.loss(Matrix.of(rows(x, 0, 7)), Matrix.of(rows(y, 0, 7))), history.loss()[2], TOLERANCE,
                    "the last loss is the loss on the training rows 0–6 after the last epoch (handout §1.1)");
        }

        @Test
        void withoutASplitThereIsNoValidationLoss() {
            History history = model().fit(Matrix.of(x), Matrix.of(y), 2, 4, 5, 0.0);
            assertEquals(0, history.valLoss().length, "validationSplit 0 means no validation set (handout §1.1)");
            assertEquals(2, history.loss().length, "one training loss per epoch (handout §1.1)");
        }
    }

    @Nested
    @DisplayName("early stopping (§1.2)")
    class Stopping {

        private final double[] valLoss = {1.0, 0.875, 0.75, 0.6875, 0.625, 0.5};

        private Map<String, Double> logs(int epoch) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", 1.0 - epoch / 16.0);
            logs.put("val_loss", valLoss[epoch]);
            return logs;
        }

        @Test
        void theHandoutsTableStopsAfterEpochFour() {
            EarlyStopping stopping = new EarlyStopping("val_loss", 0.125, 2, false);
            Sequential model = model();
            stopping.onTrainBegin(model);
            boolean[] stops = new boolean[5];
            int[] waits = new int[5];
            for (int epoch = 0; epoch < 5; epoch++) {
                stops[epoch] = stopping.onEpochEnd(epoch, logs(epoch), model);
                waits[epoch] = stopping.waitCount();
            }
            assertArrayEquals(new int[] {0, 1, 0, 1, 2}, waits, "wait per epoch: an improvement must exceed minDelta"
                    + " strictly, so 0.875 after 1.0 does not count (handout §1.2)");
            assertArrayEquals(new boolean[] {false, false, false, false, true}, stops,
                    "stop once wait reaches patience (handout §1.2)");
            assertEquals(2, stopping.bestEpoch(), "the best epoch is epoch 2 (handout §1.2)");
        }

        @Test
        void restoringPutsBackTheBestEpochsWeights() {
            EarlyStopping stopping = new EarlyStopping("val_loss", 0.125, 2, true);
            Sequential model = model();
            double[][] weights = new double[5][];
            stopping.onTrainBegin(model);
            for (int epoch = 0; epoch < 5; epoch++) {
                weights[epoch] = model.parameters();
                weights[epoch][0] = epoch;
                model.setParameters(weights[epoch]);
                stopping.onEpochEnd(epoch, logs(epoch), model);
            }
            stopping.onTrainEnd(model);
            assertArrayEquals(weights[2], model.parameters(), "with restoreBestWeights the model ends with the"
                    + " weights of epoch 2, the best (handout §1.2)");
        }
    }
}
