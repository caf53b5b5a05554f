package nnlab.grader;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Proves that an API interface and the mirror interfaces reachable from it match a real implementation of the student
 * API (the reference): every {@link New} has its public constructor, every {@link Static} its public static method
 * with the same return type, every {@link Constant} its enum constant type, and every mirror method its public
 * instance method with the translated parameter and return types.
 */
public final class MirrorCheck {

    private MirrorCheck() {
    }

    /** Returns one line per mismatch between {@code api}'s mirrors and the classes of {@code loader}; empty if none. */
    public static List<String> problems(Class<?> api, ClassLoader loader) {
        List<String> problems = new ArrayList<>();
        Set<Class<?>> mirrors = new LinkedHashSet<>();
        for (Method m : api.getMethods()) {
            try {
                New create = m.getAnnotation(New.class);
                Static call = m.getAnnotation(Static.class);
                Constant constant = m.getAnnotation(Constant.class);
                if (create != null) {
                    Constructor<?> c = load(create.value(), loader).getConstructor(parameterTypes(m, loader));
                    if (!Modifier.isPublic(c.getModifiers())) {
                        problems.add(m + ": the constructor is not public");
                    }
                } else if (call != null) {
                    Method target = load(call.value(), loader).getMethod(call.method(), parameterTypes(m, loader));
                    if (!Modifier.isStatic(target.getModifiers())) {
                        problems.add(m + ": " + target + " is not static");
                    }
                    checkReturn(m, target, loader, problems);
                } else if (constant != null) {
                    if (!load(constant.value(), loader).isEnum()) {
                        problems.add(m + ": " + constant.value() + " is not an enum");
                    }
                } else {
                    problems.add(m + " has neither @New, @Static nor @Constant");
                }
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                problems.add(m + ": " + e);
            }
            collectMirrors(m, mirrors);
        }
        for (Class<?> mirror : mirrors) {
            Implements impl = mirror.getAnnotation(Implements.class);
            try {
                Class<?> real = load(impl.value(), loader);
                for (Method m : mirror.getMethods()) {
                    try {
                        Method target = real.getMethod(m.getName(), parameterTypes(m, loader));
                        if (Modifier.isStatic(target.getModifiers())) {
                            problems.add(m + ": " + target + " is static");
                        }
                        checkReturn(m, target, loader, problems);
                    } catch (NoSuchMethodException e) {
                        problems.add(mirror.getSimpleName() + "." + m.getName() + ": " + impl.value() + " has no such public method");
                    }
                }
            } catch (ClassNotFoundException e) {
                problems.add(mirror + ": " + e);
            }
        }
        return problems;
    }

    private static void collectMirrors(Method m, Set<Class<?>> mirrors) {
        List<Class<?>> types = new ArrayList<>(List.of(m.getParameterTypes()));
        types.add(m.getReturnType());
        for (Class<?> t : types) {
            Class<?> base = t.isArray() ? t.getComponentType() : t;
            if (base.isAnnotationPresent(Implements.class) && mirrors.add(base)) {
                for (Method inner : base.getMethods()) {
                    collectMirrors(inner, mirrors);
                }
            }
        }
    }

    private static void checkReturn(Method mirror, Method target, ClassLoader loader, List<String> problems)
            throws ClassNotFoundException {
        String expected = Facades.studentType(mirror.getReturnType(), mirror.getAnnotation(AsValue.class));
        Class<?> expectedType = expected.equals("void") ? void.class : load(expected, loader);
        if (!target.getReturnType().equals(expectedType)) {
            problems.add(mirror + ": " + target + " returns " + target.getReturnType().getTypeName() + ", not " + expected);
        }
    }

    private static Class<?>[] parameterTypes(Method m, ClassLoader loader) throws ClassNotFoundException {
        Parameter[] parameters = m.getParameters();
        Class<?>[] types = new Class<?>[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            types[i] = load(Facades.studentType(parameters[i].getType(), parameters[i].getAnnotation(AsValue.class)), loader);
        }
        return types;
    }

    private static Class<?> load(String name, ClassLoader loader) throws ClassNotFoundException {
        switch (name) {
            case "double": return double.class;
            case "int": return int.class;
            case "long": return long.class;
            case "boolean": return boolean.class;
            case "void": return void.class;
            default: break;
        }
        if (name.endsWith("[]")) {
            return load(name.substring(0, name.length() - 2), loader).arrayType();
        }
        return Class.forName(name, false, loader);
    }
}
