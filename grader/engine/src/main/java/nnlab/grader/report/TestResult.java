package nnlab.grader.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import nnlab.grader.Disclosure;
import nnlab.grader.Reader;
import nnlab.grader.TestStatus;
import nnlab.grader.Visibility;

/**
 * One test's entry in a results document. Gradescope shows its name, score and output under one visibility, the
 * outcome's (written as the entry's {@code visibility}); what shows later than the outcome is in {@link #extraData()},
 * which Gradescope never shows a student.
 *
 * @param name              the number and the title, e.g. "1.4 Perceptron predictions"
 * @param number            the test's number, e.g. "1.4"
 * @param score             the points earned, rounded as reported
 * @param maxScore          the points available, rounded as reported
 * @param status            passed or failed
 * @param output            the feedback text shown with the outcome
 * @param outcomeVisibility Gradescope's visibility of the entry ({@code visibility}): the outcome's
 * @param extraData         what the entry keeps besides: duration, disclosure, named mistakes, diagnosis, details, data
 */
public record TestResult(
        String name,
        String number,
        double score,
        @JsonProperty("max_score") double maxScore,
        TestStatus status,
        String output,
        @JsonProperty("visibility") String outcomeVisibility,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = TestData.Nothing.class)
        @JsonProperty("extra_data") TestData extraData) {

    /** Fills what an entry written without it lacks. */
    public TestResult {
        name = name == null ? "" : name;
        number = number == null ? "" : number;
        status = status == null ? TestStatus.FAILED : status;
        output = output == null ? "" : output;
        extraData = extraData == null ? TestData.NONE : extraData;
    }

    /** Returns whether the test earned all its points. */
    @JsonIgnore
    public boolean passed() {
        return status == TestStatus.PASSED;
    }

    /** Returns the title without the number the name starts with. */
    @JsonIgnore
    public String title() {
        return !number.isEmpty() && name.startsWith(number + " ") ? name.substring(number.length() + 1) : name;
    }

    /**
     * Returns the test's disclosure: as recorded, else (an entry written before disclosures) its outcome's visibility
     * for every part.
     */
    @JsonIgnore
    public Disclosure disclosure() {
        Visibility all = Visibility.fromGradescope(outcomeVisibility);
        TestData.Shown shown = extraData.disclosure();
        return shown == null ? new Disclosure(all, all, all) : shown.toDisclosure(all);
    }

    /** Returns whether {@code reader} sees {@code part} of this test's result. */
    public boolean shows(Disclosure.Part part, Reader reader) {
        return disclosure().shows(part, reader);
    }

    /**
     * Returns the full details: the failed cases, what the code printed; kept apart from the output when they show
     * later than the outcome.
     */
    @JsonIgnore
    public String details() {
        return extraData.details() != null ? extraData.details() : output;
    }

    /** Returns the feedback text {@code reader} sees below the test's outcome, by the engine's {@link Disclosure}. */
    public String textFor(Reader reader) {
        return disclosure().text(reader, status, details(), extraData.diagnosis());
    }
}
