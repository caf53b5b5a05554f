/**
 * Support for assignment authors' graded tests, the same for every assignment: {@link nnlab.grader.support.Diagnosis}
 * names a {@link nnlab.grader.support.CataloguedMistake} in a test's feedback when a student's output matches what the
 * mistake would produce. An assignment keeps only its own catalogue (an enum implementing CataloguedMistake).
 */
package nnlab.grader.support;
