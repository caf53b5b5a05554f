package nnlab.grader;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a submission in process with {@code javax.tools}, with the JDK alone on the classpath. The starter's files
 * fill in whatever the submission lacks; a submitted file that does not compile is replaced by the starter's version
 * (or dropped if the starter has none) and compilation repeats until it succeeds.
 */
final class Compilation {

    /** A compiler error in a submitted file. */
    record Error(String file, long line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /** Where the classes went, the errors seen and the files replaced or dropped. */
    record Result(Path classes, List<Error> errors, List<String> replaced, List<String> dropped, boolean compiled) {
    }

    private static final int MAX_ROUNDS = 25;
    private static final int MAX_MESSAGE_CHARS = 300;

    private Compilation() {
    }

    static Result compile(Map<String, String> submitted, Map<String, String> starter, Path classes) throws IOException {
        Map<String, String> units = new TreeMap<>(starter);
        units.putAll(submitted);
        Set<String> fromStarter = new LinkedHashSet<>(starter.keySet());
        fromStarter.removeAll(submitted.keySet());
        List<Error> errors = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        boolean allStarter = false;
        boolean droppedStarter = false;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            clean(classes);
            List<Diagnostic<? extends JavaFileObject>> diagnostics = run(units, classes);
            if (diagnostics.isEmpty()) {
                return new Result(classes, errors, replaced, dropped, true);
            }
            Set<String> broken = new LinkedHashSet<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
                String file = d.getSource() == null ? "" : ((Source) d.getSource()).path;
                String message = d.getMessage(Locale.ROOT);
                errors.add(new Error(file, d.getLineNumber(), message.length() > MAX_MESSAGE_CHARS
                        ? message.substring(0, MAX_MESSAGE_CHARS) + "…" : message));
                broken.add(file);
            }
            boolean changed = false;
            for (String file : broken) {
                if (fromStarter.contains(file) || file.isEmpty()) {
                    continue;
                }
                changed = true;
                if (starter.containsKey(file)) {
                    units.put(file, starter.get(file));
                    fromStarter.add(file);
                    replaced.add(file);
                } else {
                    units.remove(file);
                    dropped.add(file);
                }
            }
            if (!changed && !droppedStarter && !allStarter) {
                // Only starter files fail, against a submitted file that changed a signature (e.g. the demo calls a
                // renamed method): leave those starter files out, so the submission keeps every method that works.
                for (String file : broken) {
                    if (!file.isEmpty() && starterOnly(file, submitted)) {
                        units.remove(file);
                        dropped.add(file + " (the starter's file no longer compiles against your code)");
                        changed = true;
                    }
                }
                droppedStarter = true;
            }
            if (!changed) {
                if (allStarter) {
                    break;
                }
                // The remaining errors sit in starter files, caused by submitted files that compile on their own
                // (e.g. a changed signature): fall back to the starter for every file.
                for (String file : submitted.keySet()) {
                    if (!fromStarter.contains(file)) {
                        (starter.containsKey(file) ? replaced : dropped).add(file);
                    }
                }
                units = new TreeMap<>(starter);
                fromStarter.addAll(starter.keySet());
                allStarter = true;
            }
        }
        return new Result(classes, errors, replaced, dropped, false);
    }

    private static boolean starterOnly(String file, Map<String, String> submitted) {
        return !submitted.containsKey(file);
    }

    private static List<Diagnostic<? extends JavaFileObject>> run(Map<String, String> units, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run the grader on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(collector, Locale.ROOT, null)) {
            Files.createDirectories(classes);
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
            files.setLocation(StandardLocation.CLASS_PATH, List.of());
            List<Source> sources = new ArrayList<>();
            units.forEach((path, text) -> sources.add(new Source(path, text)));
            List<String> options = List.of("--release", "17", "-proc:none", "-nowarn", "-Xmaxerrs", "100", "-implicit:class");
            javac.getTask(null, files, collector, options, null, sources).call();
        }
        return collector.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    }

    private static void clean(Path classes) throws IOException {
        if (!Files.exists(classes)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(classes)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        final String path;
        final String text;

        Source(String path, String text) {
            super(URI.create("string:///" + path.replaceAll("[^A-Za-z0-9/._$-]", "_")), Kind.SOURCE);
            this.path = path;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
