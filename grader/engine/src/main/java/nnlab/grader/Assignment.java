package nnlab.grader;

import java.util.List;
import java.util.Map;

import nnlab.grader.protocol.ValueType;

/**
 * An assignment plugged into the grader, found with {@link java.util.ServiceLoader}: its descriptor, its hidden test
 * classes, the starter sources that replace files that do not compile, the resources its submissions read, the value
 * types of its API and the class loader of its reference solution.
 */
public interface Assignment {

    /** Returns the id used on the command line, e.g. "ps1". */
    String id();

    /** Returns the descriptor (points, due date, limits). */
    AssignmentSpec spec();

    /** Returns the classes holding {@link GradedTest} methods. */
    List<Class<?>> testClasses();

    /** Returns the starter's sources by path relative to the source root, e.g. "nnlab/Perceptron.java". */
    Map<String, String> starterSources();

    /** Returns resources to place on the submission's classpath, by path, e.g. "nnlab/data/digits.csv". */
    Map<String, byte[]> submissionResources();

    /** Returns the classes that travel by value between the grader and the submission JVM. */
    List<ValueType> valueTypes();

    /** Returns the class loader that defines the reference solution's classes (the oracle). */
    ClassLoader oracleLoader();

    /**
     * Returns the diagnosis dictionary made for this version of the scoring cases ({@link DiagnosisDictionary#forCases}):
     * machine-made mistakes that name what a failing test's values reproduce; empty by default.
     */
    default DiagnosisDictionary dictionary() {
        return DiagnosisDictionary.EMPTY;
    }

    /**
     * Trains the oracle with the assignment's training recipes and returns its runs, as the committed
     * {@link ReferenceRuns} file should hold them (takes seconds: for {@code course reference-runs} and the plug-in
     * contract tests, never for grading); {@link ReferenceRuns#NONE} for an assignment without training tests.
     */
    default ReferenceRuns trainReference() {
        return ReferenceRuns.NONE;
    }
}
