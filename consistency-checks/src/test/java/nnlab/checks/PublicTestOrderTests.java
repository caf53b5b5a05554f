package nnlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every starter's public tests run in the handout's order (issue 22): JUnit orders the top-level test classes by
 * display name, and each display name starts with the part it checks ("Part 1 — …", "Part 3–4 — …"), so sorting the
 * names as JUnit does must give non-decreasing part numbers.
 */
class PublicTestOrderTests {

    private static final String ORDER_KEY = "junit.jupiter.testclass.order.default";
    private static final String BY_DISPLAY_NAME = "org.junit.jupiter.api.ClassOrderer$DisplayName";
    /** A top-level class's display name: the annotation just before a line declaring a class. */
    private static final Pattern CLASS_NAME = Pattern.compile("^@DisplayName\\(\"([^\"]*)\"\\)\\s*\\n(?:final )?class ",
            Pattern.MULTILINE);
    private static final Pattern PART = Pattern.compile("^Part (\\d)(?:–\\d)? — ");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"starter-code/ps1", "starter-code/ps2"})
    void publicTestClassesRunInHandoutOrder(String starter) throws IOException {
        Path folder = Repository.root().resolve(starter).resolve("src/test");
        Properties junit = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve("resources/junit-platform.properties"))) {
            junit.load(in);
        }
        assertEquals(BY_DISPLAY_NAME, junit.getProperty(ORDER_KEY), starter + "'s junit-platform.properties must order"
                + " the test classes by display name, so that they run in the handout's order");
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder.resolve("java/nnlab"))) {
            for (Path file : files.filter(f -> f.toString().endsWith("Tests.java")).toList()) {
                Matcher m = CLASS_NAME.matcher(Files.readString(file));
                assertTrue(m.find(), () -> file + " has no @DisplayName on its class: name it \"Part N — …\"");
                names.add(m.group(1));
            }
        }
        assertFalse(names.isEmpty(), starter + " has no public test classes");
        names.sort(String::compareTo);
        int previous = 0;
        for (String name : names) {
            Matcher part = PART.matcher(name);
            assertTrue(part.find(), () -> "\"" + name + "\" must start with \"Part N — \" or \"Part N–M — \"");
            int number = Integer.parseInt(part.group(1));
            int before = previous;
            assertTrue(number >= before, () -> "in " + starter + ", \"" + name + "\" would run after Part " + before
                    + " (display names sort as " + names + ")");
            previous = number;
        }
    }
}
