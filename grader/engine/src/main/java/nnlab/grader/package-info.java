/**
 * The contracts assignment authors write against: the {@link nnlab.grader.Assignment} plug-in, its descriptor and
 * limits, the {@link nnlab.grader.GradedTest} annotation with its {@link nnlab.grader.Score} parameter, and the facade
 * annotations of API and mirror interfaces.
 */
package nnlab.grader;
