package nnlab.grader.course.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import nnlab.grader.runtime.FileTrees;

/**
 * Compiles the correct sample once, then each mutated file against it, without debugging information, so that a
 * mutant whose class files equal the correct sample's byte for byte is known to behave the same ("probably
 * equivalent": javac folds constants and drops dead code, and nothing else could tell the two apart). The mutants are
 * the author's own code, so javac runs in this process.
 */
final class MutantCompiler {

    /** What compiling one mutant gave. */
    enum Verdict {
        /** javac refused it. */
        DOES_NOT_COMPILE,
        /** Its class files equal the correct sample's. */
        SAME_BYTECODE,
        /** It compiles to different class files. */
        DIFFERENT
    }

    /** Same bytecode whatever line a statement sits on, in every javac: no debugging information at all. */
    private static final List<String> OPTIONS = List.of("-g:none", "--release", "17", "-proc:none", "-nowarn",
            "-implicit:none", "-encoding", "UTF-8");

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final Path work;
    private final Path base;

    /**
     * Compiles {@code correct} (sample path → text) into {@code work}, with the starter's sources at {@code starter}
     * for the classes the sample does not hold.
     *
     * @throws IllegalStateException when the correct sample itself does not compile (the reference is broken)
     */
    MutantCompiler(Map<String, String> correct, Path starter, Path work) throws IOException {
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this JVM: run course audit with a JDK");
        }
        this.work = work;
        this.base = Files.createDirectories(work.resolve("correct-classes"));
        Path sources = Files.createDirectories(work.resolve("correct-sources"));
        List<Path> files = new ArrayList<>();
        for (var e : correct.entrySet()) {
            Path f = sources.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            files.add(f);
        }
        List<String> options = new ArrayList<>(OPTIONS);
        options.remove("-implicit:none");
        // An explicit class path: javac's default is this JVM's, which holds the reference's own classes.
        options.addAll(List.of("-classpath", base.toString(), "-sourcepath", starter.toString(), "-implicit:class",
                "-d", base.toString()));
        String problems = compile(files, options);
        if (problems != null) {
            throw new IllegalStateException("the correct sample does not compile against the starter in " + starter
                    + ": " + problems);
        }
    }

    /** Compiles {@code text}, the mutated form of sample file {@code file}, and compares it with the correct sample. */
    Verdict check(String file, String text) throws IOException {
        Path dir = Files.createTempDirectory(work, "mutant-");
        try {
            Path source = dir.resolve("src").resolve(file);
            Files.createDirectories(source.getParent());
            Files.writeString(source, text);
            Path classes = Files.createDirectories(dir.resolve("classes"));
            List<String> options = new ArrayList<>(OPTIONS);
            options.addAll(List.of("-classpath", base.toString(), "-d", classes.toString()));
            if (compile(List.of(source), options) != null) {
                return Verdict.DOES_NOT_COMPILE;
            }
            return sameClasses(classes) ? Verdict.SAME_BYTECODE : Verdict.DIFFERENT;
        } finally {
            FileTrees.delete(dir);
        }
    }

    private boolean sameClasses(Path classes) throws IOException {
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                Path original = base.resolve(classes.relativize(f).toString());
                if (!Files.isRegularFile(original) || !Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(original))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Returns javac's messages when it refuses, else null. */
    private String compile(List<Path> files, List<String> options) throws IOException {
        StringWriter messages = new StringWriter();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(messages, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call();
            return ok ? null : messages + diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(Object::toString)
                    .collect(Collectors.joining("\n"));
        }
    }
}
