package nnlab.backend;

import java.util.Arrays;

/**
 * Plain-Java loops: the backend that always works and the twin every accelerated kernel is checked against.
 *
 * <p>The product uses the i-k-j loop order so the innermost loop walks both {@code b} and {@code c} contiguously.
 */
public final class JavaBackend implements MatrixBackend {

    /** The single instance; the class holds no state. */
    public static final JavaBackend INSTANCE = new JavaBackend();

    private JavaBackend() {
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void multiply(double[] a, boolean transposeA, double[] b, boolean transposeB, double[] c,
                         int m, int k, int n) {
        Arrays.fill(c, 0, m * n, 0.0);
        for (int i = 0; i < m; i++) {
            int cRow = i * n;
            for (int p = 0; p < k; p++) {
                double aip = transposeA ? a[p * m + i] : a[i * k + p];
                if (transposeB) {
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[j * k + p];
                    }
                } else {
                    int bRow = p * n;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[bRow + j];
                    }
                }
            }
        }
    }

    @Override
    public void elementwise(ElementwiseOp op, double[] a, double[] b, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = op.apply(a[i], b[i]);
        }
    }

    @Override
    public void scale(double[] a, double factor, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] * factor;
        }
    }

    @Override
    public void addRowVector(double[] a, double[] row, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[base + c] = a[base + c] + row[c];
            }
        }
    }

    @Override
    public void columnSums(double[] a, double[] out, int rows, int cols) {
        Arrays.fill(out, 0, cols, 0.0);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[c] += a[base + c];
            }
        }
    }

    @Override
    public void im2col(double[] images, double[] columns, ConvGeometry g) {
        int patch = g.patch();
        int row = 0;
        for (int b = 0; b < g.batch(); b++) {
            for (int i = 0; i < g.outHeight(); i++) {
                for (int j = 0; j < g.outWidth(); j++) {
                    int q = row * patch;
                    for (int di = 0; di < g.kernelHeight(); di++) {
                        int y = i * g.stride() + di - g.padTop();
                        for (int dj = 0; dj < g.kernelWidth(); dj++) {
                            int x = j * g.stride() + dj - g.padLeft();
                            boolean inside = y >= 0 && y < g.height() && x >= 0 && x < g.width();
                            int at = ((b * g.height() + y) * g.width() + x) * g.channels();
                            for (int c = 0; c < g.channels(); c++) {
                                columns[q++] = inside ? images[at + c] : 0.0;
                            }
                        }
                    }
                    row++;
                }
            }
        }
    }

    /**
     * Scatters each column entry back onto the image value it was copied from, walking {@code columns} in order; so
     * each image value sums its entries in increasing row order, which {@link Col2imKernel} reproduces exactly.
     */
    @Override
    public void col2im(double[] columns, double[] images, ConvGeometry g) {
        Arrays.fill(images, 0, g.imageSize(), 0.0);
        int q = 0;
        for (int b = 0; b < g.batch(); b++) {
            for (int i = 0; i < g.outHeight(); i++) {
                for (int j = 0; j < g.outWidth(); j++) {
                    for (int di = 0; di < g.kernelHeight(); di++) {
                        int y = i * g.stride() + di - g.padTop();
                        for (int dj = 0; dj < g.kernelWidth(); dj++) {
                            int x = j * g.stride() + dj - g.padLeft();
                            if (y >= 0 && y < g.height() && x >= 0 && x < g.width()) {
                                int at = ((b * g.height() + y) * g.width() + x) * g.channels();
                                for (int c = 0; c < g.channels(); c++) {
                                    images[at + c] += columns[q + c];
                                }
                            }
                            q += g.channels();
                        }
                    }
                }
            }
        }
    }
}
