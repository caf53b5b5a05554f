package nnlab;

import java.util.Objects;

/** Argument checks shared by the optimizers, so each message says the same thing the same way. */
final class OptimizerChecks {

    private OptimizerChecks() {
    }

    static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number ≥ 0, got " + value + ".");
        }
        return value;
    }

    static double fraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value + ".");
        }
        return value;
    }

    /**
     * Checks one update call's arguments against the length the optimizer's state was sized for ({@code -1} before
     * the first call) and returns the length to keep.
     */
    static int lengths(double[] parameters, double[] gradient, int stateLength) {
        Objects.requireNonNull(parameters, "parameters must not be null");
        Objects.requireNonNull(gradient, "gradient must not be null");
        if (parameters.length != gradient.length) {
            throw new IllegalArgumentException("parameters has " + parameters.length + " entries but gradient has "
                    + gradient.length + "; they must match one to one.");
        }
        if (stateLength >= 0 && stateLength != parameters.length) {
            throw new IllegalArgumentException("This optimizer's state is sized for " + stateLength + " parameters but got "
                    + parameters.length + ": use a new optimizer instance for each model.");
        }
        return parameters.length;
    }
}
