package nnlab.grader.course.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The standard mutation operators {@code course audit} applies inside a task's solution block, one change each. */
public enum MutationOperator {
    /** {@code +} ↔ {@code -}, {@code *} ↔ {@code /}, {@code %} → {@code /}. */
    ARITHMETIC,
    /** A relational operator's boundary ({@code <} ↔ {@code <=}, {@code >} ↔ {@code >=}), {@code ==} ↔ {@code !=}, {@code &&} ↔ {@code ||}. */
    RELATIONAL,
    /** The condition of an {@code if}, a loop or a {@code ?:} negated. */
    NEGATE,
    /** A numeric literal replaced by 0, 1, −1, itself ± 1, twice or half itself. */
    CONSTANT,
    /** An assignment, call or increment statement removed (left as an empty statement). */
    REMOVE,
    /** Two neighbouring arguments of a call swapped (kept when javac accepts the swap: the types fit). */
    SWAP_ARGUMENTS,
    /** A returned value replaced: 0 or false for a primitive, an empty array, or a parameter of the returned type. */
    RETURN_VALUE,
    /** {@code ++} ↔ {@code --}, {@code +=} ↔ {@code -=}, {@code *=} ↔ {@code /=}. */
    INCREMENT,
    /** A matrix transpose dropped or added: {@code .transpose()} removed, {@code multiply} ↔ its transposing forms. */
    TRANSPOSE,
    /** A {@code for} loop's bound moved by one ({@code i < n} → {@code i < n - 1}, {@code i < n + 1}). */
    LOOP_BOUND;

    /** Returns the operator's name on the command line and in the report, e.g. "swap-arguments". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the operators a comma-separated list of labels names, every operator for null or blank.
     *
     * @throws IllegalArgumentException naming an unknown label and the known ones
     */
    public static List<MutationOperator> parse(String list) {
        if (list == null || list.isBlank()) {
            return List.of(values());
        }
        return Arrays.stream(list.split(",")).map(String::strip).map(label -> Arrays.stream(values())
                .filter(o -> o.label().equals(label)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "unknown operator \"" + label + "\" (known: " + String.join(", ",
                                Arrays.stream(values()).map(MutationOperator::label).toList()) + ")")))
                .distinct().toList();
    }
}
