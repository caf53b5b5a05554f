package nnlab.ps2.grading.api;

import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Callback}. */
@Implements("nnlab.Callback")
public interface Callback {
}
