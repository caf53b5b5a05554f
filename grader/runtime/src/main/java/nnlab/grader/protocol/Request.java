package nnlab.grader.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What the grader asks of the submission JVM's dispatcher (or of one in its own process), one request per line, each
 * answered by one {@link Reply} with the same {@code id}; {@link Protocol} alone writes and reads them.
 *
 * <p>Arguments, targets and results are values in the protocol's JSON (see {@link Protocol}): {@code null}, booleans,
 * numbers (non-finite doubles as the strings "NaN", "Infinity", "-Infinity"), strings, arrays, a value type's
 * representation (see {@link ValueType}), {@code {"ref": n}} for an object that stays in the submission JVM,
 * {@code {"const": name}} for an enum constant and {@code {"map": {name: value}}} for a map of names to values.
 * Type names are Java's ("double[][]", "nnlab.Dense"); {@code params} name the declared parameter types that select
 * the member, {@code returns} the return type the member must declare.
 */
public sealed interface Request {

    /** Returns the number that the reply to this request carries. */
    long id();

    /**
     * Opens a session: the first request of a submission JVM, naming the classes that travel by value. Answered by
     * {@link Reply.Ready}.
     */
    record Init(long id, List<ValueType> valueTypes) implements Request {
        /** Copies the value types. */
        public Init {
            valueTypes = List.copyOf(valueTypes);
        }
    }

    /**
     * Marks the boundary between two tests: the objects of earlier calls are forgotten, the student classes are loaded
     * afresh (so their static fields start over), output still buffered is dropped and the JVM-wide state is reset;
     * its reply {@link Reply.Returned#restart() asks for a restart} when that state could not be cleared (a thread the
     * student started is still running), and the grader then replaces the JVM.
     */
    record Reset(long id) implements Request {
    }

    /** Asks whether enum {@code type} has the constant {@code name}; the reply's value is {@code {"const": name}}. */
    record Constant(long id, String type, String name) implements Request {
    }

    /** A call of a constructor or method of the submission: what the three kinds of call have in common. */
    sealed interface Invocation extends Request {
        /** Returns the binary name of the class whose member is called. */
        String type();

        /** Returns the declared parameter types of the member, which select it among overloads. */
        List<String> params();

        /** Returns the arguments, one per parameter, as protocol values. */
        List<Object> args();

        /**
         * Returns the indices of the array arguments that the member may change in place: the reply carries their
         * values after the call ({@link Reply.Returned#inout()}).
         */
        List<Integer> inout();
    }

    /** Calls the public constructor of {@code type} with these parameter types; the reply's value is the object. */
    record Construct(long id, String type, List<String> params, List<Object> args, List<Integer> inout)
            implements Invocation {
        /** Copies the lists; arguments may be {@code null}. */
        public Construct {
            params = List.copyOf(params);
            args = copy(args);
            inout = List.copyOf(inout);
        }
    }

    /** Calls the public static method {@code method} of {@code type}, which must return {@code returns}. */
    record CallStatic(long id, String type, String method, String returns, List<String> params, List<Object> args,
                      List<Integer> inout) implements Invocation {
        /** Copies the lists; arguments may be {@code null}. */
        public CallStatic {
            params = List.copyOf(params);
            args = copy(args);
            inout = List.copyOf(inout);
        }
    }

    /**
     * Calls the public instance method {@code method} of {@code type} on {@code target} (an object reference or enum
     * constant), which must return {@code returns}.
     */
    record CallMethod(long id, String type, String method, String returns, Object target, List<String> params,
                      List<Object> args, List<Integer> inout) implements Invocation {
        /** Copies the lists; arguments may be {@code null}. */
        public CallMethod {
            params = List.copyOf(params);
            args = copy(args);
            inout = List.copyOf(inout);
        }
    }

    /**
     * Asks the compiler process to compile {@code units} (source path, e.g. "nnlab/Dense.java", to source text) in
     * memory, with no class path and no annotation processing; answered by {@link Reply.Compiled} or
     * {@link Reply.CompileCrashed}.
     */
    record Compile(long id, Map<String, String> units) implements Request {
        /** Copies the units, keeping their order. */
        public Compile {
            units = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(units));
        }
    }

    private static List<Object> copy(List<Object> values) {
        return Collections.unmodifiableList(new ArrayList<>(values));
    }
}
