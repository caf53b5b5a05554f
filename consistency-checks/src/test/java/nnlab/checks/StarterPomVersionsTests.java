package nnlab.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * starter-code/ps1/pom.xml has no parent (it builds alone), so it repeats the versions it needs; the root pom stays the
 * one place they are decided. Every version the starter pins must equal what the root pom manages for the same artifact.
 */
@DisplayName("Versions pinned in starter-code/ps1/pom.xml equal the root pom's")
class StarterPomVersionsTests {

    private static final String RELEASE_PROPERTY = "maven.compiler.release";

    private final PomModel root = PomModel.read(Repository.root().resolve("pom.xml"));
    private final PomModel starter = PomModel.read(Repository.starter().resolve("pom.xml"));

    @Test
    void starterHasNoParentAndTheSameJavaRelease() {
        assertThat("starter-code/ps1/pom.xml must not declare a <parent>: students build it without the course"
                + " repository", starter.hasParent, is(false));
        assertThat("starter-code/ps1/pom.xml's " + RELEASE_PROPERTY + " is " + starter.properties.get(RELEASE_PROPERTY)
                + " but the root pom's is " + root.properties.get(RELEASE_PROPERTY) + ": make them equal",
                starter.properties.get(RELEASE_PROPERTY).equals(root.properties.get(RELEASE_PROPERTY)), is(true));
    }

    @Test
    void everyPinnedVersionEqualsTheRootPomsManagedVersion() {
        Map<String, String> managedByRoot = new HashMap<>();
        for (PomModel.Pinned p : root.pinned) {
            managedByRoot.putIfAbsent(p.key(), root.resolve(p.version()));
        }
        List<String> drift = new ArrayList<>();
        List<String> pinnedKeys = new ArrayList<>();
        for (PomModel.Pinned p : starter.pinned) {
            pinnedKeys.add(p.key());
            String version = starter.resolve(p.version());
            String expected = managedByRoot.get(p.key());
            if (expected == null) {
                drift.add(p.key() + " (" + p.where() + ") is pinned to " + version + " in the starter but the root pom "
                        + "manages no version for it: add it to the root pom's dependencyManagement/pluginManagement "
                        + "with a property, or drop it from the starter");
            } else if (!expected.equals(version)) {
                drift.add(p.key() + " (" + p.where() + "): the starter pins " + version + " but the root pom has "
                        + expected + "; copy the root pom's value into starter-code/ps1/pom.xml");
            }
        }
        for (Map.Entry<String, String> property : starter.properties.entrySet()) {
            String rootValue = root.properties.get(property.getKey());
            if (property.getKey().endsWith(".version") && rootValue != null && !rootValue.equals(property.getValue())) {
                drift.add("property " + property.getKey() + " is " + property.getValue() + " in the starter but "
                        + rootValue + " in the root pom");
            }
        }
        assertThat("Versions in starter-code/ps1/pom.xml that drifted from the root pom:\n  "
                + String.join("\n  ", drift) + "\n", drift, empty());
        assertThat("starter-code/ps1/pom.xml must pin the compiler and surefire plugins and the JUnit BOM and Hamcrest "
                + "(so a student's build is reproducible)", pinnedKeys, hasItems(
                "org.apache.maven.plugins:maven-compiler-plugin", "org.apache.maven.plugins:maven-surefire-plugin",
                "org.junit:junit-bom", "org.hamcrest:hamcrest"));
    }
}
