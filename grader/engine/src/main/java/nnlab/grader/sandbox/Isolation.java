package nnlab.grader.sandbox;

import java.util.List;
import java.util.Map;

/**
 * The isolation actually in force for submission JVMs, detected once per grader process and written into every
 * result.
 *
 * @param level    the strongest layer reached: "bubblewrap", "setpriv", "prlimit", "timeout" or "process"
 * @param layers   every layer used, outermost first
 * @param warnings why a stronger layer is missing, for the log and the TA
 */
public record Isolation(String level, List<String> layers, List<String> warnings) {

    /** Returns this record as JSON-ready values for {@code extra_data}. */
    public Map<String, Object> toData() {
        return Map.of("level", level, "layers", layers, "warnings", warnings);
    }
}
