package nnlab.grader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

import nnlab.grader.Limits;

/**
 * Builds the command line of a submission JVM from the strongest isolation this host offers:
 * {@code timeout --signal=KILL} → {@code prlimit} → {@code setpriv} (to an unprivileged uid, when running as root)
 * → {@code bwrap} → {@code java}. Bubblewrap is used as root only behind setpriv, because a root bubblewrap can
 * remount its root read-write.
 */
public final class Sandbox {

    /**
     * Submission JVMs run as root-less uids from this range, a fresh one per JVM: RLIMIT_NPROC counts every thread of a
     * uid system-wide, so a shared uid would let one submission's thread bomb (or a lingering JVM) starve another's.
     */
    private static final int UID_BASE = 1_000_000;
    private static final int UID_RANGE = 1_000_000;
    private static final java.util.concurrent.atomic.AtomicLong NEXT_UID =
            new java.util.concurrent.atomic.AtomicLong(ProcessHandle.current().pid() * 1009L);

    private static final Logger LOG = Logger.getLogger(Sandbox.class.getName());
    private static final long ADDRESS_SPACE_SLACK_BYTES = 1L << 30;
    private static final int OPEN_FILES = 256;
    private static final long FILE_SIZE_BYTES = 16L << 20;
    private static final String INSIDE_SUBMISSION = "/sandbox/submission";
    private static final int PROBE_SECONDS = 20;
    /** javac runs a handful of threads; the JVM's own (GC, JIT, signal) need the rest. */
    private static final int COMPILER_THREADS = 64;
    /** javac recurses over the syntax tree: a deeper stack than a submission's lets honest nesting compile. */
    private static final String COMPILER_STACK = "4m";
    private static final String REUID = "--reuid=";
    private static final Once<Sandbox> DETECTED = new Once<>(Sandbox::probe);

    private final Isolation isolation;
    private final boolean timeout;
    private final boolean prlimit;
    private final boolean setpriv;
    private final boolean bwrap;
    private final Path javaHome;

    private Sandbox(Isolation isolation, boolean timeout, boolean prlimit, boolean setpriv, boolean bwrap, Path javaHome) {
        this.isolation = isolation;
        this.timeout = timeout;
        this.prlimit = prlimit;
        this.setpriv = setpriv;
        this.bwrap = bwrap;
        this.javaHome = javaHome;
    }

    /**
     * Returns a sandbox with exactly the layers asked for, whatever this host has: for tests of the command lines it
     * builds, which do not run them.
     */
    static Sandbox withLayers(Isolation isolation, boolean timeout, boolean prlimit, boolean setpriv, boolean bwrap,
                              Path javaHome) {
        return new Sandbox(isolation, timeout, prlimit, setpriv, bwrap, javaHome);
    }

    /** Returns the sandbox of this host, detecting it on first use. */
    public static Sandbox detect() {
        return DETECTED.get();
    }

    /** Returns what this sandbox enforces. */
    public Isolation isolation() {
        return isolation;
    }

    /**
     * Returns the command that starts the runtime server on {@code classes} with {@code limits}.
     *
     * @param scratch an empty folder the child may use as working directory when there is no private /tmp
     */
    List<String> command(RuntimeBundle runtime, Path classes, Path scratch, Limits limits, List<String> jvmFlags) {
        List<String> cmd = limitsPrefix(limits.perSubmissionSeconds(), (int) ChildJvm.longestWallSeconds(limits),
                limits.heapMegabytes(), limits.maxThreads());
        String classesArg = classes.toString();
        String tmp = scratch.toString();
        if (bwrap) {
            cmd.addAll(bwrapPrefix());
            cmd.addAll(List.of("--tmpfs", "/tmp", "--ro-bind", runtime.folder().toString(), runtime.folder().toString(),
                    "--ro-bind", classes.toString(), INSIDE_SUBMISSION, "--chdir", "/tmp", "--"));
            classesArg = INSIDE_SUBMISSION;
            tmp = "/tmp";
        }
        cmd.add(javaHome.resolve("bin/java").toString());
        cmd.addAll(List.of("-Xmx" + limits.heapMegabytes() + "m", "-Xss1m"));
        cmd.addAll(CdsArchive.SHARED_FLAGS);
        cmd.addAll(List.of("-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=128m",
                "-XX:-UsePerfData", "-XX:+DisableAttachMechanism",
                "-Djava.io.tmpdir=" + tmp, "-Dfile.encoding=UTF-8", "-Duser.language=en", "-Duser.country=US"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", runtime.jar().toString(), "nnlab.grader.runtime.Server", classesArg,
                String.valueOf(limits.outputKilobytes() * 1024L)));
        return cmd;
    }

    /**
     * Returns the command that starts a compiler process ({@code nnlab.grader.runtime.CompileServer}) behind the same
     * layers as a submission JVM: a fresh uid, no network, nothing of the host but the system libraries, the JDK and the
     * runtime jar (the sources come on stdin, the classes go back on stdout), {@code heapMegabytes} of heap, killed
     * after {@code lifetimeSeconds}, and {@code jvmFlags} (its AppCDS archive).
     */
    List<String> compilerCommand(RuntimeBundle runtime, Path scratch, int heapMegabytes, int lifetimeSeconds,
                                 List<String> jvmFlags) {
        List<String> cmd = limitsPrefix(lifetimeSeconds, lifetimeSeconds * CompilerJvm.WALL_FACTOR, heapMegabytes,
                COMPILER_THREADS);
        String tmp = scratch.toString();
        if (bwrap) {
            cmd.addAll(bwrapPrefix());
            cmd.addAll(List.of("--tmpfs", "/tmp", "--ro-bind", runtime.folder().toString(), runtime.folder().toString(),
                    "--chdir", "/tmp", "--"));
            tmp = "/tmp";
        }
        cmd.add(javaHome.resolve("bin/java").toString());
        cmd.addAll(List.of("-Xmx" + heapMegabytes + "m", "-Xss" + COMPILER_STACK));
        cmd.addAll(CdsArchive.COMPILER_FLAGS);
        cmd.addAll(List.of("-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=128m", "-XX:-UsePerfData",
                "-XX:+DisableAttachMechanism", "-Djava.io.tmpdir=" + tmp, "-Dfile.encoding=UTF-8", "-Duser.language=en",
                "-Duser.country=US"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", runtime.jar().toString(), "nnlab.grader.runtime.CompileServer"));
        return cmd;
    }

    /**
     * timeout → prlimit → setpriv, for a process that may use {@code cpuSeconds} of processor time and live
     * {@code wallSeconds} (the grader's wall-clock backstops: a loaded machine must not end a process whose processor
     * time is within budget), with {@code heapMegabytes} of heap. Both are last resorts behind the grader's own
     * limits, with slack.
     */
    private List<String> limitsPrefix(int cpuSeconds, int wallSeconds, int heapMegabytes, int maxThreads) {
        List<String> cmd = new ArrayList<>();
        if (timeout) {
            cmd.addAll(List.of("timeout", "--signal=KILL", (wallSeconds + 30) + "s"));
        }
        if (prlimit) {
            long addressSpace = heapMegabytes * (1L << 20) + ADDRESS_SPACE_SLACK_BYTES;
            cmd.addAll(List.of("prlimit", "--cpu=" + (cpuSeconds * 2 + 30), "--as=" + addressSpace,
                    "--fsize=" + FILE_SIZE_BYTES, "--nofile=" + OPEN_FILES, "--core=0"));
            if (setpriv) {
                // RLIMIT_NPROC counts every process of the uid, so it is only meaningful for the dedicated sandbox uid.
                cmd.add("--nproc=" + maxThreads);
            }
            cmd.add("--");
        }
        if (setpriv) {
            long uid = UID_BASE + Math.floorMod(NEXT_UID.getAndIncrement(), UID_RANGE);
            cmd.addAll(List.of("setpriv", REUID + uid, "--regid=" + uid, "--clear-groups", "--inh-caps=-all", "--"));
        }
        return cmd;
    }

    /** Returns the uid that {@code command} (one of this class's) switches to, if it switches. */
    static OptionalLong uidOf(List<String> command) {
        for (String arg : command) {
            if (arg.startsWith(REUID)) {
                return OptionalLong.of(Long.parseLong(arg.substring(REUID.length())));
            }
        }
        return OptionalLong.empty();
    }

    /** Returns the JDK that runs submission JVMs. */
    Path javaHome() {
        return javaHome;
    }

    /** Returns whether the child runs as another uid, so the files it reads must be world-readable. */
    boolean switchesUser() {
        return setpriv;
    }

    private List<String> bwrapPrefix() {
        List<String> cmd = new ArrayList<>(List.of("bwrap", "--unshare-all", "--die-with-parent", "--new-session",
                "--cap-drop", "ALL", "--clearenv", "--setenv", "LANG", "C.UTF-8", "--proc", "/proc", "--dev", "/dev"));
        for (String dir : List.of("/usr/lib", "/usr/lib64", "/usr/lib32", "/lib", "/lib64", "/lib32")) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                try {
                    cmd.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
                } catch (IOException e) {
                    LOG.warning("cannot read the link " + dir + ": " + e);
                }
            } else if (Files.isDirectory(p)) {
                cmd.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        for (Path extra : jdkOutsideLibs()) {
            cmd.addAll(List.of("--ro-bind", extra.toString(), extra.toString()));
        }
        return cmd;
    }

    /** The JDK itself when it lives outside /usr/lib, and the folders its symbolic links point into (e.g. /etc/java-17). */
    private List<Path> jdkOutsideLibs() {
        Set<Path> extra = new LinkedHashSet<>();
        if (!javaHome.startsWith("/usr/lib")) {
            extra.add(javaHome);
        }
        try (Stream<Path> walk = Files.walk(javaHome)) {
            walk.filter(Files::isSymbolicLink).forEach(link -> {
                try {
                    Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
                    if (target.isAbsolute() && !target.startsWith("/usr/lib") && !target.startsWith("/usr/share")
                            && target.getNameCount() >= 2) {
                        Path top = target.getRoot().resolve(target.subpath(0, 2));
                        if (Files.exists(top)) {
                            extra.add(top);
                        }
                    }
                } catch (IOException e) {
                    LOG.fine(() -> "unreadable link " + link);
                }
            });
        } catch (IOException e) {
            LOG.warning("cannot list the JDK at " + javaHome + ": " + e);
        }
        return List.copyOf(extra);
    }

    private static Sandbox probe() {
        Path javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath();
        try {
            javaHome = javaHome.toRealPath();
        } catch (IOException e) {
            LOG.fine("java.home has no real path");
        }
        List<String> layers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean timeout = onPath("timeout");
        boolean prlimit = onPath("prlimit");
        boolean root = isRoot();
        boolean setpriv = root && onPath("setpriv");
        boolean bwrap = onPath("bwrap");
        if (timeout) {
            layers.add("timeout");
        } else {
            warnings.add("timeout(1) not found: only the grader's own timer stops runaway submissions");
        }
        if (prlimit) {
            layers.add("prlimit");
        } else {
            warnings.add("prlimit(1) not found: no CPU, address-space, file-size or process limits");
        }
        if (root && !setpriv) {
            warnings.add("running as root without setpriv(1): submissions run as root, and bubblewrap is not used");
            bwrap = false;
        }
        if (setpriv) {
            layers.add("setpriv");
        }
        if (!bwrap && !(root && !setpriv)) {
            warnings.add("bubblewrap (bwrap) not found: submissions can read any world-readable file and use the network;"
                    + " run scripts/install-sandbox.sh");
        }
        Sandbox candidate = new Sandbox(null, false, false, setpriv, bwrap, javaHome);
        if (bwrap && !candidate.bwrapWorks()) {
            warnings.add("bubblewrap is installed but cannot create a sandbox here (user namespaces disabled?)");
            bwrap = false;
        }
        if (bwrap) {
            layers.add("bubblewrap");
        }
        layers.add("java");
        String level = layers.size() > 1 ? layers.get(layers.size() - 2) : "process";
        Isolation isolation = new Isolation(level, List.copyOf(layers), List.copyOf(warnings));
        warnings.forEach(w -> LOG.warning("sandbox: " + w));
        return new Sandbox(isolation, timeout, prlimit, setpriv, bwrap, javaHome);
    }

    private boolean bwrapWorks() {
        List<String> cmd = new ArrayList<>();
        if (setpriv) {
            long uid = UID_BASE + Math.floorMod(NEXT_UID.getAndIncrement(), UID_RANGE);
            cmd.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--"));
        }
        cmd.addAll(bwrapPrefix());
        cmd.addAll(List.of("--tmpfs", "/tmp", "--", javaHome.resolve("bin/java").toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-version"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            path = "/usr/bin:/bin:/usr/sbin:/sbin";
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            LOG.fine("no /proc/self/status");
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
