package nnlab.grader.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;

import nnlab.grader.runtime.Server;

/**
 * The one jar on the submission JVM's classpath: the runtime's classes and jackson-core, assembled from wherever
 * they are on this JVM's classpath into a world-readable cache folder named by their content hash (so a sandbox user
 * can read it and an AppCDS archive can sit next to it).
 */
final class RuntimeBundle {

    private static final Once<RuntimeBundle> INSTANCE = new Once<>(RuntimeBundle::build);

    private final Path folder;

    private RuntimeBundle(Path folder) {
        this.folder = folder;
    }

    /** Returns the bundle, building it on first use. */
    static RuntimeBundle get() {
        return INSTANCE.get();
    }

    /** Returns the folder holding the jar (and the AppCDS archives once made: {@link CdsArchive}). */
    Path folder() {
        return folder;
    }

    /** Returns the runtime jar. */
    Path jar() {
        return folder.resolve("runtime.jar");
    }


    private static RuntimeBundle build() {
        try {
            List<Path> sources = List.of(codeSource(Server.class), codeSource(JsonFactory.class));
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path source : sources) {
                for (Path file : files(source)) {
                    digest.update(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(file));
                }
            }
            String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
            Path folder = Path.of(System.getProperty("java.io.tmpdir"), "nnlab-grader-runtime-" + hash);
            Path jar = folder.resolve("runtime.jar");
            if (!Files.isRegularFile(jar)) {
                Files.createDirectories(folder);
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
                Path partial = Files.createTempFile(folder, "runtime", ".part");
                try (OutputStream out = Files.newOutputStream(partial); JarOutputStream jos = new JarOutputStream(out)) {
                    Set<String> seen = new HashSet<>();
                    for (Path source : sources) {
                        copyInto(jos, source, seen);
                    }
                }
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return new RuntimeBundle(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not assemble the submission runtime jar", e);
        } catch (NoSuchAlgorithmException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<Path> files(Path source) throws IOException {
        if (Files.isRegularFile(source)) {
            return List.of(source);
        }
        try (Stream<Path> walk = Files.walk(source)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void copyInto(JarOutputStream jos, Path source, Set<String> seen) throws IOException {
        if (Files.isRegularFile(source)) {
            try (JarFile jar = new JarFile(source.toFile())) {
                List<JarEntry> entries = new ArrayList<>();
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                    entries.add(e.nextElement());
                }
                for (JarEntry entry : entries) {
                    if (entry.isDirectory() || !entry.getName().endsWith(".class") || entry.getName().startsWith("META-INF/")
                            || !seen.add(entry.getName())) {
                        continue;
                    }
                    jos.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = jar.getInputStream(entry)) {
                        in.transferTo(jos);
                    }
                    jos.closeEntry();
                }
            }
            return;
        }
        for (Path file : files(source)) {
            String name = source.relativize(file).toString().replace('\\', '/');
            if (!name.endsWith(".class") || !seen.add(name)) {
                continue;
            }
            jos.putNextEntry(new JarEntry(name));
            Files.copy(file, jos);
            jos.closeEntry();
        }
    }
}
