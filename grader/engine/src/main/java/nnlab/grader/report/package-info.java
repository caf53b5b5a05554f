/**
 * Report stage: Gradescope's results.json, written atomically and described by results.schema.json.
 */
package nnlab.grader.report;
