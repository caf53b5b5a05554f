package nnlab.grader.course.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One machine-made mutant of the correct sample: a single change by one operator inside one task's solution block.
 *
 * @param id       its name, stable for a given reference: "m" + its index among every change proposed + operator
 * @param operator the operator's label
 * @param task     the task it changes ({@code Class.method})
 * @param section  the task's handout section, e.g. "§4.1"
 * @param part     the part that owns the section
 * @param file     the changed file in the submission, e.g. "src/main/java/nnlab/Sgd.java"
 * @param line     the first changed line of that file
 * @param diff     the change as a unified diff against the correct sample
 * @param text     the changed file's whole text
 */
public record Mutant(String id, String operator, String task, String section, int part, String file, int line,
                     String diff, @JsonIgnore String text) {
}
