package nnlab.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads {@code nnlab.*} classes and {@code nnlab/} resources from its own folders first, everything else (JUnit,
 * Hamcrest, the JDK) from its parent: so a starter's {@code nnlab.Matrix} and the reference's, which this JVM already
 * has, never meet, while both sides share the one JUnit the launcher runs. Resources under {@code nnlab/} (the data
 * sets) come only from its own folders, so a missing copy is not hidden by the reference's.
 */
final class NnlabFirstClassLoader extends URLClassLoader {

    private static final String PACKAGE_PREFIX = "nnlab.";
    private static final String RESOURCE_PREFIX = "nnlab/";

    NnlabFirstClassLoader(String name, List<Path> roots, ClassLoader parent) {
        super(name, urls(roots), parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(PACKAGE_PREFIX)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notOurs) {
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        return name.startsWith(RESOURCE_PREFIX) ? findResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith(RESOURCE_PREFIX) ? findResources(name) : super.getResources(name);
    }

    private static URL[] urls(List<Path> roots) {
        URL[] urls = new URL[roots.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = roots.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(new IOException("Not a loadable path: " + roots.get(i), e));
            }
        }
        return urls;
    }
}
