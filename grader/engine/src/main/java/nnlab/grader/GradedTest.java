package nnlab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a hidden-test method that earns {@link #points()}; parameters annotated {@link Student} or {@link Oracle}
 * receive facades, a {@link Score} parameter records partial credit case by case.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(GradedTestExtension.class)
public @interface GradedTest {
    /** The number shown in the report, e.g. "1.4" or "3.2.1"; tests sort by it. */
    String number();

    /** The title shown to the student. */
    String name();

    /** The points this test is worth. */
    double points();

    /**
     * When the result's details show: the failed cases with their messages, what the code printed, data tables. Set
     * it to {@link Visibility#AFTER_DUE_DATE} or {@link Visibility#HIDDEN} when they would reveal hidden cases.
     */
    Visibility visibility() default Visibility.VISIBLE;

    /**
     * When the test's name, status and points show. The default shows them from the start, so a student sees where
     * points went while they can still act on it; see {@link Disclosure}.
     */
    Visibility outcome() default Visibility.VISIBLE;

    /**
     * When the named likely mistake (or, failing that, what differs, without values) shows. The default shows it from
     * the start; see {@link Disclosure}.
     */
    Visibility diagnosis() default Visibility.VISIBLE;
}
