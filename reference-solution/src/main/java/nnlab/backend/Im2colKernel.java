package nnlab.backend;

import com.aparapi.Kernel;

/**
 * im2col, one work-item per entry of the column matrix: it copies one image value, or writes 0 in the padding.
 *
 * <p>A pure copy, so the result is identical to {@link JavaBackend#im2col}.
 */
@TwinOf("im2col")
final class Im2colKernel extends Kernel {

    double[] images = KernelSlot.PLACEHOLDER;
    double[] columns = KernelSlot.PLACEHOLDER;
    int height;
    int width;
    int channels;
    int kernelWidth;
    int stride;
    int padTop;
    int padLeft;
    int outHeight;
    int outWidth;
    int patch;
    int total;

    void bind(double[] images, double[] columns, ConvGeometry g) {
        this.images = images;
        this.columns = columns;
        this.height = g.height();
        this.width = g.width();
        this.channels = g.channels();
        this.kernelWidth = g.kernelWidth();
        this.stride = g.stride();
        this.padTop = g.padTop();
        this.padLeft = g.padLeft();
        this.outHeight = g.outHeight();
        this.outWidth = g.outWidth();
        this.patch = g.patch();
        this.total = g.rows() * g.patch();
    }

    /** Drops the references to the caller's buffers, so the kernel keeps none between launches. */
    void release() {
        images = KernelSlot.PLACEHOLDER;
        columns = KernelSlot.PLACEHOLDER;
    }

    @Override
    public void run() {
        int index = getGlobalId();
        if (index < total) {
            int row = index / patch;
            int q = index % patch;
            int j = row % outWidth;
            int i = (row / outWidth) % outHeight;
            int b = row / (outWidth * outHeight);
            int c = q % channels;
            int dj = (q / channels) % kernelWidth;
            int di = q / (channels * kernelWidth);
            int y = i * stride + di - padTop;
            int x = j * stride + dj - padLeft;
            double value = 0.0;
            if (y >= 0 && y < height && x >= 0 && x < width) {
                value = images[((b * height + y) * width + x) * channels + c];
            }
            columns[index] = value;
        }
    }
}
