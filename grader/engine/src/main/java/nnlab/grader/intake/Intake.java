package nnlab.grader.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import nnlab.grader.Text;

/**
 * Reads a submission — a folder or a zip, holding the student's copy of the starter project or just its
 * {@code .java} files — into source texts keyed by their path under the source root. Takes regular files only: every
 * symbolic link (wherever it points), FIFO, device, socket or unreadable entry, in a folder or a zip, is skipped with a
 * note naming it, and none is ever opened, so nothing in a submission can block intake. Refuses zip-slip entries and
 * absurd sizes; ignores build output and tests; reads non-UTF-8 files as Latin-1 with a note.
 */
public final class Intake {

    /** The sources found, notes for the student, and a refusal reason ({@code null} when accepted). */
    public record Result(Map<String, String> sources, List<String> notes, String refusal) {
    }

    static final long MAX_TOTAL_BYTES = 20L << 20;
    static final long MAX_SOURCE_BYTES = 1L << 20;
    static final int MAX_ENTRIES = 5000;
    /** Entries looked at in a folder before intake stops: a folder of a million files must not slow grading. */
    static final int MAX_VISITED = 50_000;
    private static final int MAX_SKIP_NOTES = 20;
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final List<String> SKIPPED_FOLDERS = List.of("target", ".git", ".idea", "out", "build", "__MACOSX");

    private Intake() {
    }

    /** Reads {@code submission}, unpacking a zip into {@code work}. */
    public static Result read(Path submission, Path work) throws IOException {
        List<String> notes = new ArrayList<>();
        Path root = submission;
        if (!Files.exists(submission, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return new Result(Map.of(), notes, "the submission " + submission.getFileName() + " does not exist");
        }
        if (Files.isRegularFile(submission)) {
            if (!isZip(submission)) {
                return new Result(Map.of(), notes, "the submission is a file but not a zip archive: submit a zip of your"
                        + " project folder or of the .java files");
            }
            root = work.resolve("unzipped");
            String refusal = unzip(submission, root, notes);
            if (refusal != null) {
                return new Result(Map.of(), notes, refusal);
            }
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            return new Result(Map.of(), notes, "the submission could not be opened (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, Path> files = collect(realRoot, notes);
        if (files.isEmpty()) {
            return new Result(Map.of(), notes, "no .java files found in the submission");
        }
        boolean projectLayout = files.keySet().stream().anyMatch(p -> p.contains("src/main/java/"));
        Map<String, String> sources = new TreeMap<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            String path = e.getKey();
            if (path.contains("src/test/")) {
                continue;
            }
            if (projectLayout && !path.contains("src/main/java/")) {
                continue;
            }
            byte[] bytes = readRegular(e.getValue(), path, notes);
            if (bytes == null) {
                continue;
            }
            String text = decode(bytes, path, notes);
            String key;
            if (projectLayout) {
                key = path.substring(path.indexOf("src/main/java/") + "src/main/java/".length());
            } else {
                Matcher m = PACKAGE.matcher(text);
                String fileName = path.substring(path.lastIndexOf('/') + 1);
                key = (m.find() ? m.group(1).replace('.', '/') + "/" : "") + fileName;
            }
            if (sources.put(key, text) != null) {
                notes.add("two files map to " + Text.name(key) + "; kept " + Text.name(path));
            }
        }
        return new Result(sources, notes, null);
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    private static String unzip(Path zip, Path target, List<String> notes) throws IOException {
        Files.createDirectories(target);
        Path root = target.toRealPath();
        Set<String> special = ZipModes.notRegular(zip);
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    return "the zip has more than " + MAX_ENTRIES + " entries: submit only your project's sources";
                }
                String name = entry.getName().replace('\\', '/');
                Path out = root.resolve(name).normalize();
                if (name.startsWith("/") || name.contains(":") || !out.startsWith(root)) {
                    return "the zip contains an entry that points outside its own folder (\"" + Text.name(name) + "\"): such"
                            + " archives are refused; zip your project folder normally";
                }
                if (special.contains(entry.getName())) {
                    notes.add("skipped " + Text.name(name) + ": a symbolic link or other special file in the zip, not a"
                            + " regular file");
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (OutputStream os = Files.newOutputStream(out)) {
                    byte[] buffer = new byte[8192];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        total += n;
                        if (total > MAX_TOTAL_BYTES) {
                            return "the zip unpacks to more than " + (MAX_TOTAL_BYTES >> 20) + " MB: leave out target/"
                                    + " and data files";
                        }
                        os.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return "the zip could not be read (" + Text.name(String.valueOf(e.getMessage())) + "): make a fresh zip of your"
                    + " project folder";
        }
        return null;
    }

    private static Map<String, Path> collect(Path root, List<String> notes) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        long[] total = {0};
        int[] visited = {0};
        int[] skipped = {0};
        // Links are never followed (walkFileTree's default): a link that loops, dangles or leaves the submission is
        // one more entry, skipped with a note, like a FIFO, a device or a socket. Nothing here opens such an entry.
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (++visited[0] > MAX_VISITED) {
                    notes.add("stopped looking for sources after " + MAX_VISITED + " entries: submit only your project");
                    return FileVisitResult.TERMINATE;
                }
                return !dir.equals(root) && SKIPPED_FOLDERS.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (++visited[0] > MAX_VISITED) {
                    notes.add("stopped looking for sources after " + MAX_VISITED + " entries: submit only your project");
                    return FileVisitResult.TERMINATE;
                }
                String rel = root.relativize(file).toString().replace('\\', '/');
                if (!attrs.isRegularFile()) {
                    if (++skipped[0] <= MAX_SKIP_NOTES) {
                        notes.add("skipped " + Text.name(rel) + ": " + kind(attrs) + ", not a regular file");
                    } else if (skipped[0] == MAX_SKIP_NOTES + 1) {
                        notes.add("skipped more entries that are not regular files");
                    }
                    return FileVisitResult.CONTINUE;
                }
                if (!rel.endsWith(".java")) {
                    return FileVisitResult.CONTINUE;
                }
                long size = attrs.size();
                if (size > MAX_SOURCE_BYTES) {
                    notes.add("ignored " + Text.name(rel) + ": larger than " + (MAX_SOURCE_BYTES >> 10) + " KB");
                    return FileVisitResult.CONTINUE;
                }
                total[0] += size;
                if (files.size() < MAX_ENTRIES && total[0] <= MAX_TOTAL_BYTES) {
                    files.put(rel, file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                notes.add("could not read " + Text.name(root.relativize(file).toString()) + " ("
                        + e.getClass().getSimpleName() + "); it was skipped");
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static String kind(BasicFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            return "a symbolic link";
        }
        return attrs.isOther() ? "a FIFO, device or socket" : "not a file";
    }

    /**
     * Reads a regular file that is not a link, at most {@code MAX_SOURCE_BYTES + 1} bytes; returns {@code null} (with a
     * note) when it cannot be read or is no longer a regular file.
     */
    private static byte[] readRegular(Path file, String rel, List<String> notes) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) {
                notes.add("skipped " + Text.name(rel) + ": " + kind(attrs) + ", not a regular file");
                return null;
            }
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                return in.readNBytes((int) MAX_SOURCE_BYTES + 1);
            }
        } catch (IOException e) {
            notes.add("could not read " + Text.name(rel) + " (" + e.getClass().getSimpleName() + "); it was skipped");
            return null;
        }
    }

    private static String decode(byte[] bytes, String path, List<String> notes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            notes.add(Text.name(path) + " is not UTF-8 text; it was read as Latin-1 (ISO-8859-1). Save your sources as UTF-8.");
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
