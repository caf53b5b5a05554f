package nnlab.grader.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Replaces files so that a reader (a TA's browser, a batch that is re-run, Gradescope) sees either the old content or
 * the complete new one, never a half-written file. The one place every results file, report and gradebook is
 * written through.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /**
     * Writes {@code bytes} to {@code file}, creating its folder and replacing the file atomically. The new file gets
     * the permissions of any file the user creates (the umask decides): gradebooks and reports hold grades, so a
     * course that keeps them private keeps them private.
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
