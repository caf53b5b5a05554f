package nnlab.ps2.grading;

/**
 * An independent implementation of the convolution and pooling maths of Part 3 on plain arrays (batch, height, width,
 * channels), with switches for the typical mistakes: the hidden tests compute what a mistaken submission would return
 * from the same inputs, to name the mistake, and the self-tests check it against the reference. Kernels are Keras's
 * (kernel height, kernel width, input channels, filters).
 */
final class ConvMaths {

    /** A convolution's geometry and the mistakes it may make. */
    record Conv(int strideH, int strideW, boolean same, boolean flipped, boolean padTopLeft, boolean strideIgnoredBackward) {
        static Conv of(int strideH, int strideW, boolean same) {
            return new Conv(strideH, strideW, same, false, false, false);
        }

        Conv flippedKernel() {
            return new Conv(strideH, strideW, same, true, padTopLeft, strideIgnoredBackward);
        }

        Conv paddingTopLeft() {
            return new Conv(strideH, strideW, same, flipped, true, strideIgnoredBackward);
        }

        Conv strideIgnoredInBackward() {
            return new Conv(strideH, strideW, same, flipped, padTopLeft, true);
        }

        /** The output size along one axis: ⌈n / s⌉ for "same", ⌊(n − k) / s⌋ + 1 for "valid". */
        static int outputSize(int n, int k, int s, boolean same) {
            return same ? (n + s - 1) / s : (n - k) / s + 1;
        }

        /** The padding before the first row (or column): the smaller half of the total, as Keras does. */
        int padBefore(int n, int k, int s) {
            if (!same) {
                return 0;
            }
            int total = Math.max((outputSize(n, k, s, true) - 1) * s + k - n, 0);
            return padTopLeft ? total - total / 2 : total / 2;
        }
    }

    /** The gradients of a convolution: ∂L/∂X, ∂L/∂K, ∂L/∂b. */
    record ConvGradients(double[][][][] dx, double[][][][] dKernel, double[] dBias) {
    }

    private ConvMaths() {
    }

    /** Z = X ⋆ K + b (cross-correlation, no activation). */
    static double[][][][] conv(double[][][][] x, double[][][][] kernel, double[] bias, Conv c) {
        int batch = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        int cin = x[0][0][0].length;
        int kh = kernel.length;
        int kw = kernel[0].length;
        int filters = bias.length;
        int oh = Conv.outputSize(h, kh, c.strideH(), c.same());
        int ow = Conv.outputSize(w, kw, c.strideW(), c.same());
        int top = c.padBefore(h, kh, c.strideH());
        int left = c.padBefore(w, kw, c.strideW());
        double[][][][] z = new double[batch][oh][ow][filters];
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int f = 0; f < filters; f++) {
                        double sum = bias[f];
                        for (int di = 0; di < kh; di++) {
                            for (int dj = 0; dj < kw; dj++) {
                                int r = i * c.strideH() + di - top;
                                int q = j * c.strideW() + dj - left;
                                if (r < 0 || r >= h || q < 0 || q >= w) {
                                    continue;
                                }
                                int ki = c.flipped() ? kh - 1 - di : di;
                                int kj = c.flipped() ? kw - 1 - dj : dj;
                                for (int ch = 0; ch < cin; ch++) {
                                    sum += x[n][r][q][ch] * kernel[ki][kj][ch][f];
                                }
                            }
                        }
                        z[n][i][j][f] = sum;
                    }
                }
            }
        }
        return z;
    }

    /** The gradients of {@link #conv} given ∂L/∂Z. */
    static ConvGradients convBackward(double[][][][] x, double[][][][] kernel, double[][][][] dz, Conv c) {
        int batch = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        int cin = x[0][0][0].length;
        int kh = kernel.length;
        int kw = kernel[0].length;
        int filters = kernel[0][0][0].length;
        int oh = dz[0].length;
        int ow = dz[0][0].length;
        int sh = c.strideIgnoredBackward() ? 1 : c.strideH();
        int sw = c.strideIgnoredBackward() ? 1 : c.strideW();
        int top = c.padBefore(h, kh, c.strideH());
        int left = c.padBefore(w, kw, c.strideW());
        double[][][][] dx = new double[batch][h][w][cin];
        double[][][][] dk = new double[kh][kw][cin][filters];
        double[] db = new double[filters];
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int f = 0; f < filters; f++) {
                        double g = dz[n][i][j][f];
                        db[f] += g;
                        for (int di = 0; di < kh; di++) {
                            for (int dj = 0; dj < kw; dj++) {
                                int r = i * sh + di - top;
                                int q = j * sw + dj - left;
                                if (r < 0 || r >= h || q < 0 || q >= w) {
                                    continue;
                                }
                                int ki = c.flipped() ? kh - 1 - di : di;
                                int kj = c.flipped() ? kw - 1 - dj : dj;
                                for (int ch = 0; ch < cin; ch++) {
                                    dx[n][r][q][ch] += g * kernel[ki][kj][ch][f];
                                    dk[ki][kj][ch][f] += g * x[n][r][q][ch];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new ConvGradients(dx, dk, db);
    }

    /** Max pooling with "valid" windows. */
    static double[][][][] maxPool(double[][][][] x, int poolH, int poolW, int strideH, int strideW) {
        int oh = (x[0].length - poolH) / strideH + 1;
        int ow = (x[0][0].length - poolW) / strideW + 1;
        int channels = x[0][0][0].length;
        double[][][][] out = new double[x.length][oh][ow][channels];
        for (int n = 0; n < x.length; n++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int ch = 0; ch < channels; ch++) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int di = 0; di < poolH; di++) {
                            for (int dj = 0; dj < poolW; dj++) {
                                max = Math.max(max, x[n][i * strideH + di][j * strideW + dj][ch]);
                            }
                        }
                        out[n][i][j][ch] = max;
                    }
                }
            }
        }
        return out;
    }

    /**
     * How a pooling backward pass shares a window's gradient among the window's maxima: FIRST is right, the others
     * are catalogued mistakes (OVERWRITE: the first maximum, but set instead of added where windows overlap).
     */
    enum Ties { FIRST, LAST, EVERY, OVERWRITE }

    /** ∂L/∂X of {@link #maxPool} given ∂L/∂Y: each window's gradient goes to its maximum, "first" in row-major order. */
    static double[][][][] maxPoolBackward(double[][][][] x, double[][][][] dy, int poolH, int poolW, int strideH,
                                          int strideW, Ties ties) {
        int channels = x[0][0][0].length;
        double[][][][] dx = new double[x.length][x[0].length][x[0][0].length][channels];
        for (int n = 0; n < x.length; n++) {
            for (int i = 0; i < dy[0].length; i++) {
                for (int j = 0; j < dy[0][0].length; j++) {
                    for (int ch = 0; ch < channels; ch++) {
                        double max = Double.NEGATIVE_INFINITY;
                        int bestR = -1;
                        int bestQ = -1;
                        for (int di = 0; di < poolH; di++) {
                            for (int dj = 0; dj < poolW; dj++) {
                                double v = x[n][i * strideH + di][j * strideW + dj][ch];
                                if (v > max || (ties == Ties.LAST && v == max)) {
                                    max = v;
                                    bestR = i * strideH + di;
                                    bestQ = j * strideW + dj;
                                }
                            }
                        }
                        if (ties == Ties.EVERY) {
                            for (int di = 0; di < poolH; di++) {
                                for (int dj = 0; dj < poolW; dj++) {
                                    if (x[n][i * strideH + di][j * strideW + dj][ch] == max) {
                                        dx[n][i * strideH + di][j * strideW + dj][ch] += dy[n][i][j][ch];
                                    }
                                }
                            }
                        } else if (ties == Ties.OVERWRITE) {
                            dx[n][bestR][bestQ][ch] = dy[n][i][j][ch];
                        } else {
                            dx[n][bestR][bestQ][ch] += dy[n][i][j][ch];
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** Σ a ⊙ g over every entry: the loss whose gradient with respect to a is g. */
    static double weightedSum(double[][][][] a, double[][][][] g) {
        double total = 0;
        for (int n = 0; n < a.length; n++) {
            for (int i = 0; i < a[n].length; i++) {
                for (int j = 0; j < a[n][i].length; j++) {
                    for (int c = 0; c < a[n][i][j].length; c++) {
                        total += a[n][i][j][c] * g[n][i][j][c];
                    }
                }
            }
        }
        return total;
    }

    /** The entries in row-major order. */
    static double[] flatten(double[][][][] t) {
        return java.util.Arrays.stream(t).flatMap(java.util.Arrays::stream).flatMap(java.util.Arrays::stream)
                .flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    /** The inverse of {@link #flatten} for the shape (d0, d1, d2, d3). */
    static double[][][][] unflatten(double[] flat, int d0, int d1, int d2, int d3) {
        double[][][][] t = new double[d0][d1][d2][d3];
        int k = 0;
        for (double[][][] a : t) {
            for (double[][] b : a) {
                for (double[] c : b) {
                    for (int i = 0; i < d3; i++) {
                        c[i] = flat[k++];
                    }
                }
            }
        }
        return t;
    }
}
