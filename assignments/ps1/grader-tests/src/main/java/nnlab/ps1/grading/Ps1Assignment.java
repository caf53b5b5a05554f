package nnlab.ps1.grading;

import java.util.List;
import java.util.Map;

import nnlab.grader.ReferenceRuns;
import nnlab.grader.protocol.ValueType;
import nnlab.grader.run.Grader;
import nnlab.grader.support.PackagedAssignment;
import nnlab.ps1.grading.api.Ps1;

/** Problem set 1 as a grader plug-in: descriptor, hidden tests, starter sources, data sets, the Matrix value type. */
public final class Ps1Assignment extends PackagedAssignment {

    private static final List<Class<?>> TESTS = List.of(PerceptronGrading.class, ActivationLossGrading.class,
            BackpropGrading.class, OptimizerGrading.class, TrainingGrading.class);

    /** Creates the plug-in; {@link java.util.ServiceLoader} does this. */
    public Ps1Assignment() {
        super("ps1", TESTS);
    }

    @Override
    public Map<String, byte[]> submissionResources() {
        return filesUnder(nnlab.Dataset.class.getClassLoader(), "nnlab/data/");
    }

    @Override
    public List<ValueType> valueTypes() {
        return List.of(new ValueType("nnlab.Matrix", "double[][]", "of", "toArray"));
    }

    @Override
    public ClassLoader oracleLoader() {
        return nnlab.Perceptron.class.getClassLoader();
    }

    @Override
    public ReferenceRuns trainReference() {
        return TrainingGrading.trainReference(Grader.oracle(this, Ps1.class));
    }
}
