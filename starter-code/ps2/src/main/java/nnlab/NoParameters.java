package nnlab;

import java.util.Objects;

/** The parameter contract of layers that have none. */
final class NoParameters {

    private NoParameters() {
    }

    static void check(double[] values, String layer) {
        Objects.requireNonNull(values, "values must not be null");
        if (values.length != 0) {
            throw new IllegalArgumentException(layer + " has no parameters but got " + values.length + "; pass an empty array.");
        }
    }
}
