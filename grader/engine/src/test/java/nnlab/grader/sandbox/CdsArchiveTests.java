package nnlab.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The runtime's AppCDS archive is really dumped: the dumping JVM talks to the runtime over the wire, so a warm-up that
 * drifts from the protocol makes the runtime exit at once and every submission JVM start without an archive, which
 * nothing else would notice (only a log line at INFO says so).
 */
class CdsArchiveTests {

    @Test
    void theDumpingJvmWritesTheArchiveNextToTheRuntimeJar() throws Exception {
        RuntimeBundle runtime = RuntimeBundle.get();
        assertTrue(CdsArchive.dump(runtime, Path.of(System.getProperty("java.home"))),
                "the dump wrote no archive: does CdsArchive's warm-up still speak the protocol the runtime reads?");
        assertTrue(Files.isRegularFile(runtime.archive()) && Files.size(runtime.archive()) > 0, runtime.archive()
                + " is missing or empty after the dump");
    }
}
