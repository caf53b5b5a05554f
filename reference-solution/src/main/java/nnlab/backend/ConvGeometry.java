package nnlab.backend;

/**
 * The shape of one 2-D convolution over a batch of channels-last images, for {@link MatrixBackend#im2col} and
 * {@link MatrixBackend#col2im}.
 *
 * <p>The column matrix has one row per output position, {@link #rows()} = batch·outHeight·outWidth, ordered
 * (b, i, j) row-major, and one column per kernel entry, {@link #patch()} = kernelHeight·kernelWidth·channels, ordered
 * (di, dj, c) row-major. Entry (row (b, i, j), column (di, dj, c)) is the image value at
 * (b, i·stride + di − padTop, j·stride + dj − padLeft, c), or 0 where that position lies in the padding.
 */
public record ConvGeometry(int batch, int height, int width, int channels, int kernelHeight, int kernelWidth,
                           int stride, int padTop, int padLeft, int outHeight, int outWidth) {

    /** Checks that every size is positive and the padding is not negative. */
    public ConvGeometry {
        if (batch < 1 || height < 1 || width < 1 || channels < 1 || kernelHeight < 1 || kernelWidth < 1 || stride < 1
                || outHeight < 1 || outWidth < 1 || padTop < 0 || padLeft < 0) {
            throw new IllegalArgumentException("Invalid convolution geometry " + this + ": sizes must be ≥ 1, padding ≥ 0.");
        }
    }

    /** Returns the number of rows of the column matrix: one per output position. */
    public int rows() {
        return batch * outHeight * outWidth;
    }

    /** Returns the number of columns of the column matrix: one per kernel entry. */
    public int patch() {
        return kernelHeight * kernelWidth * channels;
    }

    /** Returns the number of image values, batch·height·width·channels. */
    public int imageSize() {
        return batch * height * width * channels;
    }
}
