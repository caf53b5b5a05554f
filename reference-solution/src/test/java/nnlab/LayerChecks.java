package nnlab;

import java.util.Random;

/**
 * Gradient checks for one {@link Layer}: the scalar L = Σ r ⊙ forward(x) for a fixed random r, whose ∂L/∂output is r,
 * so {@code backward(r)} must equal the centred differences of L in the input and in the parameters.
 */
final class LayerChecks {

    private LayerChecks() {
    }

    /** Returns Σ r ⊙ layer.forward(x) in the given mode, drawing from {@code new Random(seed)} in training. */
    static double weightedSum(Layer layer, Tensor x, Tensor r, boolean training, long seed) {
        double[] out = layer.forward(x, training, new Random(seed)).values();
        double[] weights = r.values();
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += weights[i] * out[i];
        }
        return sum;
    }

    /** Checks ∂L/∂x and ∂L/∂parameters of {@code layer} at {@code x} against centred differences. */
    static void assertBackwardAgrees(String what, Layer layer, Tensor x, Tensor r, boolean training, long seed) {
        layer.forward(x, training, new Random(seed));
        double[] analyticInput = layer.backward(r).values();
        double[] analyticParameters = layer.parameterGradient();
        int[] shape = x.shape();
        double[] numericalInput = FiniteDifferences.gradient(
                v -> weightedSum(layer, Tensor.of(shape, v), r, training, seed), x.values());
        FiniteDifferences.assertAgree(what + ": ∂L/∂input", analyticInput, numericalInput);
        double[] original = layer.parameters();
        double[] numericalParameters = FiniteDifferences.gradient(p -> {
            layer.setParameters(p);
            return weightedSum(layer, x, r, training, seed);
        }, original);
        layer.setParameters(original);
        FiniteDifferences.assertAgree(what + ": ∂L/∂parameters", analyticParameters, numericalParameters);
    }

    /** Returns a tensor of standard normal values. */
    static Tensor gaussian(Random random, int... shape) {
        Tensor zeros = Tensor.zeros(shape);
        double[] values = new double[zeros.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return Tensor.of(shape, values);
    }
}
