package nnlab.ps2.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import nnlab.grader.DiagnosisDictionary;

/**
 * The committed diagnosis dictionary was made for this version of the scoring cases (a dictionary of other cases
 * names nothing, silently), and its sentences hold no value.
 */
class DiagnosisDictionaryTests {

    private static final String REGENERATE = DiagnosisDictionary.REGENERATE.replace("ID", "ps2");

    @Test
    void isMadeForTheseCasesOrSaysHowToRegenerateIt() throws IOException {
        Ps2Assignment assignment = new Ps2Assignment();
        String text;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("nnlab-ps2/" + DiagnosisDictionary.FILE)) {
            assertNotNull(in, "ps2 has no diagnosis dictionary: make it with " + REGENERATE);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        DiagnosisDictionary committed = DiagnosisDictionary.parse(text);
        assertEquals(assignment.spec().cases().digest(), committed.digest(), () -> "the diagnosis dictionary was made"
                + " for the cases " + committed.version() + ", not " + assignment.spec().cases().version() + ": it"
                + " names nothing until it is regenerated with " + REGENERATE);
        assertFalse(assignment.dictionary().entries().isEmpty(), "the plug-in reads the committed dictionary");
        assertEquals(text, committed.text("ps2"), "the file is as the command writes it: regenerate, never edit");
    }

    @Test
    void namesAMethodItsSectionAndAKindOfChangeNeverAValue() {
        for (DiagnosisDictionary.Entry e : new Ps2Assignment().dictionary().entries()) {
            assertTrue(e.method().matches("[A-Z][A-Za-z0-9]*\\.[a-z][A-Za-z0-9]*"), e::toString);
            assertTrue(e.section().matches("§[0-9]+(\\.[0-9]+)*"), e::toString);
            assertFalse(e.phrase().matches(".*[0-9].*"), () -> "a kind of change holds no number: " + e);
        }
    }
}
