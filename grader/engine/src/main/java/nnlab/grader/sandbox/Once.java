package nnlab.grader.sandbox;

import java.util.function.Supplier;

/**
 * A value made on first use and shared from then on: made once whichever threads ask at the same time, and made again
 * by the next caller when making it threw (nothing is kept of a failure).
 */
final class Once<T> {

    private final Supplier<T> make;
    private volatile T value;

    Once(Supplier<T> make) {
        this.make = make;
    }

    /** Returns the value, making it first when no call has made it yet. */
    T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) {
                    value = make.get();
                }
                v = value;
            }
        }
        return v;
    }
}
