package nnlab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a mirror interface stands for a class of the student API, e.g. {@code @Implements("nnlab.Dense")}:
 * each interface method is called as the public method of the same name whose parameter types are the mirror's,
 * translated (mirror interfaces to the classes they implement, {@link AsValue} parameters to their value type).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Implements {
    /** The fully qualified name of the student class. */
    String value();
}
