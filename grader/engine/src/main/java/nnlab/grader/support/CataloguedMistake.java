package nnlab.grader.support;

import nnlab.grader.Score;

/**
 * A typical mistake the feedback can name, one constant of an assignment's catalogue enum: its id is the constant's
 * name, its sentence never contains an expected value.
 */
public interface CataloguedMistake {

    /** Returns the mistake's id, recorded in results.json (an enum constant's name). */
    String name();

    /** Returns the sentence naming this mistake, without the feedback line's prefix. */
    String sentence();

    /** Returns the feedback line naming this mistake. */
    default String message() {
        return Score.MISTAKE_PREFIX + sentence();
    }
}
