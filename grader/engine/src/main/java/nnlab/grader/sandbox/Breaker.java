package nnlab.grader.sandbox;

import java.util.HashMap;
import java.util.Map;

import nnlab.grader.Text;

/**
 * Stops calling code that keeps timing out: after {@link #METHOD_TRIPS} timeouts of calls into one method (or
 * constructor), or {@link #CLASS_TRIPS} into one class, later calls there fail at once with the timeout's message,
 * instead of each costing the per-call limit and a JVM restart. A constructor or static initializer that spins
 * therefore costs a few per-call limits per submission, not one per test.
 */
final class Breaker {

    /** Timeouts of one method before its calls stop. */
    static final int METHOD_TRIPS = 2;
    /** Timeouts anywhere in one class before its calls stop (a spinning static initializer hits every method). */
    static final int CLASS_TRIPS = 3;

    private final Map<String, Integer> byMethod = new HashMap<>();
    private final Map<String, Integer> byClass = new HashMap<>();
    private final Map<String, String> messages = new HashMap<>();

    /** Returns why calls to {@code method} of {@code type} are no longer made, or {@code null} when they still are. */
    String tripped(String type, String method) {
        if (byMethod.getOrDefault(key(type, method), 0) >= METHOD_TRIPS) {
            return messages.get(key(type, method)) + " — calls to " + shown(type, method) + " timed out "
                    + METHOD_TRIPS + " times, so this one was not made";
        }
        if (byClass.getOrDefault(type, 0) >= CLASS_TRIPS) {
            return messages.get(type) + " — calls into " + Text.name(type) + " timed out " + CLASS_TRIPS
                    + " times, so this one was not made";
        }
        return null;
    }

    /** Records that a call to {@code method} of {@code type} timed out with {@code message}. */
    void timedOut(String type, String method, String message) {
        byMethod.merge(key(type, method), 1, Integer::sum);
        byClass.merge(type, 1, Integer::sum);
        messages.putIfAbsent(key(type, method), message);
        messages.putIfAbsent(type, message);
    }

    private static String key(String type, String method) {
        return type + "#" + method;
    }

    private static String shown(String type, String method) {
        return Text.name(type) + ("<init>".equals(method) ? "'s constructor" : "." + Text.name(method));
    }
}
