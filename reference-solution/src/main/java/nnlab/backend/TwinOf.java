package nnlab.backend;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the {@link MatrixBackend} method a kernel implements, so its {@link JavaBackend} twin can be found.
 *
 * <p>Every Aparapi kernel class carries this annotation; the twin tests discover kernels by it and fail when a kernel
 * has none or names a method the backend does not have.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface TwinOf {

    /** The name of the {@link MatrixBackend} method, e.g. {@code "multiply"}. */
    String value();
}
