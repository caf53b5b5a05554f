package nnlab;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * An immutable dense matrix of doubles; batch-major like Keras, so a batch of samples has one row per sample.
 *
 * <p>Every operation returns a new matrix and leaves its operands unchanged. Shapes are checked and a mismatch
 * throws {@link IllegalArgumentException} naming both shapes. Values may be NaN or infinite; they propagate.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    private final double[] data;

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * Returns a matrix holding a copy of {@code values}, one inner array per row.
     *
     * @throws IllegalArgumentException if {@code values} is empty, has an empty or {@code null} row, or is ragged
     */
    public static Matrix of(double[][] values) {
        Objects.requireNonNull(values, "values must not be null: pass one double[] per row");
        if (values.length == 0) {
            throw new IllegalArgumentException("A matrix needs at least one row; got an empty double[][].");
        }
        if (values[0] == null || values[0].length == 0) {
            throw new IllegalArgumentException("A matrix needs at least one column; row 0 is null or empty.");
        }
        int cols = values[0].length;
        double[] data = new double[values.length * cols];
        for (int r = 0; r < values.length; r++) {
            if (values[r] == null || values[r].length != cols) {
                throw new IllegalArgumentException("Row " + r + " has " + (values[r] == null ? "no" : values[r].length)
                        + " values but row 0 has " + cols + ": every row of a matrix must have the same length.");
            }
            System.arraycopy(values[r], 0, data, r * cols, cols);
        }
        return new Matrix(values.length, cols, data);
    }

    /** Returns a {@code rows × cols} matrix of zeros. */
    public static Matrix zeros(int rows, int cols) {
        checkShape(rows, cols);
        return new Matrix(rows, cols, new double[rows * cols]);
    }

    /** Returns a {@code 1 × n} matrix holding a copy of {@code values}. */
    public static Matrix rowVector(double[] values) {
        return of(new double[][] {values});
    }

    /** Returns an {@code n × 1} matrix holding a copy of {@code values}. */
    public static Matrix columnVector(double[] values) {
        Objects.requireNonNull(values, "values must not be null");
        checkShape(values.length, 1);
        return new Matrix(values.length, 1, values.clone());
    }

    /** Returns the number of rows (samples, in a batch). */
    public int rows() {
        return rows;
    }

    /** Returns the number of columns (features or units). */
    public int cols() {
        return cols;
    }

    /** Returns the value at row {@code r}, column {@code c} (both zero-based). */
    public double get(int r, int c) {
        Objects.checkIndex(r, rows);
        Objects.checkIndex(c, cols);
        return data[r * cols + c];
    }

    /** Returns a copy of row {@code r}. */
    public double[] row(int r) {
        Objects.checkIndex(r, rows);
        return Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
    }

    /** Returns a copy of column {@code c}. */
    public double[] column(int c) {
        Objects.checkIndex(c, cols);
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = data[r * cols + c];
        }
        return out;
    }

    /** Returns a new matrix made of the rows at {@code indices}, in that order; indices may repeat. */
    public Matrix selectRows(int[] indices) {
        Objects.requireNonNull(indices, "indices must not be null");
        checkShape(indices.length, cols);
        double[] out = new double[indices.length * cols];
        for (int i = 0; i < indices.length; i++) {
            Objects.checkIndex(indices[i], rows);
            System.arraycopy(data, indices[i] * cols, out, i * cols, cols);
        }
        return new Matrix(indices.length, cols, out);
    }

    /** Returns a fresh {@code double[rows][cols]} copy of this matrix. */
    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
        }
        return out;
    }

    /** Returns the matrix product {@code this · other}; requires {@code cols() == other.rows()}. */
    public Matrix multiply(Matrix other) {
        if (cols != other.rows) {
            throw shapeMismatch("multiply", other, "this.cols == other.rows");
        }
        return product(false, other, false, rows, cols, other.cols);
    }

    /** Returns {@code thisᵀ · other} without forming the transpose; requires {@code rows() == other.rows()}. */
    public Matrix transposeMultiply(Matrix other) {
        if (rows != other.rows) {
            throw shapeMismatch("transposeMultiply", other, "this.rows == other.rows");
        }
        return product(true, other, false, cols, rows, other.cols);
    }

    /** Returns {@code this · otherᵀ} without forming the transpose; requires {@code cols() == other.cols()}. */
    public Matrix multiplyTranspose(Matrix other) {
        if (cols != other.cols) {
            throw shapeMismatch("multiplyTranspose", other, "this.cols == other.cols");
        }
        return product(false, other, true, rows, cols, other.rows);
    }

    /**
     * Computes op(this) · op(other) with op(this) m × k and op(other) k × n. The i-k-j loop order keeps the innermost
     * loop walking the output row contiguously.
     */
    private Matrix product(boolean transposeThis, Matrix other, boolean transposeOther, int m, int k, int n) {
        double[] a = data;
        double[] b = other.data;
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            int outRow = i * n;
            for (int p = 0; p < k; p++) {
                double aip = transposeThis ? a[p * m + i] : a[i * k + p];
                for (int j = 0; j < n; j++) {
                    out[outRow + j] += aip * (transposeOther ? b[j * k + p] : b[p * n + j]);
                }
            }
        }
        return new Matrix(m, n, out);
    }

    /** Returns the transpose, a {@code cols() × rows()} matrix. */
    public Matrix transpose() {
        double[] out = new double[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = data[r * cols + c];
            }
        }
        return new Matrix(cols, rows, out);
    }

    /** Returns the element-wise sum; shapes must be equal. */
    public Matrix plus(Matrix other) {
        return elementwise((x, y) -> x + y, other, "plus");
    }

    /** Returns the element-wise difference {@code this − other}; shapes must be equal. */
    public Matrix minus(Matrix other) {
        return elementwise((x, y) -> x - y, other, "minus");
    }

    /** Returns the element-wise (Hadamard) product; shapes must be equal. */
    public Matrix times(Matrix other) {
        return elementwise((x, y) -> x * y, other, "times");
    }

    /** Returns the element-wise quotient {@code this / other}; shapes must be equal. */
    public Matrix divide(Matrix other) {
        return elementwise((x, y) -> x / y, other, "divide");
    }

    private Matrix elementwise(DoubleBinaryOperator op, Matrix other, String name) {
        if (rows != other.rows || cols != other.cols) {
            throw shapeMismatch(name, other, "equal shapes");
        }
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = op.applyAsDouble(data[i], other.data[i]);
        }
        return new Matrix(rows, cols, out);
    }

    /** Returns every element multiplied by {@code factor}. */
    public Matrix scale(double factor) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] * factor;
        }
        return new Matrix(rows, cols, out);
    }

    /** Returns {@code f} applied to every element. */
    public Matrix map(DoubleUnaryOperator f) {
        Objects.requireNonNull(f, "f must not be null");
        double[] out = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = f.applyAsDouble(data[i]);
        }
        return new Matrix(rows, cols, out);
    }

    /** Returns this matrix with {@code row} added to every row (Keras-style broadcast of a bias). */
    public Matrix plusRowVector(double[] row) {
        Objects.requireNonNull(row, "row must not be null");
        if (row.length != cols) {
            throw new IllegalArgumentException("plusRowVector: the row has " + row.length + " values but the matrix is "
                    + shape() + "; the row needs one value per column.");
        }
        double[] out = new double[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = data[r * cols + c] + row[c];
            }
        }
        return new Matrix(rows, cols, out);
    }

    /** Returns the sum of each column, one value per column (e.g. a bias gradient summed over the batch). */
    public double[] columnSums() {
        double[] out = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c] += data[r * cols + c];
            }
        }
        return out;
    }

    /** Returns the sum of every element. */
    public double sum() {
        double total = 0;
        for (double v : data) {
            total += v;
        }
        return total;
    }

    /** Returns the shape as {@code "rows×cols"}, for messages. */
    public String shape() {
        return rows + "×" + cols;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && rows == m.rows && cols == m.cols && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    /** Returns the shape and the values, rows on separate lines. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix ").append(shape()).append(" [");
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "" : ",").append("\n  ").append(Arrays.toString(Arrays.copyOfRange(data, r * cols, (r + 1) * cols)));
        }
        return sb.append("\n]").toString();
    }

    private IllegalArgumentException shapeMismatch(String operation, Matrix other, String rule) {
        return new IllegalArgumentException(operation + ": shapes " + shape() + " and " + other.shape()
                + " do not fit (needs " + rule + ").");
    }

    private static void checkShape(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("A matrix needs at least one row and one column; got " + rows + "×" + cols + ".");
        }
    }
}
