package nnlab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import nnlab.grader.run.GradingExtension;

/**
 * Marks a hidden-test method that earns {@link #points()}; parameters annotated {@link Student} or {@link Oracle}
 * receive facades, a {@link Score} parameter records partial credit case by case.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(GradingExtension.class)
public @interface GradedTest {
    /** The number shown in the report, e.g. "1.4" or "3.2.1"; tests sort by it. */
    String number();

    /** The title shown to the student. */
    String name();

    /** The points this test is worth. */
    double points();

    /** Who sees the result, and when. */
    Visibility visibility() default Visibility.VISIBLE;
}
