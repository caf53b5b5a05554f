package nnlab.backend;

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

    private static final double UNIT_ROUNDOFF = Math.scalb(1.0, -53);

    /** The MatrixBackend methods whose twin cases this class holds: the discovery test demands one per kernel. */
    static final Set<String> METHODS_WITH_TWIN_CASES = Set.of("multiply");

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

    @Nested
    class Discovery {

        @Test
        void everyKernelNamesABackendMethodWithATwinAndEveryOtherMethodIsDeclaredJavaOnly() throws Exception {
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
            Set<String> withKernel = new TreeSet<>(operations);
            withKernel.removeAll(AparapiBackend.JAVA_ONLY);
            assertTrue(operations.containsAll(AparapiBackend.JAVA_ONLY), "AparapiBackend.JAVA_ONLY names an operation"
                    + " MatrixBackend does not have: " + AparapiBackend.JAVA_ONLY);
            assertEquals(withKernel, kernelByMethod.keySet(), "every MatrixBackend operation needs one kernel, or a"
                    + " place in AparapiBackend.JAVA_ONLY with the measurement that keeps it in Java");
            assertEquals(withKernel, new TreeSet<>(METHODS_WITH_TWIN_CASES),
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
            for (String method : AparapiBackend.JAVA_ONLY) {
                assertEquals(null, backend.slot(method), method + " is declared Java-only but has a kernel slot");
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
            List<String> binds = new ArrayList<>();
            boolean first;
            boolean second;
            try {
                first = slot.run(kernel -> binds.add("first"), () -> Ranges.line(backend.device(), 4, 4));
                second = slot.run(kernel -> binds.add("second"), () -> Ranges.line(backend.device(), 4, 4));
            } finally {
                aparapi.setLevel(aparapiLevel);
                slotLog.removeHandler(capture);
                slotLog.setUseParentHandlers(true);
            }
            assertFalse(first, "a kernel that cannot be translated must not be reported as run on OpenCL");
            assertFalse(second, "a kernel that fell back once must stay off");
            assertEquals(List.of("first"), binds, "a retired kernel must not be bound or launched again");
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
