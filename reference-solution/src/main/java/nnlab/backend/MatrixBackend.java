package nnlab.backend;

/**
 * The seam between the reference solution's matrix arithmetic and the hardware that runs it.
 *
 * <p>Every operation works on dense row-major {@code double[]} buffers that the caller allocates; an implementation
 * writes only into {@code out} (or {@code c}) and never keeps a reference to any buffer after it returns. All
 * implementations must agree with {@link JavaBackend} to rounding, which is the plain twin of every fast kernel.
 */
public interface MatrixBackend {

    /** Returns a short, stable name for logs and reports, e.g. {@code "java"}. */
    String name();

    /**
     * Computes {@code c = op(a) · op(b)} where {@code op(a)} is {@code m × k} and {@code op(b)} is {@code k × n}.
     *
     * @param a          {@code m × k} row-major, or {@code k × m} when {@code transposeA}
     * @param transposeA whether {@code a} is stored transposed
     * @param b          {@code k × n} row-major, or {@code n × k} when {@code transposeB}
     * @param transposeB whether {@code b} is stored transposed
     * @param c          the {@code m × n} result, overwritten
     */
    void multiply(double[] a, boolean transposeA, double[] b, boolean transposeB, double[] c, int m, int k, int n);

    /** Computes {@code out[i] = a[i] op b[i]} for every index; the three arrays have the same length. */
    void elementwise(ElementwiseOp op, double[] a, double[] b, double[] out);

    /** Computes {@code out[i] = a[i] · factor} for every index. */
    void scale(double[] a, double factor, double[] out);

    /** Computes {@code out[r][c] = a[r][c] + row[c]}: broadcasts a row vector over a {@code rows × cols} matrix. */
    void addRowVector(double[] a, double[] row, double[] out, int rows, int cols);

    /** Computes {@code out[c] = Σ_r a[r][c]} for a {@code rows × cols} matrix. */
    void columnSums(double[] a, double[] out, int rows, int cols);

    /**
     * Copies the receptive fields of the images into the rows of {@code columns} (im2col), as {@link ConvGeometry}
     * lays them out; padding positions become 0. A convolution is then one product of {@code columns} with the kernel.
     *
     * @param images  {@code geometry.imageSize()} values, (b, h, w, c) row-major
     * @param columns the {@code geometry.rows() × geometry.patch()} result, overwritten
     */
    void im2col(double[] images, double[] columns, ConvGeometry geometry);

    /**
     * The adjoint of {@link #im2col} (col2im): every image value receives the sum of the column entries copied from
     * it, added in increasing row order; padding entries are dropped and uncovered positions get 0.
     *
     * @param columns {@code geometry.rows() × geometry.patch()} values
     * @param images  the {@code geometry.imageSize()} result, overwritten
     */
    void col2im(double[] columns, double[] images, ConvGeometry geometry);
}
