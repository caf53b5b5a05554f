package toy;

/** Sums and squares: handout section 1. */
public final class Sums {

    private Sums() {
    }

    /** §1.1 Returns x². */
    public static double square(double x) {
        // TODO §1.1: return x times x.
        throw new UnsupportedOperationException("Not implemented yet: Sums.square — see handout §1.1");
    }

    /** §1.2 Returns the sum of {@code xs}. */
    public static double sum(double[] xs) {
        // TODO §1.2: add up the entries.
        throw new UnsupportedOperationException("Not implemented yet: Sums.sum — see handout §1.2");
    }
}
