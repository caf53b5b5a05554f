package nnlab.grader.sandbox;

import java.util.List;

/**
 * The isolation actually in force for submission JVMs, detected once per grader process and written into every
 * result.
 *
 * @param level    the strongest layer reached: "bubblewrap", "setpriv", "prlimit", "timeout" or "process"
 * @param layers   every layer used, outermost first
 * @param warnings why a stronger layer is missing, for the log and the TA
 */
public record Isolation(String level, List<String> layers, List<String> warnings) {
}
