package nnlab.ps2.grading.api;

import nnlab.grader.Implements;

/** Mirror of {@code nnlab.MaxPooling2D} (§3.3). */
@Implements("nnlab.MaxPooling2D")
public interface MaxPooling2D extends Layer {
}
