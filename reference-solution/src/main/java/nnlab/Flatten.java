//@file since ps2
package nnlab;

import java.util.Objects;
import java.util.Random;

/**
 * Reshapes images {@code (b, h, w, c)} into rows {@code (b, h·w·c)} in row-major order (channels fastest, Keras's
 * channels-last order); a rank-2 input passes through unchanged. No parameters.
 */
public final class Flatten implements Layer {

    private int[] lastShape;

    @Override
    public Tensor forward(Tensor input, boolean training, Random random) {
        Objects.requireNonNull(input, "input must not be null");
        lastShape = input.shape();
        if (input.rank() == 2) {
            return input;
        }
        return input.reshape(lastShape[0], input.size() / lastShape[0]);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Objects.requireNonNull(gradOutput, "gradOutput must not be null");
        if (lastShape == null) {
            throw new IllegalStateException("backward needs the shape of the last forward batch: call forward first.");
        }
        return gradOutput.reshape(lastShape);
    }
}
