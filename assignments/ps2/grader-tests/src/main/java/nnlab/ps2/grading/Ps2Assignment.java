package nnlab.ps2.grading;

import java.util.List;
import java.util.Map;

import nnlab.grader.ReferenceRuns;
import nnlab.grader.protocol.ValueType;
import nnlab.grader.run.Grader;
import nnlab.grader.support.PackagedAssignment;
import nnlab.ps2.grading.api.Ps2;

/**
 * Problem set 2 as a grader plug-in: descriptor, hidden tests, the ps2 starter's sources, data sets, the Matrix and
 * Tensor value types. The oracle is the same reference library as problem set 1's.
 */
public final class Ps2Assignment extends PackagedAssignment {

    private static final List<Class<?>> TESTS = List.of(ValidationGrading.class, RegularizationGrading.class,
            ConvGrading.class, TrainingGrading.class);

    /** Creates the plug-in; {@link java.util.ServiceLoader} does this. */
    public Ps2Assignment() {
        super("ps2", TESTS);
    }

    @Override
    public Map<String, byte[]> submissionResources() {
        return filesUnder(nnlab.Dataset.class.getClassLoader(), "nnlab/data/");
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

    @Override
    public ReferenceRuns trainReference() {
        return TrainingGrading.trainReference(Grader.oracle(this, Ps2.class));
    }
}
