package nnlab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** On an API-interface method: calls a public static method of the named class. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Static {
    /** The fully qualified name of the student class. */
    String value();

    /** The static method's name. */
    String method();
}
