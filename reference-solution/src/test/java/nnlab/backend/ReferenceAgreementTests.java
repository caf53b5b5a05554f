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
     * Allowed relative difference of a gradient entry: products differ by a few units in the last place
     * (fused multiply-add, see {@link KernelTwinTests#PRODUCT_BOUNDS}) and a two-layer backward pass chains three
     * products, so 1e-12 leaves three orders of magnitude of room while any wrong index or sum shows up at 1e-3 or
     * more.
     */
    static final double GRADIENT_TOLERANCE = 1e-12;

    /**
     * Allowed relative difference of an epoch loss after a short fit: Adam divides by √v, which amplifies rounding
     * differences in small second moments, and 3 epochs of 45 steps compound them; measured about 1e-14 here.
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
        for (int i = 0; i < javaGradient.length; i++) {
            assertClose(javaGradient[i], kernelGradient[i], GRADIENT_TOLERANCE, "gradient entry " + i);
        }

        double[] javaLosses = Backends.with(JavaBackend.INSTANCE, () -> fit(x, y));
        double[] kernelLosses = Backends.with(backend, () -> fit(x, y));
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            assertClose(javaLosses[epoch], kernelLosses[epoch], FIT_TOLERANCE, "loss after epoch " + (epoch + 1));
        }
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
