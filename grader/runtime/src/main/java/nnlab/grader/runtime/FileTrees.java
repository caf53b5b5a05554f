package nnlab.grader.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The one recursive delete of the grader, its runtime, its course tools and their tests. It never follows a link: a
 * link in the tree is deleted itself, and nothing outside the tree is touched, even when the tree is being changed
 * while it is deleted (student code that swaps a folder for a link to elsewhere gets a failure, not a delete there).
 * Where the platform offers a {@link SecureDirectoryStream} (Linux, macOS), every folder is opened and every entry
 * deleted relative to its parent's open handle, never by path; elsewhere each entry is checked to be no link just
 * before it is opened.
 */
public final class FileTrees {

    /** Failures recorded in full (as suppressed exceptions); the rest are only counted, so that memory stays bounded. */
    private static final int MAX_RECORDED_FAILURES = 16;

    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything under it; does nothing when {@code root} does not exist.
     *
     * @throws IOException when an entry could not be deleted or a folder could not be listed, after everything else
     *                     has been deleted: its message counts them, its cause and suppressed exceptions name them
     */
    public static void delete(Path root) throws IOException {
        delete(root, path -> false);
    }

    /**
     * Deletes {@code root} and everything under it as {@link #delete(Path)} does, and returns whether everything went
     * instead of throwing: for scratch folders, whose leftovers are harmless.
     */
    public static boolean deleteQuietly(Path root) {
        try {
            delete(root);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes {@code root} and everything under it, deepest first, except the entries {@code keep} accepts (each seen
     * as {@code root} resolved against its relative path, {@code root} itself included); a kept folder stays with
     * whatever is kept in it, the rest of it goes. A folder above a kept entry cannot go, so {@code keep} should accept
     * it too. Does nothing when {@code root} does not exist.
     *
     * @throws IOException              when an entry that is not kept could not be deleted or a folder could not be
     *                                  listed, after everything else has been deleted: its message counts them, its
     *                                  cause and suppressed exceptions name them
     * @throws IllegalArgumentException when {@code root} is the file system's root
     */
    public static void delete(Path root, Predicate<Path> keep) throws IOException {
        Path absolute = root.toAbsolutePath();
        if (absolute.getParent() == null) {
            throw new IllegalArgumentException("refusing to delete " + absolute + ", the file system's root");
        }
        Failures failures = new Failures(root);
        deleteEntry(new PathFolder(absolute.getParent()), absolute.getFileName(), root, keep, failures);
        failures.throwIfAny();
    }

    /** Deletes the entry {@code name} of {@code folder}, whose full path is {@code path}, and what is under it. */
    private static void deleteEntry(Folder folder, Path name, Path path, Predicate<Path> keep, Failures failures) {
        IOException unlisted = null;
        try {
            boolean isFolder = folder.isFolder(name);
            if (isFolder) {
                try (Folder inner = folder.open(name)) {
                    for (Path entry : inner.names()) {
                        deleteEntry(inner, entry, path.resolve(entry), keep, failures);
                    }
                } catch (NoSuchFileException e) {
                    return;
                } catch (IOException e) {
                    unlisted = e; // An empty folder that cannot be listed can still be deleted.
                }
            }
            if (!keep.test(path)) {
                folder.delete(name, isFolder);
            } else if (unlisted != null) {
                throw unlisted;
            }
        } catch (NoSuchFileException e) {
            // Gone already: what was asked for.
        } catch (IOException e) {
            failures.add(path, unlisted != null ? unlisted : e);
        }
    }

    /** A folder open for deleting its entries, which are named relative to it. */
    private interface Folder extends Closeable {

        /** The names of the entries, each a single-element relative path, sorted. */
        List<Path> names() throws IOException;

        /** Whether the entry is a folder itself, not a link to one. */
        boolean isFolder(Path name) throws IOException;

        /** Opens the entry, a folder, failing when it is a link or no longer the folder it was. */
        Folder open(Path name) throws IOException;

        void delete(Path name, boolean isFolder) throws IOException;

        /** Opens {@code path}, a folder, failing when it is a link or was replaced by one while being opened. */
        static Folder at(Path path) throws IOException {
            BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!before.isDirectory()) {
                throw new FileSystemException(path.toString(), null, "no longer a folder: not followed");
            }
            DirectoryStream<Path> stream = Files.newDirectoryStream(path);
            if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
                stream.close();
                return new PathFolder(path);
            }
            SecureFolder folder = new SecureFolder(secure);
            Object opened = secure.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
            if (!Objects.equals(opened, before.fileKey())) {
                folder.close();
                throw new FileSystemException(path.toString(), null, "replaced while being opened: not followed");
            }
            return folder;
        }
    }

    /** A folder held open: its entries are reached through its handle, so no path above them can be swapped. */
    private record SecureFolder(SecureDirectoryStream<Path> stream) implements Folder {

        @Override
        public List<Path> names() throws IOException {
            return sortedNames(stream);
        }

        @Override
        public boolean isFolder(Path name) throws IOException {
            return stream.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes().isDirectory();
        }

        @Override
        public Folder open(Path name) throws IOException {
            return new SecureFolder(stream.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        public void delete(Path name, boolean isFolder) throws IOException {
            if (isFolder) {
                stream.deleteDirectory(name);
            } else {
                stream.deleteFile(name);
            }
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /** A folder reached by its path, where the platform has no secure streams (and for the root's parent). */
    private record PathFolder(Path path) implements Folder {

        @Override
        public List<Path> names() throws IOException {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
                return sortedNames(stream);
            }
        }

        @Override
        public boolean isFolder(Path name) throws IOException {
            return Files.readAttributes(path.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .isDirectory();
        }

        @Override
        public Folder open(Path name) throws IOException {
            return Folder.at(path.resolve(name));
        }

        @Override
        public void delete(Path name, boolean isFolder) throws IOException {
            Files.delete(path.resolve(name));
        }

        @Override
        public void close() {
        }
    }

    private static List<Path> sortedNames(DirectoryStream<Path> stream) throws IOException {
        List<Path> names = new ArrayList<>();
        try {
            for (Path entry : stream) {
                names.add(entry.getFileName());
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        names.sort(null); // The same order on every file system, so a delete is repeatable.
        return names;
    }

    /** What could not be deleted under one root. */
    private static final class Failures {
        private final Path root;
        private final List<IOException> recorded = new ArrayList<>();
        private int count;

        Failures(Path root) {
            this.root = root;
        }

        /** Records that {@code path} stayed because of {@code e}, which may name it only relative to its folder. */
        void add(Path path, IOException e) {
            count++;
            if (recorded.size() < MAX_RECORDED_FAILURES) {
                recorded.add(new IOException(path + " (" + e + ")", e));
            }
        }

        void throwIfAny() throws IOException {
            if (count == 0) {
                return;
            }
            IOException first = recorded.get(0);
            IOException e = new IOException("could not delete all of " + root + ": " + count
                    + (count == 1 ? " entry" : " entries") + " stayed, the first " + first.getMessage(), first);
            recorded.subList(1, recorded.size()).forEach(e::addSuppressed);
            throw e;
        }
    }
}
