package nnlab.grader.course.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Every change an operator makes has a kind in a student's words, told from the operator and the symbols it swapped:
 * never the reference's code or a value.
 */
class ChangeKindTests {

    private static final String SOURCE = String.join("\n",
            "class Step {",
            "    static double[] step(double[] p, double[] g, double eta) {",
            "        double[] out = new double[p.length];",
            "        for (int i = 0; i < p.length; i++) {",
            "            if (g[i] >= 0.5) {",
            "                out[i] = p[i] - eta * g[i];",
            "            }",
            "            out[i] += 1.5;",
            "        }",
            "        return out;",
            "    }",
            "}", "");
    private static final TaskRegion ALL = new TaskRegion("Step.step", "§4.1", 1, 12);

    private static Set<String> kinds(MutationOperator op) {
        return MutantMaker.parse("Step.java", SOURCE, List.of(ALL)).candidates(List.of(op)).stream()
                .map(c -> ChangeKind.of(c, SOURCE).phrase()).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void namesArithmeticAndComparisonChangesByWhatTheyDid() {
        assertTrue(kinds(MutationOperator.ARITHMETIC).containsAll(Set.of("the sign of one term flipped",
                "a multiplication turned into a division")), kinds(MutationOperator.ARITHMETIC)::toString);
        assertTrue(kinds(MutationOperator.RELATIONAL).containsAll(Set.of("a comparison's boundary moved (≤ instead of <)",
                "a comparison's boundary moved (> instead of ≥)")), kinds(MutationOperator.RELATIONAL)::toString);
        assertEquals(Set.of("an accumulation's sign flipped (−= instead of +=)", "a counter stepped down instead of up"),
                kinds(MutationOperator.INCREMENT));
    }

    @Test
    void namesEveryOtherOperatorsChangeByItsOperator() {
        assertEquals(Set.of("a constant changed"), kinds(MutationOperator.CONSTANT));
        assertEquals(Set.of("one statement left out"), kinds(MutationOperator.REMOVE));
        assertEquals(Set.of("a condition negated"), kinds(MutationOperator.NEGATE));
        assertEquals(Set.of("a loop bound off by one"), kinds(MutationOperator.LOOP_BOUND));
        assertEquals(Set.of("the returned value replaced"), kinds(MutationOperator.RETURN_VALUE));
    }

    @Test
    void tellsADroppedTransposeFromAnAddedOne() {
        String source = "class M {\n    Object f(Matrix a, Matrix b) {\n        return a.transpose().multiply(b);\n    }\n}\n";
        TaskRegion all = new TaskRegion("M.f", "§3.2", 1, 5);
        Set<String> kinds = MutantMaker.parse("M.java", source, List.of(all)).candidates(
                List.of(MutationOperator.TRANSPOSE)).stream().map(c -> ChangeKind.of(c, source).phrase())
                .collect(Collectors.toSet());
        assertEquals(Set.of("a transpose dropped", "a transpose added"), kinds);
    }

    @Test
    void neverQuotesTheCodeOrAValue() {
        for (MutationOperator op : MutationOperator.values()) {
            for (String phrase : kinds(op)) {
                assertFalse(phrase.contains("eta") || phrase.contains("0.5") || phrase.contains("1.5")
                        || phrase.contains("p.length"), phrase);
            }
        }
    }
}
