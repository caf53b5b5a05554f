package nnlab.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import nnlab.grader.authoring.AuthoringSpec;
import nnlab.grader.authoring.Markers;

/**
 * The starter exposes exactly the reference's public API in package {@code nnlab}: the same public types (kind,
 * modifiers, supertypes), constructors, methods (name, parameter types, return type, static-ness), fields with their
 * constant values, enum constants and record components. The grader calls the starter through this API, so any
 * drift breaks grading.
 *
 * <p>"The reference" is the reference as problem set 1 sees it: its sources rendered for ps1 with every task solved
 * (what {@code course sample} does for the correct sample, applied to every file), so what a later problem set adds
 * (files marked {@code //@file since ps2}, blocks marked {@code //@since ps2}) is not part of ps1's API.
 */
@DisplayName("API parity: starter-code/ps1/src/main/java against the reference, package nnlab")
class ApiParityTests {

    private static final String PACKAGE = "nnlab";

    /** The assignment whose starter starter-code/ps1/ is. */
    private static final String ASSIGNMENT = "ps1";

    @Test
    void starterDeclaresExactlyTheReferencesPublicApi() throws Exception {
        Path starterClasses = Compilation.starterMain();
        Map<String, Set<String>> reference;
        Map<String, Set<String>> starter;
        try (NnlabFirstClassLoader loader = new NnlabFirstClassLoader("starter-api", List.of(starterClasses),
                ApiParityTests.class.getClassLoader())) {
            starter = api(classNames(starterClasses), loader);
        }
        Path referenceClasses = referenceAsProblemSetOneSeesIt();
        try (NnlabFirstClassLoader loader = new NnlabFirstClassLoader("reference-api", List.of(referenceClasses),
                ApiParityTests.class.getClassLoader())) {
            reference = api(classNames(referenceClasses), loader);
        }
        assertThat("The reference's API as read from " + Compilation.referenceClasses() + " looks empty; the check "
                + "would compare nothing", reference.keySet(), hasItems("nnlab.Matrix", "nnlab.Perceptron#weightedSum"));
        List<String> differences = differences(reference, starter);
        assertThat("The starter's public API differs from the reference's; make starter-code/ps1/src/main/java/nnlab "
                + "declare exactly what reference-solution declares (students must not see a different API):\n  "
                + String.join("\n  ", differences) + "\n", differences, empty());
    }

    /** Renders every reference source for ps1 with its tasks solved, skipping excluded paths, and compiles them. */
    private static Path referenceAsProblemSetOneSeesIt() throws IOException {
        AuthoringSpec spec = AuthoringSpec.read(Repository.root(), ASSIGNMENT);
        AuthoringSpec.Starter starter = spec.starter();
        Markers markers = new Markers(spec.id(), Set.copyOf(starter.follows()), Markers.View.SOLUTION);
        Path reference = Repository.root().resolve(starter.reference());
        Path sources = Repository.scratch("reference-as-" + ASSIGNMENT);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(reference)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String name = reference.relativize(file).toString().replace('\\', '/');
            if (starter.exclude().stream().anyMatch(name::startsWith)) {
                continue;
            }
            Optional<String> text = markers.render(starter.reference() + "/" + name, Files.readString(file)).text();
            if (text.isPresent()) {
                Path target = sources.resolve(name);
                Files.createDirectories(target.getParent());
                Files.writeString(target, text.get());
            }
        }
        return Compilation.compile("reference-as-" + ASSIGNMENT + "-classes", sources, List.of());
    }

    /** Public members grouped by owner and name, e.g. "nnlab.Perceptron#weightedSum" → its descriptions. */
    private static Map<String, Set<String>> api(List<String> classNames, ClassLoader loader) throws Exception {
        Map<String, Set<String>> members = new TreeMap<>();
        for (String name : classNames) {
            Class<?> type = Class.forName(name, false, loader);
            if (!isExported(type)) {
                continue;
            }
            String owner = type.getName();
            add(members, owner, describeType(type));
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(c.getModifiers()) && !c.isSynthetic()) {
                    add(members, owner + "#<init>", "public " + type.getSimpleName()
                            + parameters(c.getGenericParameterTypes(), c.isVarArgs()));
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    add(members, owner + "#" + m.getName(), describe(m));
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) && !f.isSynthetic()) {
                    add(members, owner + "#" + f.getName(), describe(f));
                }
            }
            if (type.isRecord()) {
                for (RecordComponent rc : type.getRecordComponents()) {
                    add(members, owner + "#" + rc.getName(), "record component " + typeName(rc.getGenericType()) + " "
                            + rc.getName());
                }
            }
        }
        return members;
    }

    private static boolean isExported(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static String describeType(Class<?> type) {
        String kind = type.isRecord() ? "record" : type.isEnum() ? "enum" : type.isInterface() ? "interface" : "class";
        int modifiers = type.getModifiers() & (Modifier.PUBLIC | Modifier.FINAL | Modifier.ABSTRACT | Modifier.STATIC);
        if (type.isInterface()) {
            modifiers &= ~Modifier.ABSTRACT;
        }
        StringBuilder sb = new StringBuilder(Modifier.toString(modifiers)).append(' ').append(kind).append(' ')
                .append(type.getName());
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && !type.isEnum() && !type.isRecord() && superclass != Object.class) {
            sb.append(" extends ").append(typeName(superclass));
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            sb.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(ApiParityTests::typeName).collect(Collectors.joining(", ")));
        }
        return sb.toString();
    }

    private static String describe(Method m) {
        int modifiers = m.getModifiers() & (Modifier.PUBLIC | Modifier.STATIC | Modifier.ABSTRACT);
        return Modifier.toString(modifiers) + (m.isDefault() ? " default" : "") + " "
                + typeName(m.getGenericReturnType()) + " " + m.getName()
                + parameters(m.getGenericParameterTypes(), m.isVarArgs());
    }

    private static String describe(Field f) throws IllegalAccessException {
        if (f.isEnumConstant()) {
            return "enum constant " + f.getName();
        }
        int modifiers = f.getModifiers() & (Modifier.PUBLIC | Modifier.STATIC | Modifier.FINAL);
        String text = Modifier.toString(modifiers) + " " + typeName(f.getGenericType()) + " " + f.getName();
        boolean constant = Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())
                && (f.getType().isPrimitive() || f.getType() == String.class);
        return constant ? text + " = " + f.get(null) : text;
    }

    private static String parameters(Type[] types, boolean varArgs) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            String name = typeName(types[i]);
            names.add(varArgs && i == types.length - 1 ? name.replaceFirst("\\[]$", "...") : name);
        }
        return names.stream().collect(Collectors.joining(", ", "(", ")"));
    }

    private static String typeName(Type type) {
        return type.getTypeName();
    }

    private static void add(Map<String, Set<String>> members, String key, String description) {
        members.computeIfAbsent(key, k -> new TreeSet<>()).add(description);
    }

    private static List<String> differences(Map<String, Set<String>> reference, Map<String, Set<String>> starter) {
        Set<String> keys = new TreeSet<>(reference.keySet());
        keys.addAll(starter.keySet());
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            Set<String> inReference = reference.getOrDefault(key, Set.of());
            Set<String> inStarter = starter.getOrDefault(key, Set.of());
            Set<String> onlyReference = new TreeSet<>(inReference);
            onlyReference.removeAll(inStarter);
            Set<String> onlyStarter = new TreeSet<>(inStarter);
            onlyStarter.removeAll(inReference);
            String name = key.replace("#<init>", " (constructors)").replace('#', '.');
            if (onlyStarter.isEmpty() && !onlyReference.isEmpty()) {
                out.add(name + ": missing from the starter: " + onlyReference);
            } else if (onlyReference.isEmpty() && !onlyStarter.isEmpty()) {
                out.add(name + ": the starter has it, the reference does not: " + onlyStarter);
            } else if (!onlyReference.isEmpty()) {
                out.add(name + ": the reference declares " + onlyReference + " but the starter declares " + onlyStarter);
            }
        }
        return out;
    }

    /** The binary names of the classes directly in package nnlab (not its subpackages) under a folder or jar. */
    private static List<String> classNames(Path classes) {
        try {
            if (Files.isDirectory(classes)) {
                return classNamesIn(classes.resolve(PACKAGE));
            }
            try (FileSystem jar = FileSystems.newFileSystem(classes)) {
                return classNamesIn(jar.getPath("/" + PACKAGE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the classes in " + classes, e);
        }
    }

    private static List<String> classNamesIn(Path packageFolder) throws IOException {
        try (Stream<Path> files = Files.list(packageFolder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class"))
                    .map(n -> PACKAGE + "." + n.substring(0, n.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
    }
}
