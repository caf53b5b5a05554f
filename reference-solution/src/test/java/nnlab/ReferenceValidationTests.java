package nnlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Problem set 2 §1: the validation split, the History, the callback order and EarlyStopping's Keras rules. */
class ReferenceValidationTests {

    private static Sequential smallNet(long seed) {
        Sequential net = new Sequential(new Dense(3, 4, Activation.TANH, seed), new Dense(4, 1, Activation.SIGMOID, seed + 1));
        net.compile(new Sgd(0.3), Loss.BINARY_CROSSENTROPY);
        return net;
    }

    private static Matrix inputs(int rows) {
        return FiniteDifferences.uniform(new Random(rows), rows, 3, -1, 1);
    }

    private static Matrix labels(int rows) {
        double[][] y = new double[rows][1];
        for (int r = 0; r < rows; r++) {
            y[r][0] = r % 3 == 0 ? 1 : 0;
        }
        return Matrix.of(y);
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    @Nested
    class ValidationSplit {

        @ParameterizedTest(name = "n={0} split={1} → {2} train")
        @CsvSource({"10, 0.3, 7", "7, 0.5, 3", "9, 0.25, 6", "20, 0.1, 18", "3, 0.5, 1"})
        void trainsOnTheFirstFloorOfNTimesOneMinusSplitAndValidatesOnTheRest(int n, double split, int nTrain) {
            Matrix x = inputs(n);
            Matrix y = labels(n);
            Sequential split_ = smallNet(4);
            History history = split_.fit(x, y, 3, 2, 99, split);
            Sequential firstRowsOnly = smallNet(4);
            double[] plain = firstRowsOnly.fit(x.selectRows(range(0, nTrain)), y.selectRows(range(0, nTrain)), 3, 2, 99);
            assertArrayEquals(firstRowsOnly.parameters(), split_.parameters(), 0.0, "the training part differs");
            assertArrayEquals(plain, history.loss(), 0.0);
            assertEquals(split_.loss(x.selectRows(range(nTrain, n)), y.selectRows(range(nTrain, n))),
                    history.valLoss()[2], 0.0, "val_loss is not the loss on the last rows");
        }

        @Test
        void withoutASplitTheHistoryHasNoValidationLossAndMatchesProblemSetOne() {
            Matrix x = inputs(12);
            Matrix y = labels(12);
            History history = smallNet(5).fit(Tensor.fromMatrix(x), y, 4, 5, 3, 0.0);
            assertFalse(history.hasValidation());
            assertEquals(0, history.valLoss().length);
            assertArrayEquals(smallNet(5).fit(x, y, 4, 5, 3), history.loss(), 0.0);
        }

        @Test
        void splitsThatLeaveAnEmptyPartOrLeaveZeroToOneAreRefused() {
            Sequential net = smallNet(1);
            // 1 − 1e-20 rounds to 1, so nothing is left for validation; Keras raises there too.
            assertThrows(IllegalArgumentException.class, () -> net.fit(inputs(3), labels(3), 1, 1, 1, 1e-20));
            assertThrows(IllegalArgumentException.class, () -> net.fit(inputs(3), labels(3), 1, 1, 1, 0.9));
            assertThrows(IllegalArgumentException.class, () -> net.fit(inputs(3), labels(3), 1, 1, 1, 1.0));
            assertThrows(IllegalArgumentException.class, () -> net.fit(inputs(3), labels(3), 1, 1, 1, -0.2));
        }
    }

    @Nested
    class Callbacks {

        @Test
        void runInOrderWithLossAndValLossAndStopAfterTheEpochThatAskedTo() {
            List<String> calls = new ArrayList<>();
            Callback recorder = new Callback() {
                @Override
                public void onTrainBegin(Sequential model) {
                    calls.add("begin");
                }

                @Override
                public boolean onEpochEnd(int epoch, Map<String, Double> logs, Sequential model) {
                    calls.add(epoch + " " + logs.keySet());
                    return epoch == 2;
                }

                @Override
                public void onTrainEnd(Sequential model) {
                    calls.add("end");
                }
            };
            History history = smallNet(2).fit(inputs(10), labels(10), 10, 4, 1, 0.2, recorder);
            assertEquals(List.of("begin", "0 [loss, val_loss]", "1 [loss, val_loss]", "2 [loss, val_loss]", "end"), calls);
            assertEquals(3, history.epochs());
            assertEquals(3, history.valLoss().length);
        }
    }

    /** Drives EarlyStopping with scripted losses; the model's parameters are set to the epoch number each epoch. */
    @Nested
    class EarlyStoppingRules {

        /** Returns the epoch at which the callback asked to stop, or −1; leaves the model as onTrainEnd left it. */
        private int script(EarlyStopping callback, Sequential model, double... losses) {
            callback.onTrainBegin(model);
            int stopped = -1;
            for (int epoch = 0; epoch < losses.length && stopped < 0; epoch++) {
                double[] marker = new double[model.parameterCount()];
                Arrays.fill(marker, epoch);
                model.setParameters(marker);
                if (callback.onEpochEnd(epoch, Map.of("loss", losses[epoch], "val_loss", losses[epoch]), model)) {
                    stopped = epoch;
                }
            }
            callback.onTrainEnd(model);
            return stopped;
        }

        private double epochOfWeights(Sequential model) {
            return model.parameters()[0];
        }

        @Test
        void stopsAfterPatienceEpochsWithoutImprovement() {
            EarlyStopping callback = new EarlyStopping("val_loss", 0, 2, false);
            assertEquals(3, script(callback, smallNet(1), 1.0, 0.9, 0.95, 0.92, 0.91));
            assertEquals(3, callback.stoppedEpoch());
            assertEquals(1, callback.bestEpoch());
            assertEquals(0.9, callback.best(), 0.0);
        }

        @Test
        void improvementIsMeasuredFromTheBestAndMustExceedMinDelta() {
            // 0.95 is not 0.1 below 1.0; 0.85 is, although it is only 0.1 below 0.95.
            EarlyStopping callback = new EarlyStopping("loss", -0.1, 3, false);
            assertEquals(-1, script(callback, smallNet(1), 1.0, 0.95, 0.85));
            assertEquals(2, callback.bestEpoch());
            assertEquals(0, callback.waitCount());
            EarlyStopping strict = new EarlyStopping("loss", 0.1, 1, false);
            assertEquals(1, script(strict, smallNet(1), 1.0, 0.95));
        }

        @Test
        void patienceZeroActsLikeOneAndNeverStopsAtEpochZero() {
            assertEquals(1, script(new EarlyStopping("loss", 0, 0, false), smallNet(1), 1.0, 2.0));
            assertEquals(1, script(new EarlyStopping("loss", 0, 1, false), smallNet(1), 1.0, 2.0));
            assertEquals(-1, script(new EarlyStopping("loss", 0, 0, false), smallNet(1), 1.0));
        }

        @Test
        void aBaselineKeepsTheCounterRunningUntilItIsBeaten() {
            // Both epochs improve on the best but not on 0.5, so wait reaches 2; the third epoch does not improve.
            EarlyStopping callback = new EarlyStopping("loss", 0, 0, false, 0.5);
            assertEquals(2, script(callback, smallNet(1), 1.0, 0.9, 0.95));
            assertEquals(3, callback.waitCount());
        }

        @Test
        void nanNeverImproves() {
            assertEquals(1, script(new EarlyStopping("loss", 0, 1, false), smallNet(1), 1.0, Double.NaN));
        }

        @Test
        void theFirstEpochIsTheFirstBestWhateverItsValueAsKerasStartsFromNoBest() {
            // Keras's best starts as None: a NaN first epoch is the best, and nothing improves on a NaN best.
            EarlyStopping callback = new EarlyStopping("loss", 0, 2, true);
            assertEquals(2, script(callback, smallNet(1), Double.NaN, 1.0, 0.5));
            assertEquals(0, callback.bestEpoch());
            assertTrue(Double.isNaN(callback.best()));
            EarlyStopping huge = new EarlyStopping("loss", 0, 1, false);
            assertEquals(-1, script(huge, smallNet(1), Double.POSITIVE_INFINITY, 1.0));
            assertEquals(1, huge.bestEpoch());
        }

        @Test
        void restoresTheBestWeightsAtTheEndWhetherOrNotItStopped() {
            Sequential model = smallNet(1);
            script(new EarlyStopping("val_loss", 0, 2, true), model, 1.0, 0.9, 0.95, 0.92, 0.91);
            assertEquals(1, epochOfWeights(model), 0.0);
            script(new EarlyStopping("val_loss", 0, 10, true), model, 1.0, 0.7, 0.8, 0.75);
            assertEquals(1, epochOfWeights(model), 0.0, "Keras 3 restores even when training ran to the end");
            script(new EarlyStopping("val_loss", 0, 10, false), model, 1.0, 0.7, 0.8, 0.75);
            assertEquals(3, epochOfWeights(model), 0.0, "without restoreBestWeights the last weights stay");
        }

        @Test
        void theFirstEpochsWeightsAreKeptEvenWhenItDoesNotBeatTheBaseline() {
            Sequential model = smallNet(1);
            script(new EarlyStopping("loss", 0, 1, true, 0.1), model, 1.0, 1.5);
            assertEquals(0, epochOfWeights(model), 0.0);
        }

        @Test
        void oneInstanceServesSeveralFits() {
            EarlyStopping callback = new EarlyStopping("loss", 0, 1, false);
            script(callback, smallNet(1), 0.1, 0.2);
            assertEquals(-1, script(callback, smallNet(1), 1.0, 0.9));
        }

        @Test
        void aMissingMonitorSaysWhatToDo() {
            EarlyStopping callback = new EarlyStopping("val_loss", 0, 1, false);
            Sequential net = smallNet(1);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> net.fit(inputs(6), labels(6), 2, 2, 1, 0.0, callback));
            assertTrue(e.getMessage().contains("validationSplit"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("accuracy", 0, 1, false));
            assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("loss", 0, -1, false));
        }

        @Test
        void inAFitItStopsEarlyAndLeavesTheBestValidationWeights() {
            // 30 noisy samples and a generous learning rate: the validation loss turns up well before 200 epochs.
            Random random = new Random(12);
            Matrix x = FiniteDifferences.uniform(random, 30, 3, -1, 1);
            double[][] y = new double[30][1];
            for (double[] row : y) {
                row[0] = random.nextBoolean() ? 1 : 0;
            }
            Sequential net = new Sequential(new Dense(3, 16, Activation.TANH, 1), new Dense(16, 1, Activation.SIGMOID, 2));
            net.compile(new Adam(0.05), Loss.BINARY_CROSSENTROPY);
            EarlyStopping callback = new EarlyStopping("val_loss", 0, 5, true);
            History history = net.fit(x, Matrix.of(y), 200, 8, 3, 0.3, callback);
            assertTrue(history.epochs() < 200, "training never stopped: " + history);
            assertEquals(callback.stoppedEpoch() + 1, history.epochs());
            double[] val = history.valLoss();
            double min = Arrays.stream(val).min().orElseThrow();
            assertEquals(min, val[callback.bestEpoch()], 0.0);
            assertEquals(min, net.loss(x.selectRows(range(21, 30)), Matrix.of(y).selectRows(range(21, 30))), 0.0);
        }
    }
}
