package nnlab.grader.protocol;

/**
 * A class of the assignment's API that travels by value between the grader and the submission JVM, e.g. a matrix:
 * it crosses the boundary as {@code repr}, is rebuilt by its static {@code factory} and read back by its
 * {@code accessor}.
 *
 * @param type     the class's binary name, e.g. "nnlab.Matrix"
 * @param repr     the Java type of its representation, e.g. "double[][]"
 * @param factory  the static method that builds an instance from the representation, e.g. "of"
 * @param accessor the instance method that returns the representation, e.g. "toArray"
 */
public record ValueType(String type, String repr, String factory, String accessor) {
}
