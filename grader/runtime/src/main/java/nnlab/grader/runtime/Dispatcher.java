package nnlab.grader.runtime;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Executes one protocol request against the classes of one class loader and returns the reply; it compares nothing
 * and decides nothing.
 *
 * <p>Requests: {@code {"id", "op": "new"|"static"|"call"|"constant"|"reset", "type", "method", "params": [type
 * names], "returns": type name, "target", "args": [...], "inout": [indices]}}. Replies: {@code {"id", "ok": true,
 * "value", "inout": {index: value}}} or {@code {"id", "ok": false, "error": {"kind": "exception"|"missing"|"protocol",
 * "class", "message", "frames"}, "fatal"}}, plus {@code "out"}, {@code "err"} and {@code "truncated"} when output is
 * captured. Objects that are not values travel as {@code {"ref": n}}, enum constants as {@code {"const": name}}.
 *
 * <p>{@code reset} marks the boundary between two tests: the objects of earlier calls are forgotten, the student
 * classes are loaded afresh (so their static fields start over), output still buffered is dropped and the JVM-wide
 * state is reset; its reply carries {@code "restart": true} when that state could not be cleared (a thread the
 * student started is still running), and the grader then replaces the JVM.
 */
public final class Dispatcher {

    /** A class whose instances travel by value: built with {@code factory(repr)}, read back with {@code accessor()}. */
    public record ValueType(String type, String repr, String factory, String accessor) {
        /** Returns this value type as protocol JSON. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type);
            m.put("repr", repr);
            m.put("factory", factory);
            m.put("accessor", accessor);
            return m;
        }

        /** Reads a value type written by {@link #toJson}. */
        public static ValueType fromJson(Object json) {
            Map<?, ?> m = (Map<?, ?>) json;
            return new ValueType((String) m.get("type"), (String) m.get("repr"), (String) m.get("factory"),
                    (String) m.get("accessor"));
        }
    }

    private static final int MAX_FRAMES = 6;
    private static final int MAX_MESSAGE_CHARS = 2000;
    private static final Map<String, Class<?>> PRIMITIVES = Map.of("double", double.class, "int", int.class,
            "long", long.class, "boolean", boolean.class, "float", float.class, "void", void.class,
            "short", short.class, "byte", byte.class, "char", char.class);

    private final Supplier<ClassLoader> loaders;
    private final List<ValueType> valueTypes;
    private final OutputCapture capture;
    private final BooleanSupplier boundary;
    private final Map<Long, Object> handles = new HashMap<>();
    private ClassLoader loader;
    private long nextHandle = 1;

    /**
     * Creates a dispatcher over the classes {@code loader} defines, the same at every reset (the oracle).
     *
     * @param capture where student output goes, or {@code null} when output is not captured (in-process oracle)
     */
    public Dispatcher(ClassLoader loader, List<ValueType> valueTypes, OutputCapture capture) {
        this(() -> loader, valueTypes, capture, () -> true);
    }

    /**
     * Creates a dispatcher that loads the student classes with a fresh loader from {@code loaders} at the start and
     * at every reset.
     *
     * @param capture where student output goes, or {@code null} when output is not captured (in-process grading)
     * @param boundary resets the JVM-wide state at a reset; answers {@code false} when the JVM is not clean after it
     */
    public Dispatcher(Supplier<ClassLoader> loaders, List<ValueType> valueTypes, OutputCapture capture,
                      BooleanSupplier boundary) {
        this.loaders = Objects.requireNonNull(loaders);
        this.loader = Objects.requireNonNull(loaders.get());
        this.valueTypes = List.copyOf(valueTypes);
        this.capture = capture;
        this.boundary = Objects.requireNonNull(boundary);
    }

    /** Handles one request line and returns the reply line; never throws for bad input. */
    public String handle(String requestLine) {
        Object id = null;
        Map<String, Object> reply;
        try {
            Map<?, ?> request = (Map<?, ?>) Json.read(requestLine);
            id = request.get("id");
            reply = execute(request);
        } catch (RuntimeException | LinkageError e) {
            reply = error("protocol", e.getClass().getName(), String.valueOf(e.getMessage()), List.of());
        }
        reply.put("id", id);
        if (capture != null) {
            OutputCapture.Captured c = capture.drain();
            reply.put("out", c.out());
            reply.put("err", c.err());
            reply.put("truncated", c.truncated());
        }
        try {
            return Json.write(reply);
        } catch (RuntimeException e) {
            return Json.write(error("protocol", e.getClass().getName(), "the result could not be encoded", List.of()));
        }
    }

    private Map<String, Object> execute(Map<?, ?> request) {
        String op = String.valueOf(request.get("op"));
        if (op.equals("reset")) {
            handles.clear();
            loader = Objects.requireNonNull(loaders.get());
            boolean clean = boundary.getAsBoolean();
            if (capture != null) {
                capture.beginTest();
            }
            Map<String, Object> reply = ok(null);
            reply.put("restart", !clean);
            return reply;
        }
        String typeName = (String) request.get("type");
        Class<?> type;
        try {
            type = resolve(typeName);
        } catch (ClassNotFoundException | LinkageError e) {
            return missing("Your submission has no class " + typeName + " (or it failed to load: " + e + ").");
        }
        switch (op) {
            case "constant":
                return constant(type, (String) request.get("name"));
            case "new":
            case "static":
            case "call":
                return invoke(op, type, request);
            default:
                return error("protocol", "", "unknown op " + op, List.of());
        }
    }

    private Map<String, Object> constant(Class<?> type, String name) {
        if (!type.isEnum()) {
            return missing(type.getName() + " is not an enum.");
        }
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(name)) {
                return ok(Map.of("const", name));
            }
        }
        return missing("Enum " + type.getName() + " has no constant " + name + ".");
    }

    private Map<String, Object> invoke(String op, Class<?> type, Map<?, ?> request) {
        List<?> paramNames = (List<?>) request.get("params");
        Class<?>[] params = new Class<?>[paramNames.size()];
        for (int i = 0; i < params.length; i++) {
            try {
                params[i] = resolve((String) paramNames.get(i));
            } catch (ClassNotFoundException | LinkageError e) {
                return missing("Your submission has no class " + paramNames.get(i) + ".");
            }
        }
        String methodName = (String) request.get("method");
        String signature = (op.equals("new") ? type.getSimpleName() : methodName) + "(" + simpleNames(params) + ")";
        Executable target;
        Class<?> returnType;
        try {
            if (op.equals("new")) {
                Constructor<?> c = type.getConstructor(params);
                target = c;
                returnType = type;
            } else {
                Method m = type.getMethod(methodName, params);
                if (Modifier.isStatic(m.getModifiers()) != op.equals("static")) {
                    return missing(type.getName() + "." + signature + " must " + (op.equals("static") ? "" : "not ")
                            + "be static.");
                }
                target = m;
                returnType = m.getReturnType();
            }
        } catch (NoSuchMethodException e) {
            return missing(type.getName() + " has no public " + (op.equals("new") ? "constructor " : "method ") + signature + ".");
        } catch (LinkageError e) {
            return missing(type.getName() + " could not be loaded: " + e);
        }
        Object expectedReturn = request.get("returns");
        if (expectedReturn != null && !expectedReturn.equals(returnType.getTypeName())) {
            return missing(type.getName() + "." + signature + " returns " + returnType.getTypeName() + " but should return "
                    + expectedReturn + ".");
        }
        List<?> jsonArgs = (List<?>) request.get("args");
        Object[] args = new Object[params.length];
        Object receiver = null;
        try {
            for (int i = 0; i < params.length; i++) {
                args[i] = decode(jsonArgs.get(i), params[i]);
            }
            if (op.equals("call")) {
                receiver = decode(request.get("target"), type);
                if (receiver == null) {
                    return error("protocol", "", "no target object", List.of());
                }
            }
        } catch (InvocationTargetException e) {
            return thrown(e.getCause());
        } catch (RuntimeException | ReflectiveOperationException e) {
            return error("protocol", e.getClass().getName(), "bad argument: " + e.getMessage(), List.of());
        } catch (LinkageError e) {
            return thrown(e);
        }
        Object result;
        try {
            target.setAccessible(true);
            result = target instanceof Constructor<?> c ? c.newInstance(args) : ((Method) target).invoke(receiver, args);
        } catch (InvocationTargetException e) {
            return thrown(e.getCause());
        } catch (ExceptionInInitializerError e) {
            return thrown(e);
        } catch (IllegalAccessException | InstantiationException e) {
            return missing(type.getName() + "." + signature + " cannot be called: " + e.getMessage());
        } catch (LinkageError e) {
            return thrown(e);
        }
        try {
            Map<String, Object> reply = ok(encode(result, returnType));
            Object inout = request.get("inout");
            if (inout instanceof List<?> indices && !indices.isEmpty()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (Object index : indices) {
                    int i = ((Number) index).intValue();
                    values.put(String.valueOf(i), encode(args[i], params[i]));
                }
                reply.put("inout", values);
            }
            return reply;
        } catch (InvocationTargetException e) {
            return thrown(e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return error("protocol", e.getClass().getName(), "the result could not be encoded: " + e.getMessage(), List.of());
        } catch (StackOverflowError | OutOfMemoryError e) {
            return thrown(e);
        }
    }

    private Object decode(Object json, Class<?> type) throws ReflectiveOperationException {
        if (json == null) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("null for a " + type);
            }
            return null;
        }
        Object scalar = Json.toScalar(json, type);
        if (scalar != Json.NOT_A_SCALAR) {
            return scalar;
        }
        ValueType vt = valueType(type);
        if (vt != null) {
            Object repr = decode(json, resolve(vt.repr()));
            Method factory = type.getMethod(vt.factory(), resolve(vt.repr()));
            factory.setAccessible(true);
            return factory.invoke(null, repr);
        }
        if (type.isArray()) {
            List<?> list = (List<?>) json;
            Object array = Array.newInstance(type.getComponentType(), list.size());
            for (int i = 0; i < list.size(); i++) {
                Array.set(array, i, decode(list.get(i), type.getComponentType()));
            }
            return array;
        }
        Map<?, ?> m = (Map<?, ?>) json;
        if (m.containsKey("map") && type.isAssignableFrom(LinkedHashMap.class)) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) m.get("map")).entrySet()) {
                Object v = e.getValue();
                map.put(String.valueOf(e.getKey()), v instanceof Number || v instanceof String
                        ? Json.toScalar(v, Double.class) : v);
            }
            return map;
        }
        if (m.containsKey("const")) {
            for (Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().equals(m.get("const"))) {
                    return c;
                }
            }
            throw new IllegalArgumentException("no constant " + m.get("const") + " in " + type.getName());
        }
        Object handle = handles.get(((Number) m.get("ref")).longValue());
        if (handle == null || !type.isInstance(handle)) {
            throw new IllegalArgumentException("stale or mistyped object reference " + m.get("ref"));
        }
        return handle;
    }

    private Object encode(Object value, Class<?> declared) throws ReflectiveOperationException {
        if (value == null) {
            return null;
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof String || value instanceof Character) {
            return value;
        }
        if (value instanceof double[] || value instanceof int[] || value instanceof long[] || value instanceof boolean[]) {
            return value;
        }
        ValueType vt = valueType(value.getClass());
        if (vt != null) {
            Method accessor = value.getClass().getMethod(vt.accessor());
            accessor.setAccessible(true);
            return encode(accessor.invoke(value), resolve(vt.repr()));
        }
        if (value instanceof Object[] array) {
            List<Object> list = new ArrayList<>(array.length);
            for (Object o : array) {
                list.add(encode(o, declared.isArray() ? declared.getComponentType() : Object.class));
            }
            return list;
        }
        if (value instanceof Enum<?> e) {
            return Map.of("const", e.name());
        }
        if (value instanceof List<?> items) {
            List<Object> list = new ArrayList<>(items.size());
            for (Object o : items) {
                list.add(encode(o, Object.class));
            }
            return list;
        }
        long id = nextHandle++;
        handles.put(id, value);
        return Map.of("ref", id, "class", value.getClass().getName());
    }

    private ValueType valueType(Class<?> type) {
        for (ValueType vt : valueTypes) {
            if (vt.type().equals(type.getName())) {
                return vt;
            }
        }
        return null;
    }

    private Class<?> resolve(String name) throws ClassNotFoundException {
        Class<?> primitive = PRIMITIVES.get(name);
        if (primitive != null) {
            return primitive;
        }
        if (name.endsWith("[]")) {
            return resolve(name.substring(0, name.length() - 2)).arrayType();
        }
        return Class.forName(name, false, loader);
    }

    private Map<String, Object> thrown(Throwable t) {
        Throwable shown = t instanceof ExceptionInInitializerError && t.getCause() != null ? t.getCause() : t;
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : shown.getStackTrace()) {
            if (frames.size() == MAX_FRAMES) {
                break;
            }
            if (Objects.equals(e.getClassLoaderName(), loader.getName()) || loader.getName() == null && isOwnClass(e)) {
                frames.add(e.getClassName() + "." + e.getMethodName() + "(" + e.getFileName() + ":" + e.getLineNumber() + ")");
            }
        }
        String message = t instanceof ExceptionInInitializerError
                ? "a static initialiser failed: " + shown.getClass().getName() + ": " + shown.getMessage()
                : String.valueOf(shown.getMessage());
        Map<String, Object> reply = error("exception", shown.getClass().getName(), message, frames);
        if (t instanceof VirtualMachineError) {
            reply.put("fatal", true);
        }
        return reply;
    }

    private boolean isOwnClass(StackTraceElement e) {
        try {
            return Class.forName(e.getClassName(), false, loader).getClassLoader() == loader;
        } catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    private static String simpleNames(Class<?>[] params) {
        StringBuilder sb = new StringBuilder();
        for (Class<?> p : params) {
            sb.append(sb.length() == 0 ? "" : ", ").append(p.getSimpleName());
        }
        return sb.toString();
    }

    private static Map<String, Object> ok(Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("value", value);
        return m;
    }

    private static Map<String, Object> missing(String message) {
        return error("missing", "", message, List.of());
    }

    private static Map<String, Object> error(String kind, String cls, String message, List<String> frames) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", kind);
        e.put("class", cls);
        e.put("message", message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "…" : message);
        e.put("frames", frames);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("error", e);
        return m;
    }
}
