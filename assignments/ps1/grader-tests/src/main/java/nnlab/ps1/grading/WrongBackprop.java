package nnlab.ps1.grading;

import java.util.ArrayList;
import java.util.List;

import nnlab.Activation;
import nnlab.Dense;
import nnlab.Loss;
import nnlab.Matrix;

/**
 * Sequential.gradient as a student with one catalogued Part 3 mistake would compute it, built on the reference's
 * layers (same seeds, so the same Glorot weights) and run in the grader's JVM: the candidates of §3.4's named mistakes.
 */
final class WrongBackprop {

    private WrongBackprop() {
    }

    /**
     * Returns the flat gradient (weights row-major, then bias, layer by layer) of a freshly built net with
     * {@code mistake} made in every layer's backward pass.
     */
    static double[] gradient(int[] sizes, String[] activations, String loss, long seed, double[][] x, double[][] y,
                             Mistake mistake) {
        List<Dense> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Dense(sizes[i], sizes[i + 1], Activation.valueOf(activations[i]), seed + i));
        }
        List<Matrix> inputs = new ArrayList<>();
        List<Matrix> preActivations = new ArrayList<>();
        Matrix a = Matrix.of(x);
        for (Dense layer : layers) {
            inputs.add(a);
            Matrix z = a.multiply(layer.weights()).plusRowVector(layer.bias());
            preActivations.add(z);
            a = layer.activation().forward(z);
        }
        Matrix grad = Loss.valueOf(loss).gradient(Matrix.of(y), a);
        double[][] weightGradients = new double[layers.size()][];
        double[][] biasGradients = new double[layers.size()][];
        for (int i = layers.size() - 1; i >= 0; i--) {
            Dense layer = layers.get(i);
            Matrix dz = mistake == Mistake.MISSING_ACTIVATION_DERIVATIVE ? grad
                    : layer.activation().backward(preActivations.get(i), grad);
            // Whole-model numbers cannot tell a transposed ∂L/∂W from one flattened column by column: one candidate.
            Matrix dw = mistake == Mistake.WEIGHT_GRADIENT_IN_TRANSPOSED_ORDER ? dz.transposeMultiply(inputs.get(i))
                    : inputs.get(i).transposeMultiply(dz);
            weightGradients[i] = flatten(dw);
            double[] db = dz.columnSums();
            if (mistake == Mistake.BIAS_AVERAGED) {
                for (int j = 0; j < db.length; j++) {
                    db[j] /= dz.rows();
                }
            }
            biasGradients[i] = db;
            Matrix w = mistake == Mistake.SLIDE_HIDDEN_FORMULA ? layer.weights().map(v -> 1.0) : layer.weights();
            grad = dz.multiplyTranspose(w);
        }
        List<Double> flat = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            for (double v : weightGradients[i]) {
                flat.add(v);
            }
            for (double v : biasGradients[i]) {
                flat.add(v);
            }
        }
        return flat.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] flatten(Matrix m) {
        double[] out = new double[m.rows() * m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            System.arraycopy(m.row(r), 0, out, r * m.cols(), m.cols());
        }
        return out;
    }
}
