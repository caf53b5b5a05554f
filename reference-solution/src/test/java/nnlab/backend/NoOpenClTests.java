package nnlab.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import nnlab.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The machine without OpenCL: run by its own surefire execution with {@code OCL_ICD_VENDORS} pointing at an empty
 * place, so the OpenCL loader finds no driver even where PoCL is installed.
 */
class NoOpenClTests {

    /** The product is computed in plain Java with the same loop order as the check, so it matches exactly. */
    private static final double EXACT = 0.0;

    @Test
    void autoFallsBackToJavaAndSaysWhy() {
        Backends.Choice choice = Backends.choice();
        assertEquals("auto", choice.requested(), "this execution must not request a backend");
        assertSame(JavaBackend.INSTANCE, choice.backend(), choice.reason());
        assertTrue(choice.reason().contains("OpenCL"), choice.reason());
        assertTrue(choice.devices().isEmpty(), () -> "saw devices " + choice.devices());
    }

    @Test
    void matricesStillComputeRight() {
        Random random = new Random(5);
        int m = 257;
        int k = 129;
        int n = 65;
        double[][] a = new double[m][k];
        double[][] b = new double[k][n];
        for (double[] row : a) {
            for (int j = 0; j < k; j++) {
                row[j] = random.nextGaussian();
            }
        }
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] product = Matrix.of(a).multiply(Matrix.of(b)).toArray();
        for (int i = 0; i < m; i++) {
            double[] expected = new double[n];
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    expected[j] += a[i][p] * b[p][j];
                }
            }
            assertArrayEquals(expected, product[i], EXACT, "row " + i);
        }
    }
}
