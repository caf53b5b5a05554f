package nnlab.grader;

import java.util.List;

/** JVM flags that let the submission JVM map the runtime's classes from an AppCDS archive when one exists. */
final class CdsArchive {

    private CdsArchive() {
    }

    static List<String> flags(Sandbox sandbox, Limits limits) {
        return List.of("-Xshare:auto");
    }
}
