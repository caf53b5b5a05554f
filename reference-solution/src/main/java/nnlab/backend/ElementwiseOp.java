package nnlab.backend;

/** The binary element-wise operations a {@link MatrixBackend} provides. */
public enum ElementwiseOp {
    ADD, SUBTRACT, MULTIPLY, DIVIDE;

    /** Applies this operation to one pair of values: the definition every backend must reproduce. */
    public double apply(double x, double y) {
        switch (this) {
            case ADD: return x + y;
            case SUBTRACT: return x - y;
            case MULTIPLY: return x * y;
            case DIVIDE: return x / y;
            default: throw new AssertionError(this);
        }
    }
}
