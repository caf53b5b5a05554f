package toy;

/**
 * The engine's fixture assignment, reference solution: two student methods of handout section 1. Its source is also
 * the correct sample the engine's end-to-end tests grade (the build copies it to the test classpath).
 */
public final class Sums {

    private Sums() {
    }

    /** §1.1 Returns x². */
    public static double square(double x) {
        return x * x;
    }

    /** §1.2 Returns the sum of {@code xs}. */
    public static double sum(double[] xs) {
        double total = 0;
        for (double x : xs) {
            total += x;
        }
        return total;
    }
}
