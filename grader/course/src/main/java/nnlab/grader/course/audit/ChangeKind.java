package nnlab.grader.course.audit;

import java.util.Map;

/**
 * The kind of change a mutant makes, in a student's words, for the diagnosis dictionary: derived from the mutation
 * operator and the operator symbols it swapped, never from the reference's code or a value.
 *
 * @param id     a short stable name, e.g. "sign"
 * @param phrase what the change did, to follow "your values are what it gives with …", e.g. "the sign of one term
 *               flipped"
 */
public record ChangeKind(String id, String phrase) {

    private static final ChangeKind SIGN = new ChangeKind("sign", "the sign of one term flipped");
    /** Symbols by the kind a swap between them makes: the key is "from→to". */
    private static final Map<String, ChangeKind> SWAPS = Map.ofEntries(
            Map.entry("+→-", SIGN),
            Map.entry("-→+", SIGN),
            Map.entry("*→/", new ChangeKind("product-to-quotient", "a multiplication turned into a division")),
            Map.entry("/→*", new ChangeKind("quotient-to-product", "a division turned into a multiplication")),
            Map.entry("%→/", new ChangeKind("remainder-to-quotient", "a remainder turned into a division")),
            Map.entry("<→<=", boundary("≤ instead of <")),
            Map.entry("<=→<", boundary("< instead of ≤")),
            Map.entry(">→>=", boundary("≥ instead of >")),
            Map.entry(">=→>", boundary("> instead of ≥")),
            Map.entry("==→!=", new ChangeKind("equality", "an equality test inverted (≠ instead of =)")),
            Map.entry("!=→==", new ChangeKind("equality", "an equality test inverted (= instead of ≠)")),
            Map.entry("&&→||", new ChangeKind("and-or", "“or” instead of “and” in a condition")),
            Map.entry("||→&&", new ChangeKind("and-or", "“and” instead of “or” in a condition")),
            Map.entry("++→--", new ChangeKind("step", "a counter stepped down instead of up")),
            Map.entry("--→++", new ChangeKind("step", "a counter stepped up instead of down")),
            Map.entry("+=→-=", new ChangeKind("accumulate-sign", "an accumulation's sign flipped (−= instead of +=)")),
            Map.entry("-=→+=", new ChangeKind("accumulate-sign", "an accumulation's sign flipped (+= instead of −=)")),
            Map.entry("*=→/=", new ChangeKind("scale", "a scaling divided instead of multiplied")),
            Map.entry("/=→*=", new ChangeKind("scale", "a scaling multiplied instead of divided")));

    private static ChangeKind boundary(String how) {
        return new ChangeKind("boundary", "a comparison's boundary moved (" + how + ")");
    }

    /** Returns the kind of change {@code c} makes in {@code source}, the file it applies to. */
    public static ChangeKind of(Candidate c, String source) {
        Candidate.Edit first = c.edits().get(0);
        String from = source.substring(first.start(), first.end());
        return switch (c.operator()) {
            case ARITHMETIC, RELATIONAL, INCREMENT -> SWAPS.getOrDefault(from + "→" + first.text(),
                    new ChangeKind(c.operator().label(), "one operator exchanged for another"));
            case NEGATE -> new ChangeKind("negate", "a condition negated");
            case CONSTANT -> new ChangeKind("constant", "a constant changed");
            case REMOVE -> new ChangeKind("remove", "one statement left out");
            case SWAP_ARGUMENTS -> new ChangeKind("swap", "two arguments of a call swapped");
            case RETURN_VALUE -> new ChangeKind("return", "the returned value replaced");
            case TRANSPOSE -> from.endsWith("transpose()") || first.text().equals("multiply")
                    ? new ChangeKind("transpose-dropped", "a transpose dropped")
                    : new ChangeKind("transpose-added", "a transpose added");
            case LOOP_BOUND -> new ChangeKind("loop-bound", "a loop bound off by one");
        };
    }
}
