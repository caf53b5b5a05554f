package nnlab.grader.runtime;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import nnlab.grader.protocol.Protocol;
import nnlab.grader.protocol.Reply;
import nnlab.grader.protocol.Request;
import nnlab.grader.protocol.ValueType;

/**
 * The main class of the submission JVM: {@code java -cp runtime.jar nnlab.grader.runtime.Server CLASSES_DIR
 * OUTPUT_BYTES}.
 *
 * <p>It keeps the real standard streams for itself and gives student code capturing ones. The first line on
 * stdin is a per-run secret; every reply is written as a fresh line {@code SECRET JSON}, so text that student code
 * manages to write to the real stdout is never mistaken for a reply. The second line is the {@link Request.Init}
 * request naming the value types. Student classes load in their own class loader whose parent is the platform loader, so they can
 * neither see nor shadow this runtime or Jackson; each test (each {@code reset}) gets a fresh one, and a
 * {@link TestBoundary} clears what else the student's code left behind.
 */
public final class Server {

    /** The name of the class loader that defines student classes; stack frames are filtered by it. */
    public static final String LOADER_NAME = "submission";

    private static final int PER_CALL_OUTPUT_BYTES = 8 * 1024;

    private Server() {
    }

    /** Serves requests until stdin closes. */
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(FileDescriptor.in),
                StandardCharsets.UTF_8));
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputCapture capture = new OutputCapture(PER_CALL_OUTPUT_BYTES, Long.parseLong(args[1]));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        System.setOut(capture.outStream());
        System.setErr(capture.errStream());

        String secret = in.readLine();
        String init = in.readLine();
        if (secret == null || secret.isBlank() || init == null) {
            return;
        }
        List<ValueType> valueTypes = ((Request.Init) Protocol.decodeRequest(init)).valueTypes();
        URL[] classes = {Path.of(args[0]).toUri().toURL()};
        Dispatcher dispatcher = new Dispatcher(() -> new URLClassLoader(LOADER_NAME, classes,
                ClassLoader.getPlatformClassLoader()), valueTypes, capture, new TestBoundary());
        byte[] prefix = ("\n" + secret + " ").getBytes(StandardCharsets.UTF_8);
        reply(out, prefix, Protocol.encode(new Reply.Ready()));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Reply reply = dispatcher.handle(line);
            reply(out, prefix, Protocol.encode(reply));
            if (reply instanceof Reply.Failed failed && failed.fatal()) {
                // After an OutOfMemoryError or similar the JVM is not trustworthy; the grader starts a fresh one.
                Runtime.getRuntime().halt(3);
            }
        }
    }

    private static void reply(OutputStream out, byte[] prefix, String json) throws IOException {
        synchronized (out) {
            out.write(prefix);
            out.write(json.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.flush();
        }
    }
}
