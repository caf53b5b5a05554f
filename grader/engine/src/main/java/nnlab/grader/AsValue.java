package nnlab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a parameter: the student method takes the named value type (e.g. {@code nnlab.Matrix}) and the mirror passes its
 * representation (e.g. {@code double[][]}). On a method: the same for the return value. The assignment declares
 * each value type's factory and accessor.
 */
@Target({ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface AsValue {
    /** The fully qualified name of the student's value class. */
    String value();
}
