package auditfix;

/**
 * The audit's fixture assignment, reference solution: one student method of handout section 1.1, marked for the
 * assignment {@code audit-fixture} (the tests copy it, with the marker's id changed, for each variant of the
 * fixture). The tests' mutants are made from this file, and the hidden tests' oracle is this class.
 */
public final class Magnitude {

    /** Off: javac drops the branch it guards, so a change inside that branch compiles to the same bytecode. */
    private static final boolean STUB = false;

    private Magnitude() {
    }

    /** §1.1 Returns |x|. */
    public static double of(double x) {
        //@task audit-fixture Magnitude.of §1.1
        // TODO: return |x|.
        //@solution
        if (STUB) {
            return 0;
        }
        if (x < 0) {
            return -x;
        }
        return x;
        //@end
    }
}
