package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A batch worker halts, which skips the deletion Aparapi asks for at exit: before it halts it deletes the folder that
 * its JNI library was unpacked into itself, or every worker of every batch would leave 2.8 MB in the temporary folder.
 */
class UnpackedNativeLibraryTests {

    @Test
    void theFolderAparapiUnpackedItsLibraryIntoIsDeleted() throws Exception {
        // Loading Aparapi's OpenCL entry point unpacks libaparapi.so into java.io.tmpdir/AparapiNNN and maps it.
        Class.forName("com.aparapi.internal.opencl.OpenCLLoader");
        Optional<Path> folder = mappedAparapiFolder();
        Assumptions.assumeTrue(folder.isPresent(), "no Aparapi library mapped (no /proc, or it failed to load)");
        assertTrue(Files.isDirectory(folder.get()), folder.get() + " should exist while the library is loaded");

        ChildMain.deleteUnpackedNativeLibraries();

        assertFalse(Files.exists(folder.get()), folder.get() + " is still there: see ChildMain.orphaned()");
    }

    private static Optional<Path> mappedAparapiFolder() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.filter(line -> line.endsWith("/libaparapi.so"))
                    .map(line -> Path.of(line.substring(line.lastIndexOf(' ') + 1)).getParent())
                    .findFirst();
        }
    }
}
