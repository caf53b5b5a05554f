/**
 * Compile stage: compiles a submission in process, falling back to the starter's files where it does not compile.
 */
package nnlab.grader.compile;
