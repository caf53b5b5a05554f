package nnlab;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable array of doubles of rank 2 or 4, stored row-major (last index fastest): a batch of feature vectors
 * {@code (batch, features)}, a batch of images {@code (batch, height, width, channels)} with channels last as in Keras,
 * or a convolution kernel {@code (kh, kw, inChannels, filters)} (problem set 2).
 *
 * <p>Every operation returns a new tensor and leaves its operands unchanged; conversions to and from {@link Matrix}
 * copy values exactly. Values may be NaN or infinite; they propagate.
 */
public final class Tensor {

    private final int[] shape;
    private final double[] data;

    private Tensor(int[] shape, double[] data) {
        this.shape = shape;
        this.data = data;
    }

    /**
     * Returns a tensor of the given shape holding a copy of the row-major {@code values}.
     *
     * @throws IllegalArgumentException if the rank is not 2 or 4, a dimension is below 1, or the length does not fit
     */
    public static Tensor of(int[] shape, double[] values) {
        Objects.requireNonNull(shape, "shape must not be null");
        Objects.requireNonNull(values, "values must not be null");
        int[] copy = checkShape(shape);
        if (values.length != sizeOf(copy)) {
            throw new IllegalArgumentException("Shape " + format(copy) + " holds " + sizeOf(copy) + " values but got "
                    + values.length + "; pass exactly one value per element, row-major.");
        }
        return new Tensor(copy, values.clone());
    }

    /** Returns a tensor of zeros of the given shape (rank 2 or 4). */
    public static Tensor zeros(int... shape) {
        Objects.requireNonNull(shape, "shape must not be null");
        int[] copy = checkShape(shape);
        return new Tensor(copy, new double[sizeOf(copy)]);
    }

    /**
     * Returns a rank-4 tensor holding a copy of {@code values[b][h][w][c]}.
     *
     * @throws IllegalArgumentException if {@code values} is empty or ragged at any level
     */
    public static Tensor of(double[][][][] values) {
        Objects.requireNonNull(values, "values must not be null: pass values[batch][height][width][channels]");
        if (values.length == 0 || values[0] == null || values[0].length == 0 || values[0][0] == null
                || values[0][0].length == 0 || values[0][0][0] == null || values[0][0][0].length == 0) {
            throw new IllegalArgumentException("A rank-4 tensor needs at least one element along every axis.");
        }
        int[] shape = {values.length, values[0].length, values[0][0].length, values[0][0][0].length};
        double[] data = new double[sizeOf(shape)];
        int offset = 0;
        for (int b = 0; b < shape[0]; b++) {
            requireLength(values[b], shape[1], "values[" + b + "]");
            for (int h = 0; h < shape[1]; h++) {
                requireLength(values[b][h], shape[2], "values[" + b + "][" + h + "]");
                for (int w = 0; w < shape[2]; w++) {
                    double[] channels = values[b][h][w];
                    if (channels == null || channels.length != shape[3]) {
                        throw new IllegalArgumentException("values[" + b + "][" + h + "][" + w + "] has "
                                + (channels == null ? "no" : channels.length) + " channels but values[0][0][0] has "
                                + shape[3] + ": the array must not be ragged.");
                    }
                    System.arraycopy(channels, 0, data, offset, shape[3]);
                    offset += shape[3];
                }
            }
        }
        return new Tensor(shape, data);
    }

    /** Returns the rank-2 tensor {@code (rows, cols)} with the values of {@code m}. */
    public static Tensor fromMatrix(Matrix m) {
        Objects.requireNonNull(m, "m must not be null");
        double[] data = new double[m.rows() * m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            System.arraycopy(m.row(r), 0, data, r * m.cols(), m.cols());
        }
        return new Tensor(new int[] {m.rows(), m.cols()}, data);
    }

    /** Wraps {@code data} without copying: for the library's own layers, which never change it afterwards. */
    static Tensor wrap(int[] shape, double[] data) {
        return new Tensor(shape.clone(), data);
    }

    /** Returns the backing array without copying: for the library's own layers, which only read it. */
    double[] data() {
        return data;
    }

    /** Returns a copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Returns the number of axes, 2 or 4. */
    public int rank() {
        return shape.length;
    }

    /** Returns the length of axis {@code axis}. */
    public int dim(int axis) {
        Objects.checkIndex(axis, shape.length);
        return shape[axis];
    }

    /** Returns the number of elements. */
    public int size() {
        return data.length;
    }

    /** Returns the element at {@code index}, one zero-based index per axis. */
    public double get(int... index) {
        Objects.requireNonNull(index, "index must not be null");
        if (index.length != shape.length) {
            throw new IllegalArgumentException("This tensor has rank " + shape.length + " but got " + index.length
                    + " indices; pass one index per axis.");
        }
        int flat = 0;
        for (int axis = 0; axis < shape.length; axis++) {
            Objects.checkIndex(index[axis], shape[axis]);
            flat = flat * shape[axis] + index[axis];
        }
        return data[flat];
    }

    /** Returns a copy of the values in row-major order. */
    public double[] values() {
        return data.clone();
    }

    /** Returns a fresh {@code [b][h][w][c]} copy of a rank-4 tensor. */
    public double[][][][] toArray4() {
        requireRank(4, "toArray4");
        double[][][][] out = new double[shape[0]][shape[1]][shape[2]][];
        int offset = 0;
        for (double[][][] image : out) {
            for (double[][] row : image) {
                for (int w = 0; w < row.length; w++) {
                    row[w] = Arrays.copyOfRange(data, offset, offset + shape[3]);
                    offset += shape[3];
                }
            }
        }
        return out;
    }

    /**
     * Returns the matrix {@code (rows, cols)} of a rank-2 tensor.
     *
     * @throws IllegalArgumentException for a rank-4 tensor: a {@link Flatten} layer turns images into rows
     */
    public Matrix toMatrix() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("toMatrix needs a rank-2 tensor but this one is " + shapeString()
                    + "; put a Flatten layer before any Dense layer that takes images.");
        }
        double[][] rows = new double[shape[0]][];
        for (int r = 0; r < shape[0]; r++) {
            rows[r] = Arrays.copyOfRange(data, r * shape[1], (r + 1) * shape[1]);
        }
        return Matrix.of(rows);
    }

    /** Returns the same values, in the same row-major order, with another shape of the same size. */
    public Tensor reshape(int... newShape) {
        Objects.requireNonNull(newShape, "shape must not be null");
        int[] copy = checkShape(newShape);
        if (sizeOf(copy) != data.length) {
            throw new IllegalArgumentException("Cannot reshape " + shapeString() + " (" + data.length + " values) to "
                    + format(copy) + " (" + sizeOf(copy) + "); the sizes must be equal.");
        }
        return new Tensor(copy, data.clone());
    }

    /** Returns the entries of axis 0 at {@code indices}, in that order; indices may repeat. */
    public Tensor selectBatch(int[] indices) {
        Objects.requireNonNull(indices, "indices must not be null");
        if (indices.length == 0) {
            throw new IllegalArgumentException("selectBatch needs at least one index.");
        }
        int stride = data.length / shape[0];
        double[] out = new double[indices.length * stride];
        for (int i = 0; i < indices.length; i++) {
            Objects.checkIndex(indices[i], shape[0]);
            System.arraycopy(data, indices[i] * stride, out, i * stride, stride);
        }
        int[] newShape = shape.clone();
        newShape[0] = indices.length;
        return new Tensor(newShape, out);
    }

    /** Returns the shape for messages, e.g. {@code (2, 8, 8, 1)}. */
    public String shapeString() {
        return format(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    /** Returns the shape and the row-major values. */
    @Override
    public String toString() {
        return "Tensor " + shapeString() + " " + Arrays.toString(data);
    }

    void requireRank(int rank, String operation) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(operation + " needs a rank-" + rank + " tensor but got " + shapeString()
                    + (rank == 4 ? "; images are (batch, height, width, channels): reshape them first." : "."));
        }
    }

    private static int[] checkShape(int[] shape) {
        if (shape.length != 2 && shape.length != 4) {
            throw new IllegalArgumentException("A tensor has rank 2 (batch, features) or 4 (batch, height, width, "
                    + "channels); got the shape " + format(shape) + ".");
        }
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("Every axis needs length ≥ 1; got the shape " + format(shape) + ".");
            }
        }
        sizeOf(shape);
        return shape.clone();
    }

    private static int sizeOf(int[] shape) {
        int size = 1;
        for (int d : shape) {
            size = Math.multiplyExact(size, d);
        }
        return size;
    }

    private static void requireLength(Object[] values, int length, String what) {
        if (values == null || values.length != length) {
            throw new IllegalArgumentException(what + " has " + (values == null ? "no" : values.length)
                    + " entries but the first has " + length + ": the array must not be ragged.");
        }
    }

    private static String format(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }
}
