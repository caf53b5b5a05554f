package nnlab.grader.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting folder trees on real files: everything in the tree goes, nothing outside it, whatever the tree holds. */
class FileTreesTests {

    private static final long CHATTR_SECONDS = 10;

    @TempDir
    Path dir;

    /** A tree with files, nested and empty folders; returns its root. */
    private Path tree(String name) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve("src/main/java"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("src/main/java/A.java"), "class A {}");
        return root;
    }

    private static List<String> entries(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Nested
    class EverythingInTheTree {

        @Test
        void goesWithTheRootAndNothingBesideIt() throws IOException {
            Path root = tree("root");
            Path beside = tree("beside");
            FileTrees.delete(root);
            assertFalse(Files.exists(root, LinkOption.NOFOLLOW_LINKS));
            assertEquals(List.of("empty", "pom.xml", "src", "src/main", "src/main/java", "src/main/java/A.java"),
                    entries(beside));
        }

        @Test
        void aMissingRootIsNothingToDo() throws IOException {
            FileTrees.delete(dir.resolve("missing"));
            assertTrue(Files.isDirectory(dir));
        }

        @Test
        void aRootThatIsAFileGoesAlone() throws IOException {
            Path file = Files.writeString(dir.resolve("file.txt"), "x");
            FileTrees.delete(file);
            assertFalse(Files.exists(file));
        }

        @Test
        void exceptWhatIsKeptAndTheFoldersHoldingIt() throws IOException {
            Path root = tree("root");
            Set<Path> kept = Set.of(root, root.resolve("src"), root.resolve("src/main"));
            FileTrees.delete(root, kept::contains);
            assertEquals(List.of("src", "src/main"), entries(root));
        }
    }

    @Nested
    class ALinkOutOfTheTree {

        @Test
        void isDeletedItselfAndWhatItPointsAtStays() throws IOException {
            Path outside = tree("outside");
            Path root = tree("root");
            Files.createSymbolicLink(root.resolve("folder-link"), outside);
            Files.createSymbolicLink(root.resolve("src/file-link"), outside.resolve("pom.xml"));
            Files.createSymbolicLink(root.resolve("dangling"), dir.resolve("nowhere"));
            FileTrees.delete(root);
            assertFalse(Files.exists(root, LinkOption.NOFOLLOW_LINKS));
            assertEquals(List.of("empty", "pom.xml", "src", "src/main", "src/main/java", "src/main/java/A.java"),
                    entries(outside));
            assertEquals("<project/>", Files.readString(outside.resolve("pom.xml")));
        }

        @Test
        void asTheRootIsDeletedItselfAndWhatItPointsAtStays() throws IOException {
            Path outside = tree("outside");
            Path link = Files.createSymbolicLink(dir.resolve("root-link"), outside);
            FileTrees.delete(link);
            assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
            assertEquals(6, entries(outside).size(), "the folder the root linked to keeps all of its entries");
        }

        @Test
        void swappedInForAFolderDuringTheDeleteIsNotFollowed() throws IOException {
            assumeTrue(secureStreams(), "this file system has no SecureDirectoryStream: deletes go by path there");
            Path outside = Files.createDirectories(dir.resolve("outside/c"));
            Files.writeString(outside.resolve("x.txt"), "someone else's");
            Path root = dir.resolve("root");
            Files.createDirectories(root.resolve("b/c"));
            Files.writeString(root.resolve("b/c/x.txt"), "the tree's");
            Path moved = dir.resolve("moved");
            // As the delete reaches the deepest file, b becomes a link to outside: a delete by path would now go there.
            IOException e = assertThrows(IOException.class, () -> FileTrees.delete(root, path -> {
                if (path.equals(root.resolve("b/c/x.txt"))) {
                    try {
                        Files.move(root.resolve("b"), moved);
                        Files.createSymbolicLink(root.resolve("b"), dir.resolve("outside"));
                    } catch (IOException io) {
                        throw new AssertionError("could not swap the folder for a link", io);
                    }
                }
                return false;
            }));
            assertEquals("someone else's", Files.readString(outside.resolve("x.txt")), e.toString());
            assertEquals(List.of(), entries(moved), "the folder that was in the tree is emptied where it went");
            assertTrue(e.getMessage().contains(root.resolve("b").toString()), "names the link: " + e.getMessage());
        }
    }

    @Nested
    class AnEntryThatCannotBeDeleted {

        @Test
        void failsNamingItAfterDeletingEverythingElse() throws IOException {
            Path root = tree("root");
            Path locked = Files.createDirectories(root.resolve("locked"));
            Files.writeString(locked.resolve("stuck.txt"), "x");
            Files.writeString(root.resolve("z.txt"), "after the locked folder");
            lock(locked);
            try {
                IOException e = assertThrows(IOException.class, () -> FileTrees.delete(root));
                assertTrue(e.getMessage().contains(locked.resolve("stuck.txt").toString()), e.getMessage());
                assertTrue(e.getMessage().contains("3 entries stayed"), "the file and the two folders above it: "
                        + e.getMessage());
            } finally {
                unlock(locked);
            }
            assertEquals(List.of("locked", "locked/stuck.txt"), entries(root), "everything else went");
        }

        @Test
        void aFolderThatCannotBeListedFailsNamingIt() throws IOException {
            Path root = tree("root");
            Path secret = Files.createDirectories(root.resolve("secret"));
            Files.writeString(secret.resolve("hidden.txt"), "x");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("-wx------"));
            try {
                assumeTrue(!Files.isReadable(secret), "this user reads every folder (root): nothing is unreadable");
                IOException e = assertThrows(IOException.class, () -> FileTrees.delete(root));
                assertTrue(e.getMessage().contains(secret.toString()), e.getMessage());
            } finally {
                Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
            }
            assertEquals(List.of("secret", "secret/hidden.txt"), entries(root), "everything else went");
        }

        @Test
        void anEmptyFolderThatCannotBeListedStillGoes() throws IOException {
            Path root = tree("root");
            Path sealed = Files.createDirectories(root.resolve("sealed"));
            Files.setPosixFilePermissions(sealed, PosixFilePermissions.fromString("---------"));
            FileTrees.delete(root);
            assertFalse(Files.exists(root));
        }
    }

    private boolean secureStreams() throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            return stream instanceof SecureDirectoryStream;
        }
    }

    /**
     * Makes the entries of {@code folder} undeletable: by its permissions, or, for a user whom permissions do not stop
     * (root), by the file system's immutable flag.
     */
    private static void lock(Path folder) throws IOException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-x------"));
        if (!Files.isWritable(folder)) {
            return;
        }
        assumeTrue(chattr("+i", folder), "neither permissions nor chattr +i can lock a folder here");
    }

    private static void unlock(Path folder) throws IOException {
        chattr("-i", folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }

    private static boolean chattr(String flag, Path path) {
        try {
            Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(CHATTR_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
