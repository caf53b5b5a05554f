package nnlab.ps2.grading.api;

import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Loss}: passed as a constant only. */
@Implements("nnlab.Loss")
public interface Loss {
}
