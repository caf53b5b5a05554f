package nnlab.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nnlab.Dataset;
import nnlab.Matrix;
import nnlab.Sequential;
import nnlab.demo.Recipes;
import org.junit.jupiter.api.Test;

/** The reference solution gives the same results whichever backend runs its matrices. */
class ReferenceAgreementTests {

    /**
     * Allowed difference of a gradient entry, relative to the gradient's largest entry: products differ by a few
     * units in the last place (fused multiply-add, see {@link KernelTwinTests#PRODUCT_BOUNDS}) and a two-layer
     * backward pass chains three products, so 1e-12 leaves orders of magnitude of room while a wrong index or sum shows
     * up at 1e-3 or more. Scaled by the largest entry because entries near zero have no meaningful relative error
     * (measured here on PoCL: at most 7.7e-14 entry by entry, far less against the largest entry).
     */
    static final double GRADIENT_TOLERANCE = 1e-12;

    /**
     * Allowed relative difference of an epoch loss after a short fit: Adam divides by √v, which amplifies rounding
     * differences in small second moments, and 3 epochs of 45 steps compound them. Measured here on PoCL: the losses
     * were identical; 1e-9 leaves room for devices that contract more while any real difference is far larger.
     */
    static final double FIT_TOLERANCE = 1e-9;

    private static final int EPOCHS = 3;

    @Test
    void digitsGradientAndShortFitAgreeWithJava() {
        AparapiBackend backend = OpenClForTests.forcedBackend();
        Dataset.Split data = Recipes.digitsData();
        Matrix x = data.train().x();
        Matrix y = data.train().y();

        double[] javaGradient = Backends.with(JavaBackend.INSTANCE, () -> Recipes.digitsModel().gradient(x, y));
        long before = backend.slot("multiply").openClRuns();
        double[] kernelGradient = Backends.with(backend, () -> Recipes.digitsModel().gradient(x, y));
        if (OpenClForTests.required()) {
            assertTrue(backend.slot("multiply").openClRuns() > before, "the gradient did not run on OpenCL");
        }
        assertEquals(javaGradient.length, kernelGradient.length);
        double largest = largestOf(javaGradient);
        for (int i = 0; i < javaGradient.length; i++) {
            double difference = Math.abs(javaGradient[i] - kernelGradient[i]);
            int entry = i;
            assertTrue(difference <= GRADIENT_TOLERANCE * largest, () -> "gradient entry " + entry + ": Java "
                    + javaGradient[entry] + ", kernels " + kernelGradient[entry] + " (tolerance " + GRADIENT_TOLERANCE
                    + " × largest entry " + largestOf(javaGradient) + ")");
        }

        double[] javaLosses = Backends.with(JavaBackend.INSTANCE, () -> fit(x, y));
        double[] kernelLosses = Backends.with(backend, () -> fit(x, y));
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            assertClose(javaLosses[epoch], kernelLosses[epoch], FIT_TOLERANCE, "loss after epoch " + (epoch + 1));
        }
    }

    private static double largestOf(double[] values) {
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest;
    }

    private static double[] fit(Matrix x, Matrix y) {
        Sequential model = Recipes.digitsModel();
        return model.fit(x, y, EPOCHS, Recipes.BATCH_SIZE, Recipes.FIT_SEED);
    }

    private static void assertClose(double expected, double actual, double relative, String what) {
        double allowed = relative * Math.max(1e-300, Math.max(Math.abs(expected), Math.abs(actual)));
        assertTrue(Math.abs(expected - actual) <= allowed || expected == actual,
                () -> what + ": Java " + expected + ", kernels " + actual + " (relative tolerance " + relative + ")");
    }
}
