package nnlab.grader.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import nnlab.grader.protocol.Protocol;
import nnlab.grader.protocol.Request;

/**
 * An AppCDS archive of what one kind of sandboxed JVM loads, next to the runtime jar: the JVM maps those classes
 * instead of loading and verifying them. {@link #SUBMISSION} is the submission JVM's (the runtime's classes, about
 * 0.1 s per start here), {@link #COMPILER} the compiler process's (javac's classes from the JDK, about 0.3 of the
 * 1.4–1.7 processor seconds of a compiler start that compiles ps1). Each archive is dumped once per runtime bundle
 * and JDK by a trusted JVM running the same main class on a warm-up of our own, in the background; until it exists,
 * JVMs start without it ({@code -Xshare:auto} also falls back silently on an archive the JVM cannot use). The jar's
 * path is the same inside the sandbox (its folder is bound at the same place), so the archive's classpath check passes.
 */
final class CdsArchive {

    /**
     * Flags every submission JVM and its dumping JVM share, so that the archive matches. C1 only: a submission JVM
     * runs a few seconds of many short calls, and C2's compilations cost more than they return there (ps1's correct
     * sample, seed 7: 1.4–1.5 processor seconds in the submission JVM instead of 2.7–3.4 tiered, its longest call
     * 0.8–1.0 instead of 1.5–1.7; ps2: 3.2 instead of 4.8–5.2, longest call 2.2 instead of 2.4). Only code that runs
     * for many seconds pays: a tight training loop's steady state is about 1.8 times slower in C1 code
     * (grader/README.md, "Speed"), which the per-call limits (10 and 20 s against those 1.0 and 2.2) leave room for.
     */
    static final List<String> SHARED_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CompressedClassSpaceSize=64m");
    /** Flags every compiler process and its dumping JVM share: C1 only also when warm (grader/README.md, "Speed"). */
    static final List<String> COMPILER_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CompressedClassSpaceSize=64m");

    /**
     * The submission JVM's warm-up, so that the classes a grading loads are in the archive: the runtime's own secret
     * line, then typed requests written by the one codec (a raw line here once drifted from the wire and silently
     * left every submission JVM without its archive; {@code CdsArchiveTests} now holds each dump to an archive).
     */
    private static final String SUBMISSION_WARM_UP = String.join("\n", "cds",
            Protocol.encode(new Request.Init(0, List.of())),
            Protocol.encode(new Request.CallStatic(1, "java.lang.Math", "max", "double", List.of("double", "double"),
                    Arrays.asList(1.5, "NaN"), List.of())),
            Protocol.encode(new Request.CallStatic(2, "java.util.Arrays", "copyOf", "double[]",
                    List.of("double[]", "int"), Arrays.asList(new double[] {1, 2}, 1), List.of())),
            Protocol.encode(new Request.Construct(3, "java.lang.StringBuilder", List.of("java.lang.String"),
                    Arrays.asList("x"), List.of())),
            Protocol.encode(new Request.CallStatic(4, "no.Such", "m", "void", List.of(), List.of(), List.of()))) + "\n";

    /**
     * The compiler's warm-up: a compilation that succeeds, with the constructs a submission uses (an interface, an
     * enum with bodies, a record, generics, lambdas, a switch, exceptions), and one with errors, so that writing class
     * files and reporting diagnostics are both in the archive.
     */
    private static final String COMPILER_WARM_UP = String.join("\n",
            Protocol.encode(new Request.Compile(1, Map.of(
                    "warm/Shape.java", """
                            package warm;

                            import java.util.ArrayList;
                            import java.util.List;
                            import java.util.function.DoubleUnaryOperator;

                            /** A shape. */
                            public interface Shape {
                                double area();

                                static List<Double> areas(List<? extends Shape> shapes) {
                                    List<Double> out = new ArrayList<>();
                                    shapes.forEach(s -> out.add(s.area()));
                                    return out;
                                }

                                enum Scale implements DoubleUnaryOperator {
                                    TWICE { @Override public double applyAsDouble(double x) { return 2 * x; } },
                                    SQUARE { @Override public double applyAsDouble(double x) { return x * x; } }
                                }
                            }
                            """,
                    "warm/Box.java", """
                            package warm;

                            import java.util.Arrays;
                            import java.util.Random;

                            /** A box. */
                            public record Box(double[][] sides, String name) implements Shape {
                                public Box {
                                    if (sides.length == 0) {
                                        throw new IllegalArgumentException("no sides: " + name);
                                    }
                                }

                                @Override
                                public double area() {
                                    double total = 0;
                                    for (double[] row : sides) {
                                        total += Arrays.stream(row).map(Math::abs).sum();
                                    }
                                    switch (name) {
                                        case "a" -> total *= 2;
                                        default -> total += new Random(1).nextGaussian();
                                    }
                                    try {
                                        return Scale.valueOf("TWICE").applyAsDouble(total);
                                    } catch (IllegalArgumentException e) {
                                        return Double.NaN;
                                    }
                                }
                            }
                            """))),
            Protocol.encode(new Request.Compile(2, Map.of("warm/Broken.java",
                    "package warm;\nclass Broken { int f() { return missing + \"\"; } }\n")))) + "\n";

    /** The submission JVM's archive: the runtime server, asked a few calls. */
    static final CdsArchive SUBMISSION = new CdsArchive("runtime", SHARED_FLAGS, "nnlab.grader.runtime.Server", true,
            List.of("1024"), SUBMISSION_WARM_UP);
    /** The compiler process's archive: the compile server, asked two compilations. */
    static final CdsArchive COMPILER = new CdsArchive("compiler", COMPILER_FLAGS, "nnlab.grader.runtime.CompileServer",
            false, List.of(), COMPILER_WARM_UP);

    private static final Logger LOG = Logger.getLogger(CdsArchive.class.getName());
    private static final int DUMP_SECONDS = 60;

    private final String name;
    private final List<String> flags;
    private final String mainClass;
    private final boolean scratchFirst;
    private final List<String> arguments;
    private final String warmUp;
    private final AtomicBoolean dumping = new AtomicBoolean();

    /**
     * An archive named {@code name} of the JVM that runs {@code mainClass} with {@code flags}; the dump runs it with
     * {@code arguments} (after a scratch folder when {@code scratchFirst}) and feeds it {@code warmUp} on stdin.
     */
    private CdsArchive(String name, List<String> flags, String mainClass, boolean scratchFirst, List<String> arguments,
                       String warmUp) {
        this.name = name;
        this.flags = flags;
        this.mainClass = mainClass;
        this.scratchFirst = scratchFirst;
        this.arguments = arguments;
        this.warmUp = warmUp;
    }

    /**
     * Returns where {@code runtime}'s archive of this kind lives (it may not exist yet): named after the JDK too, so
     * that a grader on another JDK dumps its own rather than keep one its JVMs cannot map.
     */
    Path archive(RuntimeBundle runtime) {
        return runtime.folder().resolve(name + "-" + Runtime.version().toString().replaceAll("[^A-Za-z0-9.+-]", "_")
                + ".jsa");
    }

    /** Returns the flags that use the archive when it exists, and starts dumping it in the background when not. */
    List<String> flags(RuntimeBundle runtime, Path javaHome) {
        Path archive = archive(runtime);
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
        }
        if (dumping.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                if (!dump(runtime, javaHome)) {
                    LOG.info("no AppCDS archive " + archive + "; these JVMs start without one");
                }
            }, name + "-cds-dump");
            t.setDaemon(true);
            t.start();
        }
        return List.of("-Xshare:auto");
    }

    /** Dumps {@code runtime}'s archive of this kind with the JVM of {@code javaHome} and returns whether it was written. */
    boolean dump(RuntimeBundle runtime, Path javaHome) {
        Path partial = runtime.folder().resolve(name + ".jsa." + ProcessHandle.current().pid() + ".part");
        Path scratch = null;
        try {
            List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(),
                    "-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds*=off"));
            command.addAll(flags);
            command.addAll(List.of("-cp", runtime.jar().toString(), mainClass));
            if (scratchFirst) {
                scratch = Files.createTempDirectory("nnlab-cds");
                command.add(scratch.toString());
            }
            command.addAll(arguments);
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(warmUp.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(DUMP_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(partial)) {
                p.destroyForcibly();
                return false;
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(partial, archive(runtime), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            LOG.info("could not dump the AppCDS archive " + archive(runtime) + ": " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            try {
                Files.deleteIfExists(partial);
                if (scratch != null) {
                    Files.deleteIfExists(scratch);
                }
            } catch (IOException e) {
                LOG.fine("leftover " + partial);
            }
        }
    }
}
