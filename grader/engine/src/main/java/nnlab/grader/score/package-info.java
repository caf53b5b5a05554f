/**
 * Score stage: tolerant numerical comparison and gradient checks, used by {@link nnlab.grader.Score} and hidden tests.
 */
package nnlab.grader.score;
