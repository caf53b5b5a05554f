package nnlab.grader.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The compiler process over its real protocol: a child JVM, one request per line, one reply per line. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompileServerTests {

    private static final long EXIT_SECONDS = 30;
    /** The first four bytes of every class file. */
    private static final int CLASS_FILE_MAGIC = 0xCAFEBABE;

    private Process server;
    private BufferedReader replies;
    private long nextId;

    @BeforeAll
    void start() throws IOException {
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), CompileServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        replies = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() throws Exception {
        server.getOutputStream().close();
        assertTrue(server.waitFor(EXIT_SECONDS, TimeUnit.SECONDS), "the server ends when its input closes");
        assertEquals(0, server.exitValue());
    }

    private Map<?, ?> compile(Map<String, String> units) throws IOException {
        long id = ++nextId;
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("units", units);
        OutputStream in = server.getOutputStream();
        in.write((Json.write(request) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        Map<?, ?> reply = (Map<?, ?>) Json.read(replies.readLine());
        assertEquals(id, reply.get("id"), "each reply answers its request");
        return reply;
    }

    @Test
    void compilesSourcesInMemoryIntoClassFiles() throws IOException {
        Map<?, ?> reply = compile(Map.of("p/A.java", "package p; public class A { class Inner {} }"));
        assertEquals("done", reply.get("status"));
        assertEquals(true, reply.get("success"));
        Map<?, ?> classes = (Map<?, ?>) reply.get("classes");
        assertEquals(List.of("p/A$Inner.class", "p/A.class"), classes.keySet().stream().map(String::valueOf).sorted()
                .toList());
        byte[] bytes = Base64.getDecoder().decode((String) classes.get("p/A.class"));
        int magic = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        assertEquals(CLASS_FILE_MAGIC, magic);
    }

    @Test
    void reportsErrorsByFileAndLineWithoutClasses() throws IOException {
        Map<String, String> units = new LinkedHashMap<>();
        units.put("p/Good.java", "package p; class Good {}");
        units.put("p/Bad.java", "package p;\nclass Bad {\n  int x = ;\n}");
        Map<?, ?> reply = compile(units);
        assertEquals("done", reply.get("status"));
        assertEquals(false, reply.get("success"));
        List<?> diagnostics = (List<?>) reply.get("diagnostics");
        assertTrue(!diagnostics.isEmpty(), reply::toString);
        Map<?, ?> first = (Map<?, ?>) diagnostics.get(0);
        assertEquals("p/Bad.java", first.get("file"));
        assertEquals(3L, first.get("line"));
        assertEquals(Map.of(), reply.get("classes"), "javac writes no class when any unit fails");
    }

    @Test
    void compilesAgainstTheJdkAloneNotItsOwnClassPath() throws IOException {
        Map<?, ?> reply = compile(Map.of("p/UsesRuntime.java",
                "package p; class UsesRuntime { nnlab.grader.runtime.Json json; }"));
        assertEquals(false, reply.get("success"), "the server's own classes are not the submission's to use");
    }

    @Test
    void servesManyRequestsInOneProcess() throws IOException {
        for (int i = 0; i < 3; i++) {
            assertEquals(true, compile(Map.of("q/C" + i + ".java", "package q; class C" + i + " {}")).get("success"));
        }
        assertTrue(server.isAlive());
    }
}
