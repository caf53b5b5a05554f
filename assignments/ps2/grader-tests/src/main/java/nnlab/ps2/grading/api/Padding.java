package nnlab.ps2.grading.api;

import nnlab.grader.Implements;

/** Mirror of {@code nnlab.Padding}: VALID or SAME (§3.1). */
@Implements("nnlab.Padding")
public interface Padding {
}
