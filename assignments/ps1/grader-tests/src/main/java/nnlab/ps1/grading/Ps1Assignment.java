package nnlab.ps1.grading;

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

/** Problem set 1 as a grader plug-in: descriptor, hidden tests, starter sources, data sets, the Matrix value type. */
public final class Ps1Assignment implements Assignment {

    /** The folder of this plug-in's resources on the classpath. */
    static final String RESOURCES = "nnlab-ps1/";

    private static final List<Class<?>> TESTS = List.of(PerceptronGrading.class, ActivationLossGrading.class,
            BackpropGrading.class, OptimizerGrading.class, TrainingGrading.class);

    private volatile AssignmentSpec spec;

    /** Creates the plug-in; {@link java.util.ServiceLoader} does this. */
    public Ps1Assignment() {
    }

    @Override
    public String id() {
        return "ps1";
    }

    @Override
    public AssignmentSpec spec() {
        if (spec == null) {
            try (InputStream in = Ps1Assignment.class.getClassLoader().getResourceAsStream(RESOURCES + "assignment.json")) {
                if (in == null) {
                    throw new IllegalStateException("assignment.json is not on the classpath: rebuild the ps1 grader");
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
        ClasspathFolder.read(Ps1Assignment.class.getClassLoader(), RESOURCES + "starter/")
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
        return List.of(new ValueType("nnlab.Matrix", "double[][]", "of", "toArray"));
    }

    @Override
    public ClassLoader oracleLoader() {
        return nnlab.Perceptron.class.getClassLoader();
    }
}
