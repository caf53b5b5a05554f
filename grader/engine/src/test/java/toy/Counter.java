package toy;

/** The engine's fixture assignment, reference solution: a counter, handout section 2. */
public final class Counter {

    private int count;

    /** Starts counting at {@code start}. */
    public Counter(int start) {
        count = start;
    }

    /** §2.1 Adds one and returns the new count. */
    public int increment() {
        count++;
        return count;
    }

    /** Returns the count. */
    public int count() {
        return count;
    }
}
