package nnlab.grader.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import nnlab.grader.protocol.Protocol;
import nnlab.grader.protocol.Request;

/**
 * An AppCDS archive of the runtime's classes next to the runtime jar: a submission JVM maps them instead of loading
 * and verifying them (about 0.1 s per start here). The archive is dumped once per runtime bundle by a trusted JVM
 * running the runtime on a few requests, in the background; until it exists, JVMs start without it. The jar's path is
 * the same inside the sandbox (its folder is bound at the same place), so the archive's classpath check passes.
 */
final class CdsArchive {

    /** Flags every submission JVM and the dumping JVM share, so that the archive matches. */
    static final List<String> SHARED_FLAGS = List.of("-XX:+UseSerialGC", "-XX:CompressedClassSpaceSize=64m");

    private static final Logger LOG = Logger.getLogger(CdsArchive.class.getName());
    private static final AtomicBoolean DUMPING = new AtomicBoolean();
    private static final int DUMP_SECONDS = 60;
    /**
     * What the dumping JVM is asked, so that the classes a grading loads are in the archive: the runtime's own secret
     * line, then typed requests written by the one codec (a raw line here once drifted from the wire and silently
     * left every submission JVM without its archive; {@code CdsArchiveTests} now holds the dump to an archive).
     */
    private static final String WARM_UP = String.join("\n", "cds",
            Protocol.encode(new Request.Init(0, List.of())),
            Protocol.encode(new Request.CallStatic(1, "java.lang.Math", "max", "double", List.of("double", "double"),
                    Arrays.asList(1.5, "NaN"), List.of())),
            Protocol.encode(new Request.CallStatic(2, "java.util.Arrays", "copyOf", "double[]",
                    List.of("double[]", "int"), Arrays.asList(new double[] {1, 2}, 1), List.of())),
            Protocol.encode(new Request.Construct(3, "java.lang.StringBuilder", List.of("java.lang.String"),
                    Arrays.asList("x"), List.of())),
            Protocol.encode(new Request.CallStatic(4, "no.Such", "m", "void", List.of(), List.of(), List.of()))) + "\n";

    private CdsArchive() {
    }

    /** Returns the flags that use the archive when it exists, and starts dumping it in the background when not. */
    static List<String> flags(RuntimeBundle runtime, Path javaHome) {
        Path archive = runtime.archive();
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
        }
        if (DUMPING.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                if (!dump(runtime, javaHome)) {
                    LOG.info("no AppCDS archive for the submission runtime; submission JVMs start without one");
                }
            }, "runtime-cds-dump");
            t.setDaemon(true);
            t.start();
        }
        return List.of("-Xshare:auto");
    }

    /** Dumps {@code runtime}'s archive with the JVM of {@code javaHome} and returns whether it was written. */
    static boolean dump(RuntimeBundle runtime, Path javaHome) {
        Path partial = runtime.folder().resolve("runtime.jsa." + ProcessHandle.current().pid() + ".part");
        try {
            Path scratch = Files.createTempDirectory("nnlab-cds");
            List<String> command = new java.util.ArrayList<>(List.of(javaHome.resolve("bin/java").toString(),
                    "-XX:ArchiveClassesAtExit=" + partial));
            command.addAll(SHARED_FLAGS);
            command.addAll(List.of("-cp", runtime.jar().toString(), "nnlab.grader.runtime.Server", scratch.toString(), "1024"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(WARM_UP.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(DUMP_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(partial)) {
                p.destroyForcibly();
                return false;
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(partial, runtime.archive(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(scratch);
            return true;
        } catch (IOException e) {
            LOG.info("could not dump the runtime's AppCDS archive: " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.fine("leftover " + partial);
            }
        }
    }
}
