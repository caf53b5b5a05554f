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

    /** Writes the zip for {@code assignment} with {@code classpath} to {@code zip}; returns the names of its entries. */
    public static List<String> build(String assignment, List<Path> classpath, Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            add(out, "setup.sh", script("setup.sh"), names);
            add(out, "run_autograder", script("run_autograder"), names);
            add(out, "assignment", (assignment + "\n").getBytes(StandardCharsets.UTF_8), names);
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

    /** Names the jar of a class folder after its module: .../grader/course/target/classes → course-classes.jar. */
    private static String folderJarName(Path folder) {
        Path module = folder.getParent() != null ? folder.getParent().getParent() : null;
        String base = module != null && module.getFileName() != null ? module.getFileName().toString() : "classes";
        return base + "-" + folder.getFileName() + ".jar";
    }

    private static byte[] jar(Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes); Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted().toList()) {
                if (Files.isRegularFile(p)) {
                    out.putNextEntry(new JarEntry(folder.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
