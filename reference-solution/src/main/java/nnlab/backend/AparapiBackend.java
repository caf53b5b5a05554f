package nnlab.backend;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;

/**
 * Runs the matrix operations as Aparapi kernels on one OpenCL device, small ones and retired kernels in plain Java.
 *
 * <p>Kernel instances are created once and reused: a new instance costs milliseconds, a launch tens of microseconds.
 * Every result comes either from a kernel that verifiably ran as OpenCL on {@link #device()} or from
 * {@link JavaBackend}; see {@link KernelSlot}. Thread-safe: launches of one kernel are serialised.
 */
final class AparapiBackend implements MatrixBackend {

    /**
     * Operations with less work than this run in {@link JavaBackend}: multiply-adds for a product, elements otherwise.
     *
     * <p>Measured on PoCL 3.1, 2 cores of an AMD EPYC shared with other builds (load average 7–8), doubles, the 32/8
     * product kernel, best of 7 × 20 calls after warm-up, Java vs kernel per call: product 32×64×32 (65 536
     * multiply-adds) 48 µs vs 127 µs; 128×64×32 (262 144) 116 µs vs 127 µs; 256×64×32 (524 288) 312 µs vs 225 µs;
     * 512×64×32 (1 M) 467 µs vs 386 µs; 96³ (885 k) 366 µs vs 417 µs; 1437×64×32 (2.9 M) 1.32 ms vs 0.66 ms;
     * 128³ (2.1 M) 0.98 ms vs 0.64 ms. So a product pays for its launch and copies from about a million
     * multiply-adds: 2²⁰. Element-wise kernels lost at every length measured (4096: 10 µs vs 57 µs; 1 M elements:
     * 0.34 ms vs 1.14 ms; 4 M: 2.6 ms vs 6.4 ms): they are memory-bound and a launch copies every operand in and the
     * result out. The same limit keeps them in Java for every matrix the reference solution builds (the largest,
     * 1437×32, has 46 k elements); a library with bigger element-wise work should keep its data on the device instead.
     */
    static final long MIN_KERNEL_WORK = 1L << 20;

    /**
     * im2col and col2im run as kernels only from {@code minKernelWork} × this many column entries: 2²⁸ by default,
     * beyond every size measured, so on PoCL they stay in Java; tests (minKernelWork 0) still force them.
     *
     * <p>Measured with {@code ConvolutionBenchmark --copies-only} on PoCL 3.1, 2 cores shared with other builds (load
     * average 18), fastest runs, Java vs kernel: 3.6 M entries im2col 18.5 ms vs 135 ms, col2im 10.7 ms vs 26 ms;
     * 4.7 M entries 4.3 vs 301 and 3.5 vs 85; 26 M entries 72 vs 1488 and 81 vs 425. Like the element-wise kernels
     * they are memory-bound copies whose launch moves every operand across; the convolution's arithmetic is in the
     * products, which take the product kernel.
     */
    static final long COPY_WORK_FACTOR = 1L << 8;

    /** Work-items per work-group of the one-dimensional kernels. */
    static final int LINE_GROUP = 64;

    private final OpenCLDevice device;
    private final String name;
    private final long minKernelWork;
    private final KernelSlot<ProductKernel> product;
    private final KernelSlot<ElementwiseKernel> elementwise;
    private final KernelSlot<ScaleKernel> scale;
    private final KernelSlot<RowVectorKernel> rowVector;
    private final KernelSlot<ColumnSumsKernel> columnSums;
    private final KernelSlot<Im2colKernel> im2col;
    private final KernelSlot<Col2imKernel> col2im;

    /**
     * Creates kernels for {@code device}; {@code minKernelWork} is {@link #MIN_KERNEL_WORK} except in tests, which pass
     * 0 to force every operation through its kernel.
     *
     * @throws IllegalArgumentException if the device cannot host the kernels' work-groups
     */
    AparapiBackend(OpenCLDevice device, String name, long minKernelWork) {
        this.device = device;
        this.name = name;
        this.minKernelWork = minKernelWork;
        Ranges.requireGroup(device, ProductKernel.TILE, ProductKernel.ROWS_PER_ITEM_DIVISOR);
        Ranges.requireGroup(device, LINE_GROUP, 1);
        product = new KernelSlot<>("multiply", new ProductKernel(), device);
        elementwise = new KernelSlot<>("elementwise", new ElementwiseKernel(), device);
        scale = new KernelSlot<>("scale", new ScaleKernel(), device);
        rowVector = new KernelSlot<>("addRowVector", new RowVectorKernel(), device);
        columnSums = new KernelSlot<>("columnSums", new ColumnSumsKernel(), device);
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

    /** Returns the element-wise kernel's slot, for the device probe. */
    KernelSlot<ElementwiseKernel> elementwiseSlot() {
        return elementwise;
    }

    /** Returns the slot of the kernel that implements the {@link MatrixBackend} method {@code method}, or null. */
    KernelSlot<?> slot(String method) {
        return switch (method) {
            case "multiply" -> product;
            case "elementwise" -> elementwise;
            case "scale" -> scale;
            case "addRowVector" -> rowVector;
            case "columnSums" -> columnSums;
            case "im2col" -> im2col;
            case "col2im" -> col2im;
            default -> null;
        };
    }

    @Override
    public void multiply(double[] a, boolean transposeA, double[] b, boolean transposeB, double[] c,
                         int m, int k, int n) {
        if (useKernel(product, (long) m * k * n)) {
            synchronized (product) {
                ProductKernel kernel = product.kernel();
                kernel.bind(a, transposeA, b, transposeB, c, m, k, n);
                Range range = Ranges.grid(device, n, ceilDiv(m, ProductKernel.ROWS_PER_ITEM),
                        ProductKernel.TILE, ProductKernel.ROWS_PER_ITEM_DIVISOR);
                boolean ok = product.launch(range);
                kernel.release();
                if (ok) {
                    return;
                }
            }
        }
        JavaBackend.INSTANCE.multiply(a, transposeA, b, transposeB, c, m, k, n);
    }

    @Override
    public void elementwise(ElementwiseOp op, double[] a, double[] b, double[] out) {
        if (useKernel(elementwise, out.length)) {
            synchronized (elementwise) {
                ElementwiseKernel kernel = elementwise.kernel();
                kernel.bind(code(op), a, b, out);
                boolean ok = elementwise.launch(Ranges.line(device, out.length, LINE_GROUP));
                kernel.release();
                if (ok) {
                    return;
                }
            }
        }
        JavaBackend.INSTANCE.elementwise(op, a, b, out);
    }

    @Override
    public void scale(double[] a, double factor, double[] out) {
        if (useKernel(scale, out.length)) {
            synchronized (scale) {
                ScaleKernel kernel = scale.kernel();
                kernel.bind(a, factor, out);
                boolean ok = scale.launch(Ranges.line(device, out.length, LINE_GROUP));
                kernel.release();
                if (ok) {
                    return;
                }
            }
        }
        JavaBackend.INSTANCE.scale(a, factor, out);
    }

    @Override
    public void addRowVector(double[] a, double[] row, double[] out, int rows, int cols) {
        if (useKernel(rowVector, (long) rows * cols)) {
            synchronized (rowVector) {
                RowVectorKernel kernel = rowVector.kernel();
                kernel.bind(a, row, out, rows, cols);
                boolean ok = rowVector.launch(Ranges.line(device, rows * cols, LINE_GROUP));
                kernel.release();
                if (ok) {
                    return;
                }
            }
        }
        JavaBackend.INSTANCE.addRowVector(a, row, out, rows, cols);
    }

    @Override
    public void columnSums(double[] a, double[] out, int rows, int cols) {
        if (useKernel(columnSums, (long) rows * cols)) {
            synchronized (columnSums) {
                ColumnSumsKernel kernel = columnSums.kernel();
                kernel.bind(a, out, rows, cols);
                boolean ok = columnSums.launch(Ranges.line(device, cols, LINE_GROUP));
                kernel.release();
                if (ok) {
                    return;
                }
            }
        }
        JavaBackend.INSTANCE.columnSums(a, out, rows, cols);
    }

    @Override
    public void im2col(double[] images, double[] columns, ConvGeometry geometry) {
        long entries = (long) geometry.rows() * geometry.patch();
        if (useKernel(im2col, entries / COPY_WORK_FACTOR)) {
            synchronized (im2col) {
                Im2colKernel kernel = im2col.kernel();
                kernel.bind(images, columns, geometry);
                boolean ok = im2col.launch(Ranges.line(device, Math.toIntExact(entries), LINE_GROUP));
                kernel.release();
                if (ok) {
                    return;
                }
            }
        }
        JavaBackend.INSTANCE.im2col(images, columns, geometry);
    }

    @Override
    public void col2im(double[] columns, double[] images, ConvGeometry geometry) {
        if (useKernel(col2im, (long) geometry.rows() * geometry.patch() / COPY_WORK_FACTOR)) {
            synchronized (col2im) {
                Col2imKernel kernel = col2im.kernel();
                kernel.bind(columns, images, geometry);
                boolean ok = col2im.launch(Ranges.line(device, geometry.imageSize(), LINE_GROUP));
                kernel.release();
                if (ok) {
                    return;
                }
            }
        }
        JavaBackend.INSTANCE.col2im(columns, images, geometry);
    }

    private boolean useKernel(KernelSlot<?> slot, long work) {
        return work >= minKernelWork && slot.usable();
    }

    private static int code(ElementwiseOp op) {
        return switch (op) {
            case ADD -> ElementwiseKernel.ADD;
            case SUBTRACT -> ElementwiseKernel.SUBTRACT;
            case MULTIPLY -> ElementwiseKernel.MULTIPLY;
            case DIVIDE -> ElementwiseKernel.DIVIDE;
        };
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
