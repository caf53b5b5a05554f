package nnlab.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Reads every file under a folder of the classpath, whether the folder sits in a directory or in a jar. */
public final class ClasspathFolder {

    private ClasspathFolder() {
    }

    /**
     * Returns the contents of every file under {@code folder} (e.g. "nnlab-ps1/starter/"), keyed by path relative to
     * it; empty when the folder is absent.
     */
    public static Map<String, byte[]> read(ClassLoader loader, String folder) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        Map<String, byte[]> files = new TreeMap<>();
        try {
            for (Enumeration<URL> urls = loader.getResources(prefix); urls.hasMoreElements();) {
                URL url = urls.nextElement();
                if (url.getProtocol().equals("file")) {
                    Path root = Path.of(url.toURI());
                    try (Stream<Path> walk = Files.walk(root)) {
                        for (Path p : walk.filter(Files::isRegularFile).toList()) {
                            files.putIfAbsent(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                        }
                    }
                } else if (url.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                            JarEntry entry = e.nextElement();
                            if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    files.putIfAbsent(entry.getName().substring(prefix.length()), in.readAllBytes());
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + prefix + " from the classpath", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }
}
