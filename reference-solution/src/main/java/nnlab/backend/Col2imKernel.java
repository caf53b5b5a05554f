package nnlab.backend;

import com.aparapi.Kernel;

/**
 * col2im, one work-item per image value: it gathers the column entries copied from that value, so no two work-items
 * write the same place and no atomics are needed.
 *
 * <p>The entries are added in increasing order of their output position (i, j), i.e. decreasing (di, dj): the order
 * in which {@link JavaBackend#col2im} scatters them, so the result is identical to it.
 */
@TwinOf("col2im")
final class Col2imKernel extends Kernel {

    double[] columns = KernelSlot.PLACEHOLDER;
    double[] images = KernelSlot.PLACEHOLDER;
    int height;
    int width;
    int channels;
    int kernelHeight;
    int kernelWidth;
    int stride;
    int padTop;
    int padLeft;
    int outHeight;
    int outWidth;
    int patch;
    int total;

    void bind(double[] columns, double[] images, ConvGeometry g) {
        this.columns = columns;
        this.images = images;
        this.height = g.height();
        this.width = g.width();
        this.channels = g.channels();
        this.kernelHeight = g.kernelHeight();
        this.kernelWidth = g.kernelWidth();
        this.stride = g.stride();
        this.padTop = g.padTop();
        this.padLeft = g.padLeft();
        this.outHeight = g.outHeight();
        this.outWidth = g.outWidth();
        this.patch = g.patch();
        this.total = g.imageSize();
    }

    /** Drops the references to the caller's buffers, so the kernel keeps none between launches. */
    void release() {
        columns = KernelSlot.PLACEHOLDER;
        images = KernelSlot.PLACEHOLDER;
    }

    @Override
    public void run() {
        int index = getGlobalId();
        if (index < total) {
            int c = index % channels;
            int x = (index / channels) % width;
            int y = (index / (channels * width)) % height;
            int b = index / (channels * width * height);
            double sum = 0.0;
            for (int di = kernelHeight - 1; di >= 0; di--) {
                int iStride = y + padTop - di;
                if (iStride >= 0 && iStride % stride == 0 && iStride / stride < outHeight) {
                    int i = iStride / stride;
                    for (int dj = kernelWidth - 1; dj >= 0; dj--) {
                        int jStride = x + padLeft - dj;
                        if (jStride >= 0 && jStride % stride == 0 && jStride / stride < outWidth) {
                            int j = jStride / stride;
                            sum += columns[((b * outHeight + i) * outWidth + j) * patch
                                    + (di * kernelWidth + dj) * channels + c];
                        }
                    }
                }
            }
            images[index] = sum;
        }
    }
}
