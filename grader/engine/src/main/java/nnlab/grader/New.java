package nnlab.grader;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** On an API-interface method: calls the public constructor of the named class with the method's parameter types. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface New {
    /** The fully qualified name of the student class. */
    String value();
}
