package nnlab.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each AppCDS archive is really dumped, and a JVM started as the sandbox starts it maps it: the dumping JVM talks to
 * the runtime over the wire, so a warm-up that drifts from the protocol makes the server exit at once and every JVM
 * of that kind start without an archive, which nothing else would notice (only a log line at INFO says so).
 */
class CdsArchiveTests {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"submission", "compiler"})
    void theDumpingJvmWritesAnArchiveThatTheSandboxsJvmMaps(String kind) throws Exception {
        CdsArchive cds = kind.equals("submission") ? CdsArchive.SUBMISSION : CdsArchive.COMPILER;
        RuntimeBundle runtime = RuntimeBundle.get();
        Path javaHome = Path.of(System.getProperty("java.home"));
        assertTrue(cds.dump(runtime, javaHome),
                "the dump wrote no archive: does CdsArchive's warm-up still speak the protocol the server reads?");
        Path archive = cds.archive(runtime);
        assertTrue(Files.isRegularFile(archive) && Files.size(archive) > 0, archive + " is missing or empty after the dump");
        // -Xshare:on fails where -Xshare:auto would silently start without the archive (flags or classpath differ).
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString()));
        command.addAll(kind.equals("submission") ? CdsArchive.SHARED_FLAGS : CdsArchive.COMPILER_FLAGS);
        command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-cp", runtime.jar().toString(),
                "-version"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), () -> "a JVM with the sandbox's flags cannot map " + archive + ":\n" + output);
    }
}
