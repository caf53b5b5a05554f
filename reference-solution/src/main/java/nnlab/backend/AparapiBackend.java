package nnlab.backend;

import java.util.Set;

import com.aparapi.device.OpenCLDevice;

/**
 * Runs matrix products as an Aparapi kernel on one OpenCL device, small products and every other operation in plain
 * Java.
 *
 * <p>The kernel instance is created once and reused: a new instance costs milliseconds, a launch tens of microseconds.
 * Every result comes either from a kernel that verifiably ran as OpenCL on {@link #device()} or from
 * {@link JavaBackend}; see {@link KernelSlot}. Thread-safe: launches of one kernel are serialised.
 */
final class AparapiBackend implements MatrixBackend {

    /**
     * Products with fewer multiply-adds than this run in {@link JavaBackend}.
     *
     * <p>Measured on PoCL 3.1, 2 cores of an AMD EPYC shared with other builds (load average 7–8), doubles, the 32/8
     * product kernel, best of 7 × 20 calls after warm-up, Java vs kernel per call: product 32×64×32 (65 536
     * multiply-adds) 48 µs vs 127 µs; 128×64×32 (262 144) 116 µs vs 127 µs; 256×64×32 (524 288) 312 µs vs 225 µs;
     * 512×64×32 (1 M) 467 µs vs 386 µs; 96³ (885 k) 366 µs vs 417 µs; 1437×64×32 (2.9 M) 1.32 ms vs 0.66 ms;
     * 128³ (2.1 M) 0.98 ms vs 0.64 ms. So a product pays for its launch and copies from about a million
     * multiply-adds: 2²⁰.
     */
    static final long MIN_KERNEL_WORK = 1L << 20;

    /**
     * The {@link MatrixBackend} operations that have no kernel and always run in {@link JavaBackend}.
     *
     * <p>They are memory-bound: a launch copies every operand in and the result out, and that costs more than the
     * one operation per element it saves. Measured with {@code mvn -B -q verify -Pbench -DskipTests -pl benchmarks
     * -am -Dbench.args=--tables=elementwise} on PoCL 3.1, 2 cores of an AMD EPYC (load average 1–2), fastest run per
     * cell, Java loop vs Aparapi kernel for {@code a + b}: 4096 elements 0.6 µs vs 18.9 µs; 65 536: 14 µs vs 43 µs;
     * 1 M: 0.30 ms vs 0.83 ms; 4 M: 3.0 ms vs 5.7 ms; 16 M: 11.5 ms vs 23.0 ms. The column-sum kernel lost by more
     * (64 columns; 1 M elements 0.36 ms vs 1.8 ms, 16 M 5.9 ms vs 64 ms). A kernel never won, so none is kept; a
     * library with larger element-wise work should keep its data on the device between operations instead.
     */
    static final Set<String> JAVA_ONLY = Set.of("elementwise", "scale", "addRowVector", "columnSums");

    /**
     * im2col and col2im run as kernels only from {@code minKernelWork} × this many column entries: 2²⁸ by default,
     * beyond every size measured, so on PoCL they stay in Java; tests (minKernelWork 0) still force them, and a device
     * that keeps a layer's data resident (a GPU run has not been measured) is where a lower factor would pay.
     *
     * <p>Measured with {@code ConvolutionBenchmark --copies-only} on PoCL 3.1, 2 cores shared with other builds (load
     * average 18), fastest runs, Java vs kernel: 3.6 M entries im2col 18.5 ms vs 135 ms, col2im 10.7 ms vs 26 ms;
     * 4.7 M entries 4.3 vs 301 and 3.5 vs 85; 26 M entries 72 vs 1488 and 81 vs 425. Like the element-wise operations
     * they are memory-bound copies whose launch moves every operand across; the convolution's arithmetic is in the
     * products, which take the product kernel.
     */
    static final long COPY_WORK_FACTOR = 1L << 8;

    /** Work-items per work-group of the one-dimensional copy kernels. */
    static final int LINE_GROUP = 64;

    private final OpenCLDevice device;
    private final String name;
    private final long minKernelWork;
    private final KernelSlot<ProductKernel> product;
    private final KernelSlot<Im2colKernel> im2col;
    private final KernelSlot<Col2imKernel> col2im;

    /**
     * Creates the product kernel for {@code device}; {@code minKernelWork} is {@link #MIN_KERNEL_WORK} except in tests,
     * which pass 0 to force every product through the kernel.
     *
     * @throws IllegalArgumentException if the device cannot host the kernel's work-groups
     */
    AparapiBackend(OpenCLDevice device, String name, long minKernelWork) {
        this.device = device;
        this.name = name;
        this.minKernelWork = minKernelWork;
        Ranges.requireGroup(device, ProductKernel.TILE, ProductKernel.ROWS_PER_ITEM_DIVISOR);
        Ranges.requireGroup(device, LINE_GROUP, 1);
        product = new KernelSlot<>("multiply", new ProductKernel(), device);
        im2col = new KernelSlot<>("im2col", new Im2colKernel(), device);
        col2im = new KernelSlot<>("col2im", new Col2imKernel(), device);
    }

    @Override
    public String name() {
        return name;
    }

    /** Returns the OpenCL device the kernels run on. */
    OpenCLDevice device() {
        return device;
    }

    /** Returns the slot of the kernel that implements the {@link MatrixBackend} method {@code method}, or null. */
    KernelSlot<?> slot(String method) {
        return switch (method) {
            case "multiply" -> product;
            case "im2col" -> im2col;
            case "col2im" -> col2im;
            default -> null;
        };
    }

    @Override
    public void multiply(double[] a, boolean transposeA, double[] b, boolean transposeB, double[] c,
                         int m, int k, int n) {
        if ((long) m * k * n < minKernelWork || !multiplyOnDevice(a, transposeA, b, transposeB, c, m, k, n)) {
            JavaBackend.INSTANCE.multiply(a, transposeA, b, transposeB, c, m, k, n);
        }
    }

    /**
     * Computes the product with the kernel whatever its size and returns whether it ran as OpenCL on
     * {@link #device()}; on {@code false} {@code c} holds garbage. The device probe uses it too.
     */
    boolean multiplyOnDevice(double[] a, boolean transposeA, double[] b, boolean transposeB, double[] c,
                             int m, int k, int n) {
        return product.run(kernel -> kernel.bind(a, transposeA, b, transposeB, c, m, k, n),
                () -> Ranges.grid(device, n, ceilDiv(m, ProductKernel.ROWS_PER_ITEM),
                        ProductKernel.TILE, ProductKernel.ROWS_PER_ITEM_DIVISOR));
    }

    @Override
    public void elementwise(ElementwiseOp op, double[] a, double[] b, double[] out) {
        JavaBackend.INSTANCE.elementwise(op, a, b, out);
    }

    @Override
    public void scale(double[] a, double factor, double[] out) {
        JavaBackend.INSTANCE.scale(a, factor, out);
    }

    @Override
    public void addRowVector(double[] a, double[] row, double[] out, int rows, int cols) {
        JavaBackend.INSTANCE.addRowVector(a, row, out, rows, cols);
    }

    @Override
    public void columnSums(double[] a, double[] out, int rows, int cols) {
        JavaBackend.INSTANCE.columnSums(a, out, rows, cols);
    }

    @Override
    public void im2col(double[] images, double[] columns, ConvGeometry geometry) {
        long entries = (long) geometry.rows() * geometry.patch();
        if (entries / COPY_WORK_FACTOR < minKernelWork || !im2col.run(kernel -> kernel.bind(images, columns, geometry),
                () -> Ranges.line(device, Math.toIntExact(entries), LINE_GROUP))) {
            JavaBackend.INSTANCE.im2col(images, columns, geometry);
        }
    }

    @Override
    public void col2im(double[] columns, double[] images, ConvGeometry geometry) {
        long entries = (long) geometry.rows() * geometry.patch();
        if (entries / COPY_WORK_FACTOR < minKernelWork || !col2im.run(kernel -> kernel.bind(columns, images, geometry),
                () -> Ranges.line(device, geometry.imageSize(), LINE_GROUP))) {
            JavaBackend.INSTANCE.col2im(columns, images, geometry);
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
