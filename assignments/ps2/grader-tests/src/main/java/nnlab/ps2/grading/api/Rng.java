package nnlab.ps2.grading.api;

import nnlab.grader.Implements;

/** A {@code java.util.Random} living in the student's JVM: Dropout draws its masks from it. */
@Implements("java.util.Random")
public interface Rng {
    /** The next uniform double in [0, 1). */
    double nextDouble();
}
