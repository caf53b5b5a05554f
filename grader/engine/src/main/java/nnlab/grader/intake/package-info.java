/**
 * Intake stage: reads a submission folder or zip into source texts, refusing unsafe or absurd archives.
 */
package nnlab.grader.intake;
