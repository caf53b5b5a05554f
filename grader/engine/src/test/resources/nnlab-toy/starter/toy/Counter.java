package toy;

/** A counter: handout section 2. */
public final class Counter {

    private int count;

    /** Starts counting at {@code start}. */
    public Counter(int start) {
        count = start;
    }

    /** §2.1 Adds one and returns the new count. */
    public int increment() {
        // TODO §2.1: add one to the count and return it.
        throw new UnsupportedOperationException("Not implemented yet: Counter.increment — see handout §2.1");
    }

    /** Returns the count. */
    public int count() {
        return count;
    }
}
