package nnlab.grader.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nnlab.grader.Assignment;
import nnlab.grader.AssignmentSpec;
import nnlab.grader.ClasspathFolder;
import nnlab.grader.DiagnosisDictionary;

/**
 * An {@link Assignment} plug-in packaged the usual way: its build puts {@code assignment.json} and the starter's
 * sources ({@code starter/}) on the classpath under {@code nnlab-ID/}. A subclass names its id and graded test
 * classes, and supplies what differs: the submission's resources, the value types and the oracle's loader.
 */
public abstract class PackagedAssignment implements Assignment {

    private final String id;
    private final List<Class<?>> testClasses;
    private volatile AssignmentSpec spec;
    private volatile DiagnosisDictionary dictionary;

    /** Creates the plug-in for assignment {@code id}, graded by {@code testClasses} in that order. */
    protected PackagedAssignment(String id, List<Class<?>> testClasses) {
        this.id = id;
        this.testClasses = List.copyOf(testClasses);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final AssignmentSpec spec() {
        if (spec == null) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resources() + "assignment.json")) {
                if (in == null) {
                    throw new IllegalStateException("assignment.json is not on the classpath: rebuild the " + id
                            + " grader");
                }
                spec = AssignmentSpec.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return spec;
    }

    /**
     * Returns the dictionary {@code nnlab-ID/diagnosis-dictionary.tsv} on the classpath when it was made for this
     * version of the cases; empty when there is none or it was made for other cases (regenerate it: see
     * {@link DiagnosisDictionary#REGENERATE}).
     */
    @Override
    public final DiagnosisDictionary dictionary() {
        if (dictionary == null) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resources() + DiagnosisDictionary.FILE)) {
                dictionary = in == null ? DiagnosisDictionary.EMPTY
                        : DiagnosisDictionary.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                                .forCases(spec().cases().digest());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dictionary;
    }

    @Override
    public final List<Class<?>> testClasses() {
        return testClasses;
    }

    @Override
    public final Map<String, String> starterSources() {
        Map<String, String> sources = new LinkedHashMap<>();
        ClasspathFolder.read(getClass().getClassLoader(), resources() + "starter/")
                .forEach((path, bytes) -> sources.put(path, new String(bytes, StandardCharsets.UTF_8)));
        return sources;
    }

    /** Returns the files under {@code folder} of {@code loader}'s classpath by their path there, folder included. */
    protected static Map<String, byte[]> filesUnder(ClassLoader loader, String folder) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        ClasspathFolder.read(loader, folder).forEach((path, bytes) -> files.put(folder + path, bytes));
        return files;
    }

    private String resources() {
        return "nnlab-" + id + "/";
    }
}
