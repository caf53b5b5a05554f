package nnlab.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import nnlab.Dataset;
import nnlab.Matrix;
import nnlab.Sequential;
import nnlab.backend.Backends;
import nnlab.backend.ElementwiseOp;
import nnlab.backend.JavaBackend;
import nnlab.backend.MatrixBackend;
import nnlab.demo.Recipes;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints two tables: matrix-product GFLOP/s for n × n doubles, and reference training throughput on digits.
 *
 * <p>Products: the Java backend, the backend this process chooses (Aparapi on the best OpenCL device, honouring
 * {@code nnlab.backend}), and EJML single- and multi-threaded as the yardstick. Every Aparapi result is checked
 * against EJML, so a silent fallback that computed nothing cannot pass as fast. Training: the 64-32-10 digits recipe,
 * batch 32, once per backend, each in its own JVM because the backend is chosen once per process.
 *
 * Element-wise: {@code a + b} as a plain Java loop and as an Aparapi kernel launched the way the library launches
 * its kernels, the measurement behind leaving element-wise operations to Java. {@code --help} lists the options.
 */
@Command(name = "benchmarks", sortOptions = false,
        description = "Prints matrix-product GFLOP/s, element-wise kernel times and reference training throughput.")
public final class Benchmarks implements Callable<Integer> {

    /**
     * Each cell repeats its product until this many seconds have passed, at least {@link #MIN_RUNS} times, and
     * reports its fastest run: on a shared machine the other processes only ever make a run slower, so the best run
     * is the one that says most about the code.
     */
    private static final double SECONDS_PER_CELL = 1.5;

    /** Each element-wise cell's time limit: its runs are short, and it has three columns to fill. */
    private static final double SECONDS_PER_ELEMENTWISE_CELL = 0.5;

    /** Work-items per work-group of the element-wise kernel, as in the library's one-dimensional kernels. */
    private static final int LINE_GROUP = 64;

    /** Fewest timed runs per cell; at n = 2048 the cell's time limit is reached after the first. */
    private static final int MIN_RUNS = 2;

    /** Sizes from which a cell skips its warm-up run: the JIT and the OpenCL compiler are warm by then. */
    private static final int NO_WARMUP_FROM = 1024;

    /**
     * Largest relative difference from EJML a product may show before the benchmark calls it wrong: far above
     * rounding (about 1e-13 at n = 2048) and far below anything a broken or bypassed kernel produces.
     */
    private static final double CHECK_TOLERANCE = 1e-9;

    /** Exit code of a usage error: an unknown option or a value out of range. */
    static final int USAGE = 2;

    /** The tables the benchmark can print. */
    enum Table { products, elementwise, training }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Matrix sizes n of the product table (default: ${DEFAULT-VALUE}).")
    int[] sizes = {64, 128, 256, 512, 1024, 2048};

    @Option(names = "--lengths", split = ",", paramLabel = "N",
            description = "Array lengths of the element-wise table (default: ${DEFAULT-VALUE}).")
    int[] lengths = {4096, 1 << 16, 1 << 20, 1 << 22, 1 << 24};

    @Option(names = "--epochs", paramLabel = "N",
            description = "Timed one-epoch fits per backend in the training table (default: ${DEFAULT-VALUE}).")
    int epochs = 20;

    @Option(names = "--tables", split = ",", paramLabel = "TABLE",
            description = "Which tables to print, of ${COMPLETION-CANDIDATES} (default: all).")
    EnumSet<Table> tables = EnumSet.allOf(Table.class);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Set on the child JVMs that each time one backend's training. */
    @Option(names = "--training-only", hidden = true)
    boolean trainingOnly;

    /** Runs the benchmarks and exits with {@value #USAGE} on a usage error; {@code --help} lists the options. */
    public static void main(String[] args) {
        // Maven passes -Dbench.args as one argument, an empty one when it is set to nothing.
        String[] given = Arrays.stream(args).filter(arg -> !arg.isBlank()).toArray(String[]::new);
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), given));
    }

    /**
     * Parses {@code args}, runs the benchmarks and returns the exit code: 0 done, {@value #USAGE} a usage error (one
     * line on {@code err} saying what to change), 1 a failed check. Help goes to {@code out}, the tables to standard
     * output.
     */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new Benchmarks()).setOut(out).setErr(err)
                .setParameterExceptionHandler((e, rejected) -> {
                    err.println("benchmarks: " + e.getMessage() + " (see --help for the options)");
                    err.flush();
                    return USAGE;
                }).execute(args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        requirePositive("--sizes", sizes);
        requirePositive("--lengths", lengths);
        requirePositive("--epochs", new int[] {epochs});
        if (trainingOnly) {
            System.out.printf(Locale.ROOT, "%s %.1f%n", Backends.current().name(), trainingThroughput(epochs));
            return 0;
        }
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("backend: " + Backends.current().name() + " (" + Backends.choice().reason() + ")");
        if (tables.contains(Table.products)) {
            products(sizes);
        }
        if (tables.contains(Table.elementwise)) {
            elementwise(lengths);
        }
        if (tables.contains(Table.training)) {
            training(epochs);
        }
        return 0;
    }

    private void requirePositive(String option, int[] values) {
        for (int value : values) {
            if (value < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + " takes whole numbers from 1 up,"
                        + " not " + value + ": e.g. " + option + "=" + (option.equals("--epochs") ? "20" : "256,1024"));
            }
        }
    }

    private static void products(int[] sizes) {
        MatrixBackend chosen = Backends.current();
        System.out.println();
        System.out.println("Matrix product C = A·B, n × n doubles, GFLOP/s (2n³ / fastest run; higher is better)");
        System.out.printf(Locale.ROOT, "| %5s | %10s | %14s | %10s | %10s | %8s |%n",
                "n", "java", "aparapi " + chosen.name(), "EJML 1 thr", "EJML MT", "check");
        System.out.println("|------:|-----------:|---------------:|-----------:|-----------:|---------:|");
        Random random = new Random(1);
        for (int n : sizes) {
            double[] a = uniform(random, n * n);
            double[] b = uniform(random, n * n);
            DMatrixRMaj ea = DMatrixRMaj.wrap(n, n, a);
            DMatrixRMaj eb = DMatrixRMaj.wrap(n, n, b);
            DMatrixRMaj ec = new DMatrixRMaj(n, n);
            double[] c = new double[n * n];
            boolean warm = n < NO_WARMUP_FROM;
            double java = gflops(n, warm, () -> JavaBackend.INSTANCE.multiply(a, false, b, false, c, n, n, n));
            double aparapi = gflops(n, warm, () -> chosen.multiply(a, false, b, false, c, n, n, n));
            double ejml = gflops(n, warm, () -> CommonOps_DDRM.mult(ea, eb, ec));
            double check = maxRelativeDifference(c, ec.data);
            double ejmlMt = gflops(n, warm, () -> CommonOps_MT_DDRM.mult(ea, eb, ec));
            System.out.printf(Locale.ROOT, "| %5d | %10.2f | %14.2f | %10.2f | %10.2f | %8s |%n",
                    n, java, aparapi, ejml, ejmlMt, check <= CHECK_TOLERANCE ? "ok" : String.format("%.1e", check));
            if (!(check <= CHECK_TOLERANCE)) {
                throw new IllegalStateException("the " + chosen.name() + " product at n = " + n
                        + " differs from EJML by " + check + ": the timing above is not of a correct product");
            }
        }
    }

    private static void elementwise(int[] lengths) {
        OpenCLDevice device = firstOpenClDevice();
        System.out.println();
        System.out.println("Element-wise c = a + b, doubles, µs per call (fastest run; lower is better): a Java loop,"
                + " an Aparapi kernel on " + (device == null ? "no OpenCL device" : device.getShortDescription() + " \""
                + device.getName() + "\"") + " (AparapiBackend.JAVA_ONLY keeps these operations in Java)");
        System.out.printf(Locale.ROOT, "| %9s | %10s | %10s | %8s |%n", "length", "java", "kernel", "check");
        System.out.println("|----------:|-----------:|-----------:|---------:|");
        AddKernel kernel = new AddKernel();
        Random random = new Random(2);
        for (int length : lengths) {
            double[] a = uniform(random, length);
            double[] b = uniform(random, length);
            double[] expected = new double[length];
            double java = micros(() -> JavaBackend.INSTANCE.elementwise(ElementwiseOp.ADD, a, b, expected));
            double onDevice = Double.NaN;
            boolean same = true;
            if (device != null) {
                double[] out = new double[length];
                Arrays.fill(out, Double.NaN);
                kernel.bind(a, b, out);
                Range range = Range.create(device, (length + LINE_GROUP - 1) / LINE_GROUP * LINE_GROUP, LINE_GROUP);
                onDevice = micros(() -> kernel.execute(range));
                if (!kernel.isRunningCL()) {
                    throw new IllegalStateException("the element-wise kernel fell back to Java threads on "
                            + device.getShortDescription() + ": its time is not an OpenCL time");
                }
                same = Arrays.equals(expected, out);
            }
            System.out.printf(Locale.ROOT, "| %9d | %10.1f | %10.1f | %8s |%n",
                    length, java, onDevice, same ? "ok" : "DIFFERS");
            if (!same) {
                throw new IllegalStateException("an element-wise result of length " + length + " differs from Java's:"
                        + " the timing above is not of a correct sum");
            }
        }
        kernel.dispose();
    }

    /** Returns the first OpenCL GPU, else the first OpenCL CPU device, else null: the order of the auto backend. */
    private static OpenCLDevice firstOpenClDevice() {
        for (Device.TYPE type : List.of(Device.TYPE.GPU, Device.TYPE.CPU)) {
            List<OpenCLDevice> devices = OpenCLDevice.listDevices(type);
            if (devices != null && !devices.isEmpty()) {
                return devices.get(0);
            }
        }
        return null;
    }

    /** Returns the microseconds of the fastest run of {@code work}, after a warm-up run. */
    private static double micros(Runnable work) {
        return fastestNanos(work, true, SECONDS_PER_ELEMENTWISE_CELL) / 1e3;
    }

    private static void training(int epochs) throws IOException, InterruptedException {
        System.out.println();
        System.out.println("Reference training, digits 64-32-10 MLP, batch " + Recipes.BATCH_SIZE + ", fastest of "
                + epochs + " epochs after a warm-up epoch, each backend in its own JVM (samples/s; higher is better)");
        System.out.println("| backend | samples/s |");
        System.out.println("|---------|----------:|");
        List<String> requests = new ArrayList<>(List.of("java"));
        String chosen = Backends.current().name();
        if (!chosen.equals("java")) {
            requests.add(Backends.choice().requested());
        }
        for (String request : requests) {
            String line = child(request, epochs).trim();
            String[] parts = line.split(" ");
            System.out.printf(Locale.ROOT, "| %s | %s |%n", parts[0], parts[parts.length - 1]);
        }
    }

    private static String child(String backend, int epochs) throws IOException, InterruptedException {
        return lastLineOfChild("training", backend, Benchmarks.class, "--training-only", "--epochs=" + epochs);
    }

    /**
     * Runs {@code main}'s main method with {@code arguments} in a fresh JVM on this classpath with the matrix backend
     * {@code backend} (so each backend is measured in its own process), and returns the last line it printed.
     *
     * @throws IllegalStateException when the child fails; {@code what} names the benchmark in the message
     */
    static String lastLineOfChild(String what, String backend, Class<?> main, String... arguments)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-D" + Backends.PROPERTY + "=" + backend,
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(what + " benchmark with backend " + backend + " failed: " + out);
        }
        String[] lines = out.trim().split("\n");
        return lines[lines.length - 1];
    }

    /** Returns the samples per second of the fastest of {@code epochs} one-epoch fits, after a warm-up epoch. */
    private static double trainingThroughput(int epochs) {
        Dataset.Split data = Recipes.digitsData();
        Matrix x = data.train().x();
        Matrix y = data.train().y();
        Sequential model = Recipes.digitsModel();
        model.fit(x, y, 1, Recipes.BATCH_SIZE, Recipes.FIT_SEED);
        long best = Long.MAX_VALUE;
        for (int epoch = 0; epoch < epochs; epoch++) {
            long start = System.nanoTime();
            model.fit(x, y, 1, Recipes.BATCH_SIZE, Recipes.FIT_SEED + epoch);
            best = Math.min(best, System.nanoTime() - start);
        }
        return x.rows() / (best / 1e9);
    }

    private static double gflops(int n, boolean warmUp, Runnable product) {
        return 2.0 * n * n * n / fastestNanos(product, warmUp, SECONDS_PER_CELL);
    }

    /** {@link #fastestNanos(Runnable, boolean, int, double)} with this benchmark's {@link #MIN_RUNS}. */
    private static long fastestNanos(Runnable work, boolean warmUp, double seconds) {
        return fastestNanos(work, warmUp, MIN_RUNS, seconds);
    }

    /**
     * Returns the nanoseconds of the fastest run of {@code work}, run at least {@code minRuns} times and until
     * {@code seconds} have passed, after one untimed run when {@code warmUp}: the one timing loop of the benchmarks.
     */
    static long fastestNanos(Runnable work, boolean warmUp, int minRuns, double seconds) {
        if (warmUp) {
            work.run();
        }
        long best = Long.MAX_VALUE;
        int runs = 0;
        long start = System.nanoTime();
        do {
            long t = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - t);
            runs++;
        } while (runs < minRuns || System.nanoTime() - start < seconds * 1e9);
        return best;
    }

    private static double maxRelativeDifference(double[] actual, double[] expected) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1e-300, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / scale);
        }
        return worst;
    }

    private static double[] uniform(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextDouble();
        }
        return values;
    }
}
