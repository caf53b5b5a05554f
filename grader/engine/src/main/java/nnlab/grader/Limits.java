package nnlab.grader;

/**
 * The resource limits of one submission's JVM, from the assignment's {@code limits}.
 *
 * @param perCallSeconds       processor time for one call into student code (its whole process tree; the wall-clock
 *                             backstop is a multiple of it)
 * @param perSubmissionSeconds processor time for every call of one submission together (likewise backstopped)
 * @param heapMegabytes        the child's maximum heap
 * @param outputKilobytes      student output accepted over the JVM's life
 * @param maxThreads           processes and threads the sandbox user may run
 */
public record Limits(int perCallSeconds, int perSubmissionSeconds, int heapMegabytes, int outputKilobytes, int maxThreads) {

    /** Checks that every limit is positive. */
    public Limits {
        if (perCallSeconds < 1 || perSubmissionSeconds < 1 || heapMegabytes < 16 || outputKilobytes < 1 || maxThreads < 16) {
            throw new IllegalArgumentException("Limits must be positive (heap ≥ 16 MB, threads ≥ 16): " + this);
        }
    }
}
