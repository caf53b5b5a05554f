package nnlab.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import nnlab.grader.runtime.FileTrees;

/**
 * Copies and deletes folder trees for tests. Neither descends into a linked folder: a copy takes a link's target
 * file's content (a linked folder becomes an empty one), a delete removes the link itself. Failures are
 * {@link UncheckedIOException}s naming the path.
 */
public final class Trees {

    private Trees() {
    }

    /**
     * Copies every folder and file under {@code from} to the same place under {@code to}, creating folders and
     * replacing files that are already there; returns {@code to}.
     */
    public static Path copy(Path from, Path to) {
        return copyExcept(from, to);
    }

    /**
     * Copies like {@link #copy}, leaving out the top-level entries of {@code from} named in {@code skipped} and all
     * under them (e.g. {@code "target"}, a build's output); returns {@code to}.
     */
    public static Path copyExcept(Path from, Path to, String... skipped) {
        List<String> skip = Arrays.asList(skipped);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.sorted().toList()) {
                Path relative = from.relativize(source);
                if (relative.getNameCount() > 0 && skip.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + from + " to " + to, e);
        }
        return to;
    }

    /** Deletes {@code root} and everything under it ({@link FileTrees#delete(Path)}); nothing when it does not exist. */
    public static void delete(Path root) {
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
