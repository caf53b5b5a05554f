/**
 * Run stage: discovers and runs an assignment's graded tests with student and oracle facades.
 */
package nnlab.grader.run;
