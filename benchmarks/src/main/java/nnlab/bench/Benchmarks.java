package nnlab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import nnlab.Dataset;
import nnlab.Matrix;
import nnlab.Sequential;
import nnlab.backend.Backends;
import nnlab.backend.JavaBackend;
import nnlab.backend.MatrixBackend;
import nnlab.demo.Recipes;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * Prints two tables: matrix-product GFLOP/s for n × n doubles, and reference training throughput on digits.
 *
 * <p>Products: the Java backend, the backend this process chooses (Aparapi on the best OpenCL device, honouring
 * {@code nnlab.backend}), and EJML single- and multi-threaded as the yardstick. Every Aparapi result is checked
 * against EJML, so a silent fallback that computed nothing cannot pass as fast. Training: the 64-32-10 digits recipe,
 * batch 32, once per backend, each in its own JVM because the backend is chosen once per process.
 *
 * <p>Arguments: {@code --sizes=64,128,...} (default 64 … 2048), {@code --epochs=N} (timed training epochs, default 20),
 * {@code --training-only} (used for the child JVMs).
 */
public final class Benchmarks {

    /**
     * Each cell repeats its product until this many seconds have passed, at least {@link #MIN_RUNS} times, and
     * reports its fastest run: on a shared machine the other processes only ever make a run slower, so the best run
     * is the one that says most about the code.
     */
    private static final double SECONDS_PER_CELL = 1.5;

    /** Fewest timed runs per cell; at n = 2048 the cell's time limit is reached after the first. */
    private static final int MIN_RUNS = 2;

    /** Sizes from which a cell skips its warm-up run: the JIT and the OpenCL compiler are warm by then. */
    private static final int NO_WARMUP_FROM = 1024;

    /**
     * Largest relative difference from EJML a product may show before the benchmark calls it wrong: far above
     * rounding (about 1e-13 at n = 2048) and far below anything a broken or bypassed kernel produces.
     */
    private static final double CHECK_TOLERANCE = 1e-9;

    private Benchmarks() {
    }

    /** Runs the benchmarks; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int[] sizes = {64, 128, 256, 512, 1024, 2048};
        int epochs = 20;
        boolean trainingOnly = false;
        for (String arg : args) {
            if (arg.startsWith("--sizes=")) {
                sizes = Arrays.stream(arg.substring(8).split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (arg.startsWith("--epochs=")) {
                epochs = Integer.parseInt(arg.substring(9));
            } else if (arg.equals("--training-only")) {
                trainingOnly = true;
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException("Unknown argument '" + arg
                        + "': use --sizes=64,128,... --epochs=N or --training-only.");
            }
        }
        if (trainingOnly) {
            System.out.printf(Locale.ROOT, "%s %.1f%n", Backends.current().name(), trainingThroughput(epochs));
            return;
        }
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("backend: " + Backends.current().name() + " (" + Backends.choice().reason() + ")");
        products(sizes);
        training(epochs);
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-D" + Backends.PROPERTY + "=" + backend,
                "-cp", System.getProperty("java.class.path"), Benchmarks.class.getName(),
                "--training-only", "--epochs=" + epochs)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("training benchmark with backend " + backend + " failed: " + out);
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
        if (warmUp) {
            product.run();
        }
        long best = Long.MAX_VALUE;
        int runs = 0;
        long start = System.nanoTime();
        do {
            long t = System.nanoTime();
            product.run();
            best = Math.min(best, System.nanoTime() - t);
            runs++;
        } while (runs < MIN_RUNS || System.nanoTime() - start < SECONDS_PER_CELL * 1e9);
        return 2.0 * n * n * n / best;
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
