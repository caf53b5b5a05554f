package nnlab.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import com.aparapi.Kernel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Aparapi kernel against its {@link JavaBackend} twin, and the rule that no kernel goes without one. */
class KernelTwinTests {

    /**
     * Allowed product error, in units of {@code γ_k · (|op(a)| · |op(b)|)ᵢⱼ} with {@code γ_k = k·u / (1 − k·u)} and
     * {@code u = 2⁻⁵³}: the classic bound on the rounding error of a k-term dot product. Both backends sum over
     * {@code k} in the same order, but OpenCL may contract {@code acc + a·b} into one fused multiply-add, which rounds
     * once instead of twice; each result is within one bound of the exact product, so they are within two of each
     * other.
     */
    static final double PRODUCT_BOUNDS = 2.0;

    /**
     * Element-wise operations, scaling, broadcasting and column sums must match exactly: OpenCL rounds double
     * {@code + − × ÷} correctly, as Java does, and the column sums add rows in the same order.
     */
    static final double EXACT = 0.0;

    /** Two sums of the same ~10² products in different orders agree to far better than this relative slack. */
    static final double ADJOINT_TOLERANCE = 1e-12;

    private static final double UNIT_ROUNDOFF = Math.scalb(1.0, -53);

    /** The MatrixBackend methods whose twin cases this class holds: the discovery test demands one per kernel. */
    static final Set<String> METHODS_WITH_TWIN_CASES =
            Set.of("multiply", "elementwise", "scale", "addRowVector", "columnSums", "im2col", "col2im");

    /** Shapes m × k × n: the named odd ones, then seeded random ones. */
    static List<int[]> productShapes() {
        List<int[]> shapes = new ArrayList<>(List.of(
                new int[] {1, 1, 1}, new int[] {3, 7, 5}, new int[] {1000, 3, 1}, new int[] {1, 3, 1000},
                new int[] {257, 129, 65}, new int[] {16, 16, 16}, new int[] {17, 33, 15}));
        Random random = new Random(11);
        for (int i = 0; i < 4; i++) {
            shapes.add(new int[] {1 + random.nextInt(90), 1 + random.nextInt(90), 1 + random.nextInt(90)});
        }
        return shapes;
    }

    static Stream<Arguments> products() {
        return productShapes().stream().flatMap(s -> Stream.of(
                Arguments.of(s[0], s[1], s[2], false, false), Arguments.of(s[0], s[1], s[2], true, false),
                Arguments.of(s[0], s[1], s[2], false, true), Arguments.of(s[0], s[1], s[2], true, true)));
    }

    /** Shapes rows × cols for the element-wise kernels. */
    static Stream<Arguments> matrices() {
        Random random = new Random(12);
        return Stream.of(new int[] {1, 1}, new int[] {3, 7}, new int[] {1000, 3}, new int[] {257, 129},
                        new int[] {1 + random.nextInt(200), 1 + random.nextInt(200)})
                .map(s -> Arguments.of(s[0], s[1]));
    }

    /**
     * Convolution geometries (batch, height, width, channels, kh, kw, stride, same): odd and even sizes, strides
     * that do and do not divide the size, a kernel larger than the stride, and "same" padding with an odd total.
     */
    static Stream<Arguments> convolutions() {
        return Stream.of(new int[] {1, 1, 1, 1, 1, 1, 1, 0}, new int[] {2, 5, 4, 3, 3, 3, 1, 1},
                        new int[] {2, 5, 4, 3, 3, 3, 1, 0}, new int[] {3, 8, 8, 1, 3, 3, 2, 1},
                        new int[] {1, 7, 6, 2, 2, 3, 2, 1}, new int[] {2, 9, 9, 4, 4, 2, 3, 0},
                        new int[] {64, 8, 8, 8, 3, 3, 1, 1})
                .map(g -> Arguments.of(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7] == 1));
    }

    /** Builds the geometry with Keras's rules, written out here independently of nnlab.Padding. */
    static ConvGeometry geometry(int batch, int height, int width, int channels, int kh, int kw, int stride,
                                 boolean same) {
        int outH = same ? (height + stride - 1) / stride : (height - kh) / stride + 1;
        int outW = same ? (width + stride - 1) / stride : (width - kw) / stride + 1;
        int padTop = same ? Math.max((outH - 1) * stride + kh - height, 0) / 2 : 0;
        int padLeft = same ? Math.max((outW - 1) * stride + kw - width, 0) / 2 : 0;
        return new ConvGeometry(batch, height, width, channels, kh, kw, stride, padTop, padLeft, outH, outW);
    }

    @Nested
    class Convolution {

        @ParameterizedTest(name = "b={0} {1}×{2}×{3} kernel {4}×{5} stride {6} same={7}")
        @MethodSource("nnlab.backend.KernelTwinTests#convolutions")
        void im2colMatchesJavaExactly(int batch, int height, int width, int channels, int kh, int kw, int stride,
                                      boolean same) {
            AparapiBackend backend = OpenClForTests.forcedBackend();
            ConvGeometry g = geometry(batch, height, width, channels, kh, kw, stride, same);
            double[] images = gaussian(new Random(batch + 7L * height + 13L * kh), g.imageSize());
            double[] expected = new double[g.rows() * g.patch()];
            JavaBackend.INSTANCE.im2col(images, expected, g);
            double[] actual = new double[expected.length];
            Arrays.fill(actual, Double.NaN);
            OpenClForTests.runAsKernel(backend, "im2col", () -> backend.im2col(images, actual, g));
            assertArrayEquals(expected, actual, EXACT, "im2col differs from JavaBackend for " + g);
        }

        @ParameterizedTest(name = "b={0} {1}×{2}×{3} kernel {4}×{5} stride {6} same={7}")
        @MethodSource("nnlab.backend.KernelTwinTests#convolutions")
        void col2imMatchesJavaExactly(int batch, int height, int width, int channels, int kh, int kw, int stride,
                                      boolean same) {
            AparapiBackend backend = OpenClForTests.forcedBackend();
            ConvGeometry g = geometry(batch, height, width, channels, kh, kw, stride, same);
            double[] columns = gaussian(new Random(batch + 11L * width + 17L * kw), g.rows() * g.patch());
            double[] expected = new double[g.imageSize()];
            JavaBackend.INSTANCE.col2im(columns, expected, g);
            double[] actual = new double[expected.length];
            Arrays.fill(actual, Double.NaN);
            OpenClForTests.runAsKernel(backend, "col2im", () -> backend.col2im(columns, actual, g));
            assertArrayEquals(expected, actual, EXACT, "col2im differs from JavaBackend for " + g);
        }

        @Test
        void javaIm2colCopiesEachWindowAndPadsWithZeros() {
            // 1 image 3×3×1 with values 1…9, a 2×2 window, stride 2, "same": out 2×2, padding 1 at the bottom/right.
            ConvGeometry g = geometry(1, 3, 3, 1, 2, 2, 2, true);
            double[] images = {1, 2, 3, 4, 5, 6, 7, 8, 9};
            double[] columns = new double[g.rows() * g.patch()];
            JavaBackend.INSTANCE.im2col(images, columns, g);
            assertArrayEquals(new double[] {1, 2, 4, 5, 3, 0, 6, 0, 7, 8, 0, 0, 9, 0, 0, 0}, columns, EXACT);
        }

        @Test
        void javaCol2imIsTheAdjointOfIm2col() {
            // <im2col(x), c> = <x, col2im(c)> for every x and c is what makes col2im the gradient of im2col.
            ConvGeometry g = geometry(2, 5, 4, 3, 3, 2, 2, true);
            Random random = new Random(5);
            double[] x = gaussian(random, g.imageSize());
            double[] c = gaussian(random, g.rows() * g.patch());
            double[] im2col = new double[c.length];
            JavaBackend.INSTANCE.im2col(x, im2col, g);
            double[] col2im = new double[x.length];
            JavaBackend.INSTANCE.col2im(c, col2im, g);
            double left = 0;
            for (int i = 0; i < c.length; i++) {
                left += im2col[i] * c[i];
            }
            double right = 0;
            for (int i = 0; i < x.length; i++) {
                right += x[i] * col2im[i];
            }
            assertEquals(left, right, ADJOINT_TOLERANCE * (Math.abs(left) + 1));
        }
    }

    @Nested
    class Discovery {

        @Test
        void everyKernelNamesABackendMethodWithATwinAndEveryMethodHasAKernel() throws Exception {
            Map<String, String> kernelByMethod = new TreeMap<>();
            for (Class<?> kernel : kernelClasses()) {
                TwinOf twin = kernel.getAnnotation(TwinOf.class);
                assertNotNull(twin, kernel.getSimpleName() + " has no @TwinOf: name the MatrixBackend method it"
                        + " implements so it is checked against JavaBackend");
                Method java = Arrays.stream(JavaBackend.class.getDeclaredMethods())
                        .filter(m -> m.getName().equals(twin.value())).findFirst().orElse(null);
                assertNotNull(java, kernel.getSimpleName() + " names '" + twin.value()
                        + "', which JavaBackend does not implement");
                String previous = kernelByMethod.put(twin.value(), kernel.getSimpleName());
                assertEquals(null, previous, "two kernels claim " + twin.value());
            }
            Set<String> operations = new TreeSet<>();
            for (Method method : MatrixBackend.class.getDeclaredMethods()) {
                if (!method.getName().equals("name")) {
                    operations.add(method.getName());
                }
            }
            assertEquals(operations, kernelByMethod.keySet(), "every MatrixBackend operation needs one kernel");
            assertEquals(operations, new TreeSet<>(METHODS_WITH_TWIN_CASES),
                    "every kernel needs twin cases in KernelTwinTests");
        }

        @Test
        void theBackendRoutesEveryOperationThroughItsKernel() throws Exception {
            AparapiBackend backend = OpenClForTests.forcedBackend();
            for (Class<?> kernel : kernelClasses()) {
                String method = kernel.getAnnotation(TwinOf.class).value();
                KernelSlot<?> slot = backend.slot(method);
                assertNotNull(slot, "AparapiBackend has no slot for " + method);
                assertEquals(kernel, slot.kernel().getClass(), "the slot for " + method + " holds another kernel");
            }
        }

        /** The Kernel subclasses compiled into the library's nnlab.backend package (test kernels excluded). */
        private List<Class<?>> kernelClasses() throws IOException, URISyntaxException, ClassNotFoundException {
            Path dir = Path.of(MatrixBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve("nnlab/backend");
            List<Class<?>> kernels = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".class")) {
                        Class<?> type = Class.forName("nnlab.backend." + name.substring(0, name.length() - 6));
                        if (Kernel.class.isAssignableFrom(type)) {
                            kernels.add(type);
                        }
                    }
                }
            }
            assertFalse(kernels.isEmpty(), "found no kernels in " + dir);
            return kernels;
        }
    }

    @Nested
    class Product {

        @ParameterizedTest(name = "{0}×{1}×{2} transposeA={3} transposeB={4}")
        @MethodSource("nnlab.backend.KernelTwinTests#products")
        void matchesJavaWithinTheDotProductErrorBound(int m, int k, int n, boolean transposeA, boolean transposeB) {
            AparapiBackend backend = OpenClForTests.forcedBackend();
            Random random = new Random(31L * m + 17L * k + n);
            double[] a = gaussian(random, m * k);
            double[] b = gaussian(random, k * n);
            double[] expected = new double[m * n];
            JavaBackend.INSTANCE.multiply(a, transposeA, b, transposeB, expected, m, k, n);
            double[] actual = new double[m * n];
            Arrays.fill(actual, Double.NaN);
            OpenClForTests.runAsKernel(backend, "multiply",
                    () -> backend.multiply(a, transposeA, b, transposeB, actual, m, k, n));

            double[] magnitude = new double[m * n];
            JavaBackend.INSTANCE.multiply(abs(a), transposeA, abs(b), transposeB, magnitude, m, k, n);
            double gamma = k * UNIT_ROUNDOFF / (1 - k * UNIT_ROUNDOFF);
            for (int i = 0; i < expected.length; i++) {
                double allowed = PRODUCT_BOUNDS * gamma * magnitude[i];
                if (!(Math.abs(actual[i] - expected[i]) <= allowed)) {
                    fail("c[" + i / n + "][" + i % n + "] = " + actual[i] + " but Java gives " + expected[i]
                            + " (allowed difference " + allowed + ")");
                }
            }
        }
    }

    @Nested
    class Elementwise {

        @ParameterizedTest(name = "{0}×{1}")
        @MethodSource("nnlab.backend.KernelTwinTests#matrices")
        void everyOperationMatchesJavaExactly(int rows, int cols) {
            AparapiBackend backend = OpenClForTests.forcedBackend();
            Random random = new Random(rows * 1000L + cols);
            double[] a = gaussian(random, rows * cols);
            double[] b = gaussian(random, rows * cols);
            for (ElementwiseOp op : ElementwiseOp.values()) {
                assertTwins(backend, "elementwise", rows * cols, (be, out) -> be.elementwise(op, a, b, out), op.name());
            }
        }

        @ParameterizedTest(name = "{0}×{1}")
        @MethodSource("nnlab.backend.KernelTwinTests#matrices")
        void scaleMatchesJavaExactly(int rows, int cols) {
            AparapiBackend backend = OpenClForTests.forcedBackend();
            double[] a = gaussian(new Random(rows + 7L * cols), rows * cols);
            assertTwins(backend, "scale", rows * cols, (be, out) -> be.scale(a, -0.37, out), "scale");
        }

        @ParameterizedTest(name = "{0}×{1}")
        @MethodSource("nnlab.backend.KernelTwinTests#matrices")
        void rowVectorBroadcastMatchesJavaExactly(int rows, int cols) {
            AparapiBackend backend = OpenClForTests.forcedBackend();
            Random random = new Random(rows + 13L * cols);
            double[] a = gaussian(random, rows * cols);
            double[] row = gaussian(random, cols);
            assertTwins(backend, "addRowVector", rows * cols,
                    (be, out) -> be.addRowVector(a, row, out, rows, cols), "addRowVector");
        }

        @ParameterizedTest(name = "{0}×{1}")
        @MethodSource("nnlab.backend.KernelTwinTests#matrices")
        void columnSumsMatchJavaExactly(int rows, int cols) {
            AparapiBackend backend = OpenClForTests.forcedBackend();
            double[] a = gaussian(new Random(rows + 19L * cols), rows * cols);
            assertTwins(backend, "columnSums", cols, (be, out) -> be.columnSums(a, out, rows, cols), "columnSums");
        }

        @Test
        void divisionPropagatesInfinityAndNaNLikeJava() {
            AparapiBackend backend = OpenClForTests.forcedBackend();
            double[] a = {1, -1, 0, Double.NaN};
            double[] b = {0, 0, 0, 1};
            assertTwins(backend, "elementwise", 4, (be, out) -> be.elementwise(ElementwiseOp.DIVIDE, a, b, out), "÷0");
        }

        private void assertTwins(AparapiBackend backend, String method, int length,
                                 BiConsumer<MatrixBackend, double[]> operation, String what) {
            double[] expected = new double[length];
            operation.accept(JavaBackend.INSTANCE, expected);
            double[] actual = new double[length];
            Arrays.fill(actual, Double.NaN);
            OpenClForTests.runAsKernel(backend, method, () -> operation.accept(backend, actual));
            assertArrayEquals(expected, actual, EXACT, what + " differs from JavaBackend");
        }
    }

    @Nested
    class FallbackGuard {

        @Test
        void aKernelThatDidNotRunAsOpenClIsRetiredReportedAsUntrustedAndLoggedOnce() {
            AparapiBackend backend = OpenClForTests.forcedBackend();
            KernelSlot<BrokenKernel> slot = new KernelSlot<>("broken", new BrokenKernel(), backend.device());
            // Aparapi logs the expected translation failure with a long stack trace, and the slot its warning; both
            // are captured here so the test output stays readable, and the slot's is counted.
            Logger aparapi = Logger.getLogger(com.aparapi.Config.getLoggerName());
            Logger slotLog = Logger.getLogger(KernelSlot.class.getName());
            List<LogRecord> warnings = new ArrayList<>();
            Handler capture = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    warnings.add(record);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            Level aparapiLevel = aparapi.getLevel();
            aparapi.setLevel(Level.OFF);
            slotLog.setUseParentHandlers(false);
            slotLog.addHandler(capture);
            boolean first;
            boolean second;
            try {
                synchronized (slot) {
                    first = slot.launch(Ranges.line(backend.device(), 4, 4));
                    second = slot.launch(Ranges.line(backend.device(), 4, 4));
                }
            } finally {
                aparapi.setLevel(aparapiLevel);
                slotLog.removeHandler(capture);
                slotLog.setUseParentHandlers(true);
            }
            assertFalse(first, "a kernel that cannot be translated must not be reported as run on OpenCL");
            assertFalse(second, "a retired kernel must not launch again");
            assertFalse(slot.usable(), "a kernel that fell back once must stay off");
            assertEquals(0, slot.openClRuns());
            assertEquals(1, warnings.size(), "the fallback must be logged exactly once");
            assertTrue(warnings.get(0).getMessage().contains("plain Java"), warnings.get(0).getMessage());
        }

        @Test
        void invalidWorkGroupsAreRefusedBeforeLaunch() {
            AparapiBackend backend = OpenClForTests.forcedBackend();
            int tooLarge = backend.device().getMaxWorkGroupSize() + 1;
            assertThrowsMessage(() -> Ranges.requireGroup(backend.device(), tooLarge, 1), "cannot run");
        }

        private void assertThrowsMessage(Runnable action, String fragment) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, action::run);
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
        }
    }

    static double[] gaussian(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static double[] abs(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.abs(values[i]);
        }
        return out;
    }
}
