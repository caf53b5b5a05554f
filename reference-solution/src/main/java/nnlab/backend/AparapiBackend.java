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
     * <p>Measured on PoCL 3.1, 2 cores of an AMD EPYC (load average 4–5 from parallel builds), doubles, best of 7×20
     * launches after warm-up, Java vs kernel per call: product 32×64×32 (65 536 multiply-adds) 53 µs vs 126 µs;
     * 1437×64×32 (2.9 M) 2.0 ms vs 2.5 ms; 200³ (8 M) 4.0 ms vs 4.4 ms; 512³ and up the kernel is 1.4–2× faster (see
     * the benchmark). So a product pays for its launch and copies from a few million multiply-adds: 2²² (4.2 M).
     * Element-wise kernels lost at every length measured (4096: 19 µs vs 26 µs; 4 M elements: 5.0 ms vs 9.7 ms):
     * they are memory-bound and the launch copies every operand in and the result out, so the same limit keeps
     * them in Java for every matrix the reference solution builds (the largest, 1437×32, has 46 k elements).
     */
    static final long MIN_KERNEL_WORK = 1L << 22;

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
