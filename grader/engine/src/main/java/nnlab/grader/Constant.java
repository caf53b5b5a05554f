package nnlab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an API-interface method {@code M constant(String name)}: returns the named constant of the student enum as a
 * mirror {@code M}; it survives a restart of the submission JVM because it travels by name.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Constant {
    /** The fully qualified name of the student enum. */
    String value();
}
