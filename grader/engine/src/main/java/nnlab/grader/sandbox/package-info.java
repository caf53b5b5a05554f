/**
 * Sandbox stage: the isolated submission JVM (isolation layers, limits, runtime jar, AppCDS) and the endpoint
 * that carries calls to it.
 */
package nnlab.grader.sandbox;
