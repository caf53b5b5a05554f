package nnlab.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying and deleting folder trees, on real files. */
class TreesTests {

    @TempDir
    Path dir;

    private Path project() throws IOException {
        Path from = dir.resolve("from");
        Files.createDirectories(from.resolve("src/main/java"));
        Files.createDirectories(from.resolve("target/classes"));
        Files.createDirectories(from.resolve("empty"));
        Files.writeString(from.resolve("pom.xml"), "<project/>");
        Files.writeString(from.resolve("src/main/java/A.java"), "class A {}");
        Files.writeString(from.resolve("target/classes/A.class"), "bytes");
        Files.writeString(from.resolve("targets.txt"), "not a build output");
        return from;
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Nested
    class Copy {

        @Test
        void copiesEveryFolderAndFileWithItsContent() throws IOException {
            Path from = project();
            Path to = dir.resolve("to");
            assertSame(to, Trees.copy(from, to));
            assertEquals(files(from), files(to));
            assertEquals("class A {}", Files.readString(to.resolve("src/main/java/A.java")));
        }

        @Test
        void replacesFilesAlreadyThere() throws IOException {
            Path from = project();
            Path to = dir.resolve("to");
            Files.createDirectories(to);
            Files.writeString(to.resolve("pom.xml"), "old");
            Files.writeString(to.resolve("kept.txt"), "mine");
            Trees.copy(from, to);
            assertEquals("<project/>", Files.readString(to.resolve("pom.xml")));
            assertEquals("mine", Files.readString(to.resolve("kept.txt")), "a copy adds, it does not clear");
        }

        @Test
        void leavesOutOnlyTheNamedTopLevelEntries() throws IOException {
            Path from = project();
            Files.createDirectories(from.resolve("src/target"));
            Path to = Trees.copyExcept(from, dir.resolve("to"), "target");
            assertFalse(Files.exists(to.resolve("target")));
            assertTrue(Files.exists(to.resolve("targets.txt")), "only the entry named target is left out");
            assertTrue(Files.isDirectory(to.resolve("src/target")), "only at the top level");
        }

        @Test
        void aMissingSourceFailsNamingIt() {
            Path missing = dir.resolve("missing");
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> Trees.copy(missing, dir.resolve("to")));
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        }
    }

    @Nested
    class Delete {

        @Test
        void deletesTheRootAndEverythingUnderIt() throws IOException {
            Path from = project();
            Trees.delete(from);
            assertFalse(Files.exists(from));
            assertTrue(Files.exists(dir), "only the tree named goes");
        }

        @Test
        void aMissingRootIsNothingToDo() {
            Trees.delete(dir.resolve("missing"));
            assertTrue(Files.exists(dir));
        }

        @Test
        void aLinkIsDeletedNotFollowed() throws IOException {
            Path kept = project();
            Path root = Files.createDirectories(dir.resolve("root"));
            Files.createSymbolicLink(root.resolve("link"), kept);
            Trees.delete(root);
            assertFalse(Files.exists(root));
            assertEquals(files(dir.resolve("from")), files(kept), "the tree the link pointed at is untouched");
            assertTrue(Files.exists(kept.resolve("pom.xml")));
        }
    }
}
