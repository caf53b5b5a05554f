package nnlab.grader.course;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the Gradescope autograder zip in one step: {@code setup.sh} and {@code run_autograder} at the root, the
 * assignment's id in {@code assignment}, and the grader's classpath as jars under {@code lib/} (class folders are
 * packed into jars). Only compiled classes travel, except the starter sources the grader substitutes for files that
 * do not compile; the reference solution is in it as classes only, never as source.
 */
public final class Bundle {

    /** Where setup.sh and run_autograder are on the classpath (copied there from ci/gradescope by the build). */
    static final String SCRIPTS = "nnlab-course/gradescope/";

    private Bundle() {
    }

    /** Returns the entries of this JVM's classpath that exist. */
    public static List<Path> currentClasspath() {
        List<Path> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (!e.isEmpty() && Files.exists(p)) {
                entries.add(p.toAbsolutePath());
            }
        }
        return entries;
    }

    /** The entry whose presence turns the leaderboard on. */
    static final String LEADERBOARD = "leaderboard";

    /** Writes the zip for {@code assignment} with {@code classpath} to {@code zip}; returns the names of its entries. */
    public static List<String> build(String assignment, List<Path> classpath, Path zip) throws IOException {
        return build(assignment, classpath, zip, false);
    }

    /**
     * Writes the zip as {@link #build(String, List, Path)} does; with {@code leaderboard}, it also holds the file
     * {@value #LEADERBOARD}, which makes run_autograder add Gradescope's leaderboard entry to every result.
     */
    public static List<String> build(String assignment, List<Path> classpath, Path zip, boolean leaderboard)
            throws IOException {
        List<String> names = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            add(out, "setup.sh", script("setup.sh"), names);
            add(out, "run_autograder", script("run_autograder"), names);
            add(out, "assignment", (assignment + "\n").getBytes(StandardCharsets.UTF_8), names);
            if (leaderboard) {
                add(out, LEADERBOARD, "Part 5's held-out accuracies go to Gradescope's leaderboard.\n"
                        .getBytes(StandardCharsets.UTF_8), names);
            }
            Set<String> jars = new LinkedHashSet<>();
            for (Path entry : classpath) {
                String name = Files.isDirectory(entry) ? folderJarName(entry) : entry.getFileName().toString();
                if (!name.endsWith(".jar") || !jars.add(name)) {
                    continue;
                }
                add(out, "lib/" + name, Files.isDirectory(entry) ? jar(entry) : Files.readAllBytes(entry), names);
            }
        }
        ResultsDoc.writeBytes(zip, bytes.toByteArray());
        return names;
    }

    private static void add(ZipOutputStream out, String name, byte[] content, List<String> names) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
        names.add(name);
    }

    private static byte[] script(String name) throws IOException {
        try (InputStream in = Bundle.class.getClassLoader().getResourceAsStream(SCRIPTS + name)) {
            if (in == null) {
                throw new IOException(SCRIPTS + name + " is not on the classpath: rebuild nnlab-course");
            }
            return in.readAllBytes();
        }
    }

    /**
     * Names the jar of a Maven class folder ({@code MODULE/target/classes}) after the module's artifactId, the name
     * its packaged jar would start with; falls back to the folder's path.
     */
    private static String folderJarName(Path folder) throws IOException {
        Path module = folder.getParent() != null ? folder.getParent().getParent() : null;
        Path pom = module != null ? module.resolve("pom.xml") : null;
        if (pom != null && Files.isRegularFile(pom)) {
            String text = Files.readString(pom);
            int parentEnd = text.indexOf("</parent>");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>([^<]+)</artifactId>")
                    .matcher(text);
            if (m.find(Math.max(0, parentEnd))) {
                return m.group(1) + ".jar";
            }
        }
        String base = module != null && module.getFileName() != null ? module.getFileName().toString() : "classes";
        return base + "-" + folder.getFileName() + ".jar";
    }

    private static byte[] jar(Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes); Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted().toList()) {
                String name = folder.relativize(p).toString().replace('\\', '/');
                if (name.isEmpty()) {
                    continue;
                }
                // Folder entries too: resource scans (the starter sources) list a folder through its entry.
                out.putNextEntry(new JarEntry(Files.isDirectory(p) ? name + "/" : name));
                if (Files.isRegularFile(p)) {
                    Files.copy(p, out);
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
