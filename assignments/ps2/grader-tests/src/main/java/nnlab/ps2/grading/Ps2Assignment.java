package nnlab.ps2.grading;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nnlab.grader.Assignment;
import nnlab.grader.AssignmentSpec;
import nnlab.grader.ClasspathFolder;
import nnlab.grader.ValueType;

/**
 * Problem set 2 as a grader plug-in: descriptor, hidden tests, the ps2 starter's sources, data sets, the Matrix and
 * Tensor value types. The oracle is the same reference library as problem set 1's.
 */
public final class Ps2Assignment implements Assignment {

    /** The folder of this plug-in's resources on the classpath. */
    static final String RESOURCES = "nnlab-ps2/";

    private static final List<Class<?>> TESTS = List.of(ValidationGrading.class, RegularizationGrading.class,
            ConvGrading.class, TrainingGrading.class);

    private volatile AssignmentSpec spec;

    /** Creates the plug-in; {@link java.util.ServiceLoader} does this. */
    public Ps2Assignment() {
    }

    @Override
    public String id() {
        return "ps2";
    }

    @Override
    public AssignmentSpec spec() {
        if (spec == null) {
            try (InputStream in = Ps2Assignment.class.getClassLoader().getResourceAsStream(RESOURCES + "assignment.json")) {
                if (in == null) {
                    throw new IllegalStateException("assignment.json is not on the classpath: rebuild the ps2 grader");
                }
                spec = AssignmentSpec.read(in);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return spec;
    }

    @Override
    public List<Class<?>> testClasses() {
        return TESTS;
    }

    @Override
    public Map<String, String> starterSources() {
        Map<String, String> sources = new LinkedHashMap<>();
        ClasspathFolder.read(Ps2Assignment.class.getClassLoader(), RESOURCES + "starter/")
                .forEach((path, bytes) -> sources.put(path, new String(bytes, StandardCharsets.UTF_8)));
        return sources;
    }

    @Override
    public Map<String, byte[]> submissionResources() {
        Map<String, byte[]> data = new LinkedHashMap<>();
        ClasspathFolder.read(nnlab.Dataset.class.getClassLoader(), "nnlab/data/")
                .forEach((path, bytes) -> data.put("nnlab/data/" + path, bytes));
        return data;
    }

    @Override
    public List<ValueType> valueTypes() {
        // Tensors cross the boundary as rank-4 arrays (batch, height, width, channels); the hidden tests pass and
        // receive only rank-4 tensors, and matrices where the API takes a rank-2 batch.
        return List.of(new ValueType("nnlab.Matrix", "double[][]", "of", "toArray"),
                new ValueType("nnlab.Tensor", "double[][][][]", "of", "toArray4"));
    }

    @Override
    public ClassLoader oracleLoader() {
        return nnlab.Perceptron.class.getClassLoader();
    }
}
