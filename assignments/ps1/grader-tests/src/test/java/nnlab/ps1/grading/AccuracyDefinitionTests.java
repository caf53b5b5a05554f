package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import nnlab.Activation;
import nnlab.Dense;
import nnlab.Matrix;
import nnlab.Sequential;
import nnlab.grader.support.Accuracy;
import nnlab.grader.support.Draws;

/**
 * The grader's accuracy ({@link Accuracy}, which Part 5 of both problem sets scores) is the reference's
 * {@code Sequential.accuracy}: on predictions fed through an identity layer, so that the reference's predict returns
 * exactly them, including values at the 0.5 threshold and ties between columns.
 */
class AccuracyDefinitionTests {

    private static final int ROWS = 200;
    private static final long SEED = 21;

    @Test
    void oneSigmoidColumnAgreesWithTheReferenceAtAndAroundTheThreshold() {
        Random r = new Random(SEED);
        double[][] predictions = new double[ROWS][1];
        double[][] labels = new double[ROWS][1];
        double[] near = {0.5, Math.nextDown(0.5), Math.nextUp(0.5), 0, 1};
        for (int i = 0; i < ROWS; i++) {
            predictions[i][0] = i < near.length * 4 ? near[i % near.length] : r.nextDouble();
            labels[i][0] = r.nextInt(2);
        }
        assertEquals(referenceAccuracy(predictions, labels), Accuracy.of(predictions, labels));
    }

    @Test
    void severalColumnsAgreeWithTheReferenceTiesIncluded() {
        Random r = new Random(SEED);
        double[][] predictions = new double[ROWS][];
        double[][] labels = Draws.oneHot(r, ROWS, 4);
        for (int i = 0; i < ROWS; i++) {
            // Every third row quantised to quarters: ties between columns are common there.
            predictions[i] = Draws.vector(r, 4, 1);
            if (i % 3 == 0) {
                for (int c = 0; c < 4; c++) {
                    predictions[i][c] = Math.round(predictions[i][c] * 2) / 4.0;
                }
            }
        }
        assertEquals(referenceAccuracy(predictions, labels), Accuracy.of(predictions, labels));
    }

    /** The reference's accuracy of a model whose predict returns {@code predictions} unchanged. */
    private static double referenceAccuracy(double[][] predictions, double[][] labels) {
        int n = predictions[0].length;
        double[][] identity = new double[n][n];
        for (int i = 0; i < n; i++) {
            identity[i][i] = 1;
        }
        Sequential model = new Sequential(new Dense(Matrix.of(identity), new double[n], Activation.LINEAR));
        return model.accuracy(Matrix.of(predictions), Matrix.of(labels));
    }
}
