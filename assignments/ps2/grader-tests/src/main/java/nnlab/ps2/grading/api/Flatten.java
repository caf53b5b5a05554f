package nnlab.ps2.grading.api;

import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Flatten}. */
@Implements("nnlab.Flatten")
public interface Flatten extends Layer {
}
