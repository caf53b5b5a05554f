package nnlab.ps2.grading.api;

import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Activation}: passed as a constant only. */
@Implements("nnlab.Activation")
public interface Activation {
}
