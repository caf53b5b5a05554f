package nnlab.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import nnlab.Activation;
import nnlab.Conv2D;
import nnlab.Padding;
import nnlab.Tensor;
import nnlab.backend.Backends;
import nnlab.backend.ConvGeometry;
import nnlab.backend.JavaBackend;
import nnlab.backend.MatrixBackend;

/**
 * Prints two tables for problem set 2's convolution: im2col and col2im alone (the Java twin against the backend this
 * process chooses), and one Conv2D forward plus backward pass per batch (im2col, the product with the kernel, the
 * kernel gradient product, col2im), each backend in its own JVM because the backend is chosen once per process.
 *
 * <p>Every backend result of the first table is compared with the Java twin and must be identical (both are plain
 * copies or sums in the same order), so a kernel that silently computed nothing cannot pass as fast. Arguments:
 * {@code --copies-only} (the first table alone), {@code --layer-only=INDEX} (used for the child JVMs).
 */
public final class ConvolutionBenchmark {

    /** Each cell repeats its operation until this many seconds have passed, at least {@link #MIN_RUNS} times. */
    private static final double SECONDS_PER_CELL = 1.0;

    /** Fewest timed runs per cell. */
    private static final int MIN_RUNS = 3;

    /**
     * Convolutions (batch, height, width, channels, kernel, filters), all stride 1 with "same" padding: the 8×8
     * digits with problem set 2's first layer, an MNIST-sized layer, and two CIFAR-sized ones.
     */
    private static final List<int[]> LAYERS = List.of(
            new int[] {32, 8, 8, 1, 3, 16}, new int[] {64, 28, 28, 8, 3, 16},
            new int[] {32, 32, 32, 16, 3, 32}, new int[] {32, 32, 32, 32, 5, 32});

    private ConvolutionBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the argument. */
    public static void main(String[] args) throws IOException, InterruptedException {
        boolean copiesOnly = false;
        for (String arg : args) {
            if (arg.equals("--copies-only")) {
                copiesOnly = true;
            } else if (arg.startsWith("--layer-only=")) {
                int index = Integer.parseInt(arg.substring("--layer-only=".length()));
                System.out.printf(Locale.ROOT, "%s %.3f%n", Backends.current().name(), layerMillis(LAYERS.get(index)));
                return;
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException("Unknown argument '" + arg
                        + "': use --copies-only or --layer-only=INDEX.");
            }
        }
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("backend: " + Backends.current().name() + " (" + Backends.choice().reason() + ")");
        copies();
        if (!copiesOnly) {
            layers();
        }
    }

    private static void copies() {
        MatrixBackend chosen = Backends.current();
        System.out.println();
        System.out.println("im2col / col2im, 3×3 or 5×5 windows, stride 1, same padding: milliseconds (fastest run; lower is better)");
        System.out.printf(Locale.ROOT, "| %-22s | %10s | %10s | %10s | %10s | %10s | %5s |%n", "b×h×w×c, kernel", "entries",
                "im2col java", "im2col " + chosen.name(), "col2im java", "col2im " + chosen.name(), "check");
        System.out.println("|------------------------|-----------:|-----------:|-----------:|-----------:|-----------:|------:|");
        Random random = new Random(1);
        for (int[] layer : LAYERS) {
            ConvGeometry g = sameGeometry(layer);
            double[] images = uniform(random, g.imageSize());
            double[] columns = uniform(random, g.rows() * g.patch());
            double[] javaColumns = new double[columns.length];
            double[] chosenColumns = new double[columns.length];
            double[] javaImages = new double[images.length];
            double[] chosenImages = new double[images.length];
            double javaIm2col = millis(() -> JavaBackend.INSTANCE.im2col(images, javaColumns, g));
            double chosenIm2col = millis(() -> chosen.im2col(images, chosenColumns, g));
            double javaCol2im = millis(() -> JavaBackend.INSTANCE.col2im(columns, javaImages, g));
            double chosenCol2im = millis(() -> chosen.col2im(columns, chosenImages, g));
            boolean same = Arrays.equals(javaColumns, chosenColumns) && Arrays.equals(javaImages, chosenImages);
            System.out.printf(Locale.ROOT, "| %-22s | %10d | %10.2f | %10.2f | %10.2f | %10.2f | %5s |%n",
                    describe(layer), (long) g.rows() * g.patch(), javaIm2col, chosenIm2col, javaCol2im, chosenCol2im,
                    same ? "ok" : "WRONG");
            if (!same) {
                throw new IllegalStateException("the " + chosen.name() + " im2col/col2im differ from the Java twin at "
                        + describe(layer) + ": the timing above is not of a correct result");
            }
        }
    }

    private static void layers() throws IOException, InterruptedException {
        System.out.println();
        System.out.println("Conv2D forward + backward on one batch (im2col, two products, col2im), each backend in its own JVM:"
                + " milliseconds, fastest run (lower is better)");
        List<String> requests = Backends.current().name().equals("java")
                ? List.of("java") : List.of("java", Backends.choice().requested());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "| %-22s | %12s |", "b×h×w×c, kernel", "MACs/pass"));
        StringBuilder rule = new StringBuilder("|------------------------|-------------:|");
        for (String request : requests) {
            header.append(String.format(Locale.ROOT, " %12s |", request));
            rule.append("-------------:|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (int i = 0; i < LAYERS.size(); i++) {
            int[] layer = LAYERS.get(i);
            ConvGeometry g = sameGeometry(layer);
            long macs = 3L * g.rows() * g.patch() * layer[5];
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %-22s | %12d |", describe(layer), macs));
            for (String request : requests) {
                String[] parts = child(request, i).trim().split(" ");
                line.append(String.format(Locale.ROOT, " %12s |", parts[0] + " " + parts[parts.length - 1]));
            }
            System.out.println(line);
        }
    }

    private static String child(String backend, int index) throws IOException, InterruptedException {
        return Benchmarks.lastLineOfChild("layer", backend, ConvolutionBenchmark.class, "--layer-only=" + index);
    }

    /** Returns the fastest forward + backward pass of one Conv2D layer on a random batch, in milliseconds. */
    private static double layerMillis(int[] layer) {
        Random random = new Random(2);
        Conv2D conv = new Conv2D(layer[3], layer[5], layer[4], 1, Padding.SAME, Activation.RELU, 3);
        int[] shape = {layer[0], layer[1], layer[2], layer[3]};
        Tensor x = Tensor.of(shape, uniform(random, layer[0] * layer[1] * layer[2] * layer[3]));
        Tensor gradOutput = Tensor.of(new int[] {layer[0], layer[1], layer[2], layer[5]},
                uniform(random, layer[0] * layer[1] * layer[2] * layer[5]));
        return millis(() -> {
            conv.forward(x, true, null);
            conv.backward(gradOutput);
        });
    }

    private static ConvGeometry sameGeometry(int[] layer) {
        int pad = (layer[4] - 1) / 2;
        return new ConvGeometry(layer[0], layer[1], layer[2], layer[3], layer[4], layer[4], 1, pad, pad, layer[1],
                layer[2]);
    }

    private static String describe(int[] layer) {
        return layer[0] + "×" + layer[1] + "×" + layer[2] + "×" + layer[3] + ", " + layer[4] + "×" + layer[4] + "→"
                + layer[5];
    }

    private static double millis(Runnable operation) {
        return Benchmarks.fastestNanos(operation, true, MIN_RUNS, SECONDS_PER_CELL) / 1e6;
    }

    private static double[] uniform(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextDouble();
        }
        return values;
    }
}
