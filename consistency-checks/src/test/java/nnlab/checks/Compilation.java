package nnlab.checks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Real compilations of the starter's sources with the JDK's compiler, as {@code --release 17} like the builds. */
final class Compilation {

    private static final String RELEASE = "17";

    private static Path starterMain;

    private Compilation() {
    }

    /** The starter's main sources compiled once per test JVM (several checks share them). */
    static synchronized Path starterMain() {
        if (starterMain == null) {
            starterMain = compile("starter-main", Repository.starterMainSources(), List.of());
        }
        return starterMain;
    }

    /** Where the reference's classes come from in this JVM: its jar, or its target/classes in an IDE. */
    static Path referenceClasses() {
        try {
            return Path.of(nnlab.Matrix.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the reference's classes", e);
        }
    }

    /** This JVM's class path (JUnit, Hamcrest, the reference) without the reference. */
    static List<Path> librariesWithoutReference() {
        Path reference = referenceClasses().toAbsolutePath().normalize();
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().normalize())
                .filter(entry -> !entry.equals(reference))
                .collect(Collectors.toList());
    }

    /**
     * Compiles every {@code .java} file under {@code sourceRoot} into a fresh scratch folder named {@code label}, with
     * {@code classPath} (searched in order) and returns that folder.
     *
     * @throws AssertionError listing every compiler error, if the compilation fails
     */
    static Path compile(String label, Path sourceRoot, List<Path> classPath) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No Java compiler in this JVM: run the build with a JDK, not a JRE.");
        }
        Path out = Repository.scratch(label);
        List<Path> sources = javaFiles(sourceRoot);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>(List.of("--release", RELEASE, "-encoding", "UTF-8", "-proc:none",
                "-d", out.toString()));
        options.add("-classpath");
        options.add(classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            boolean ok = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            if (!ok) {
                throw new AssertionError("Compiling " + Repository.root().relativize(sourceRoot) + " (" + label
                        + ") failed:\n" + errors(diagnostics));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> "  " + (d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":"
                        + d.getLineNumber() + ": ") + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("No .java files under " + root);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
