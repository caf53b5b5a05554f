package nnlab.grader.runtime;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import nnlab.grader.protocol.Protocol;
import nnlab.grader.protocol.Reply;
import nnlab.grader.protocol.Request;

/**
 * The main class of the compiler process: {@code java -cp runtime.jar nnlab.grader.runtime.CompileServer}. It
 * compiles submissions with {@code javax.tools} in memory, one request per stdin line, one reply per stdout line, so
 * one process can serve many compilations until the grader replaces it (after a timeout, a crash or a memory breach).
 *
 * <p>Each line is a {@link Request.Compile}, answered by a {@link Reply.Compiled} when javac finished or a
 * {@link Reply.CompileCrashed} when it threw (a StackOverflowError on deeply nested code, say) or its output grew too
 * large. After an OutOfMemoryError the process replies if it can and halts: the grader starts a fresh one. The
 * compiler reads nothing but the JDK and the request: no class path, no annotation processing.
 */
public final class CompileServer {

    /** The javac options of every compilation. */
    public static final List<String> OPTIONS = List.of("--release", "17", "-proc:none", "-nowarn", "-Xmaxerrs", "10000",
            "-implicit:class", "-encoding", "UTF-8");

    private static final int MAX_MESSAGE_CHARS = 300;
    /** Enough of javac's log to reach the exception after its "please file a bug" header. */
    private static final int MAX_LOG_CHARS = 2000;
    private static final long MAX_CLASS_BYTES = 16L << 20;
    private static final int OUT_OF_MEMORY_EXIT = 3;

    private CompileServer() {
    }

    /** Serves compilation requests until stdin closes. */
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(FileDescriptor.in),
                StandardCharsets.UTF_8));
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Request.Compile request = (Request.Compile) Protocol.decodeRequest(line);
            long id = request.id();
            Reply reply;
            boolean fatal = false;
            try {
                reply = compile(javac, id, request.units());
            } catch (OutOfMemoryError e) {
                reply = new Reply.CompileCrashed(id, "OutOfMemoryError");
                fatal = true;
            } catch (StackOverflowError e) {
                reply = new Reply.CompileCrashed(id, "StackOverflowError");
            } catch (RuntimeException | Error e) {
                // javac wraps its own failures (e.g. a StackOverflowError deep in attribution) in RuntimeExceptions.
                reply = new Reply.CompileCrashed(id, rootCause(e));
            }
            out.write((Protocol.encode(reply) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (fatal) {
                Runtime.getRuntime().halt(OUT_OF_MEMORY_EXIT);
            }
        }
    }

    private static Reply compile(JavaCompiler javac, long id, Map<String, String> units) throws IOException {
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new LinkedHashMap<>();
        StringWriter log = new StringWriter();
        boolean success;
        try (StandardJavaFileManager standard = javac.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8)) {
            standard.setLocation(StandardLocation.CLASS_PATH, List.of());
            List<Source> sources = new ArrayList<>();
            units.forEach((path, text) -> sources.add(new Source(path, text)));
            JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                           FileObject sibling) {
                    return new ClassOutput(className, classes);
                }
            };
            success = javac.getTask(log, files, collector, OPTIONS, null, sources).call();
        }
        List<Reply.Diagnostic> diagnostics = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String message = d.getMessage(Locale.ROOT);
            diagnostics.add(new Reply.Diagnostic(d.getSource() instanceof Source s ? s.path : "", d.getLineNumber(),
                    message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "…" : message));
        }
        long total = 0;
        Map<String, String> encoded = new LinkedHashMap<>();
        for (Map.Entry<String, ByteArrayOutputStream> e : classes.entrySet()) {
            total += e.getValue().size();
            if (total > MAX_CLASS_BYTES) {
                return new Reply.CompileCrashed(id, "its class files exceed " + (MAX_CLASS_BYTES >> 20) + " MB");
            }
            encoded.put(e.getKey().replace('.', '/') + ".class", Base64.getEncoder().encodeToString(e.getValue().toByteArray()));
        }
        String text = log.toString();
        return new Reply.Compiled(id, success, diagnostics, encoded,
                text.length() > MAX_LOG_CHARS ? text.substring(0, MAX_LOG_CHARS) : text);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
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

    private static final class ClassOutput extends SimpleJavaFileObject {
        private final String className;
        private final Map<String, ByteArrayOutputStream> classes;

        ClassOutput(String className, Map<String, ByteArrayOutputStream> classes) {
            super(URI.create("mem:///" + className.replace('.', '/') + ".class"), Kind.CLASS);
            this.className = className;
            this.classes = classes;
        }

        @Override
        public OutputStream openOutputStream() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            classes.put(className, bytes);
            return bytes;
        }
    }
}
