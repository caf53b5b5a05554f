package nnlab.grader.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

import nnlab.grader.protocol.Protocol;
import nnlab.grader.protocol.Reply;
import nnlab.grader.protocol.Request;

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

    private Reply.Compiled compile(Map<String, String> units) throws IOException {
        long id = ++nextId;
        OutputStream in = server.getOutputStream();
        in.write((Protocol.encode(new Request.Compile(id, units)) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        Reply reply = Protocol.decodeReply(replies.readLine());
        assertEquals(id, reply.id(), "each reply answers its request");
        return assertInstanceOf(Reply.Compiled.class, reply, "javac finished");
    }

    @Test
    void compilesSourcesInMemoryIntoClassFiles() throws IOException {
        Reply.Compiled reply = compile(Map.of("p/A.java", "package p; public class A { class Inner {} }"));
        assertTrue(reply.success());
        Map<String, String> classes = reply.classes();
        assertEquals(List.of("p/A$Inner.class", "p/A.class"), classes.keySet().stream().sorted().toList());
        byte[] bytes = Base64.getDecoder().decode(classes.get("p/A.class"));
        int magic = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        assertEquals(CLASS_FILE_MAGIC, magic);
    }

    @Test
    void reportsErrorsByFileAndLineWithoutClasses() throws IOException {
        Map<String, String> units = new LinkedHashMap<>();
        units.put("p/Good.java", "package p; class Good {}");
        units.put("p/Bad.java", "package p;\nclass Bad {\n  int x = ;\n}");
        Reply.Compiled reply = compile(units);
        assertFalse(reply.success());
        assertTrue(!reply.diagnostics().isEmpty(), reply::toString);
        Reply.Diagnostic first = reply.diagnostics().get(0);
        assertEquals("p/Bad.java", first.file());
        assertEquals(3L, first.line());
        assertEquals(Map.of(), reply.classes(), "javac writes no class when any unit fails");
    }

    @Test
    void compilesAgainstTheJdkAloneNotItsOwnClassPath() throws IOException {
        Reply.Compiled reply = compile(Map.of("p/UsesRuntime.java",
                "package p; class UsesRuntime { nnlab.grader.runtime.Json json; }"));
        assertFalse(reply.success(), "the server's own classes are not the submission's to use");
    }

    @Test
    void servesManyRequestsInOneProcess() throws IOException {
        for (int i = 0; i < 3; i++) {
            assertTrue(compile(Map.of("q/C" + i + ".java", "package q; class C" + i + " {}")).success());
        }
        assertTrue(server.isAlive());
    }
}
