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

import nnlab.grader.protocol.Protocol;
import nnlab.grader.protocol.Reply;
import nnlab.grader.protocol.Request;
import nnlab.grader.protocol.ValueType;

/**
 * Executes one protocol {@link Request} against the classes of one class loader and returns the {@link Reply}; it
 * compares nothing and decides nothing. The requests, the replies and the values they carry are specified by
 * {@link Request}, {@link Reply} and {@link Protocol}.
 */
public final class Dispatcher {

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

    /**
     * Handles one request line and returns the reply, with what the student's code printed meanwhile where output is
     * captured; never throws for bad input (a line that is not a request gets a protocol failure with no id).
     */
    public Reply.Answer handle(String requestLine) {
        Reply.Answer reply;
        try {
            Request request = Protocol.decodeRequest(requestLine);
            try {
                reply = execute(request);
            } catch (RuntimeException | LinkageError e) {
                reply = error(Reply.Failure.PROTOCOL, e.getClass().getName(), String.valueOf(e.getMessage()), List.of());
            }
            reply = withId(reply, request.id());
        } catch (IllegalArgumentException e) {
            reply = error(Reply.Failure.PROTOCOL, e.getClass().getName(), String.valueOf(e.getMessage()), List.of());
        }
        if (capture != null) {
            OutputCapture.Captured c = capture.drain();
            reply = reply.with(new Reply.Output(c.out(), c.err(), c.truncated()));
        }
        return reply;
    }

    private Reply.Answer execute(Request request) {
        if (request instanceof Request.Reset) {
            handles.clear();
            loader = Objects.requireNonNull(loaders.get());
            boolean clean = boundary.getAsBoolean();
            if (capture != null) {
                capture.beginTest();
            }
            return new Reply.Returned(Reply.NO_ID, null, Map.of(), !clean, Reply.Output.NONE);
        }
        String typeName;
        if (request instanceof Request.Constant constant) {
            typeName = constant.type();
        } else if (request instanceof Request.Invocation invocation) {
            typeName = invocation.type();
        } else {
            return error(Reply.Failure.PROTOCOL, "", "not a request for the dispatcher: " + request, List.of());
        }
        Class<?> type;
        try {
            type = resolve(typeName);
        } catch (ClassNotFoundException | LinkageError e) {
            return missing("Your submission has no class " + typeName + " (or it failed to load: " + e + ").");
        }
        if (request instanceof Request.Constant constant) {
            return constant(type, constant.name());
        }
        return invoke(type, (Request.Invocation) request);
    }

    private Reply.Answer constant(Class<?> type, String name) {
        if (!type.isEnum()) {
            return missing(type.getName() + " is not an enum.");
        }
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(name)) {
                return ok(Protocol.constant(name));
            }
        }
        return missing("Enum " + type.getName() + " has no constant " + name + ".");
    }

    private Reply.Answer invoke(Class<?> type, Request.Invocation request) {
        boolean constructor = request instanceof Request.Construct;
        boolean isStatic = request instanceof Request.CallStatic;
        String methodName = request instanceof Request.CallStatic s ? s.method()
                : request instanceof Request.CallMethod c ? c.method() : null;
        String expectedReturn = request instanceof Request.CallStatic s ? s.returns()
                : request instanceof Request.CallMethod c ? c.returns() : null;
        List<String> paramNames = request.params();
        Class<?>[] params = new Class<?>[paramNames.size()];
        for (int i = 0; i < params.length; i++) {
            try {
                params[i] = resolve(paramNames.get(i));
            } catch (ClassNotFoundException | LinkageError e) {
                return missing("Your submission has no class " + paramNames.get(i) + ".");
            }
        }
        String signature = (constructor ? type.getSimpleName() : methodName) + "(" + simpleNames(params) + ")";
        Executable target;
        Class<?> returnType;
        try {
            if (constructor) {
                Constructor<?> c = type.getConstructor(params);
                target = c;
                returnType = type;
            } else {
                Method m = type.getMethod(methodName, params);
                if (Modifier.isStatic(m.getModifiers()) != isStatic) {
                    return missing(type.getName() + "." + signature + " must " + (isStatic ? "" : "not ")
                            + "be static.");
                }
                target = m;
                returnType = m.getReturnType();
            }
        } catch (NoSuchMethodException e) {
            return missing(type.getName() + " has no public " + (constructor ? "constructor " : "method ") + signature + ".");
        } catch (LinkageError e) {
            return missing(type.getName() + " could not be loaded: " + e);
        }
        if (expectedReturn != null && !expectedReturn.equals(returnType.getTypeName())) {
            return missing(type.getName() + "." + signature + " returns " + returnType.getTypeName() + " but should return "
                    + expectedReturn + ".");
        }
        List<Object> jsonArgs = request.args();
        Object[] args = new Object[params.length];
        Object receiver = null;
        try {
            for (int i = 0; i < params.length; i++) {
                args[i] = decode(jsonArgs.get(i), params[i]);
            }
            if (request instanceof Request.CallMethod call) {
                receiver = decode(call.target(), type);
                if (receiver == null) {
                    return error(Reply.Failure.PROTOCOL, "", "no target object", List.of());
                }
            }
        } catch (InvocationTargetException e) {
            return thrown(e.getCause());
        } catch (RuntimeException | ReflectiveOperationException e) {
            return error(Reply.Failure.PROTOCOL, e.getClass().getName(), "bad argument: " + e.getMessage(), List.of());
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
            Object value = encode(result, returnType);
            Map<Integer, Object> values = new LinkedHashMap<>();
            for (int i : request.inout()) {
                values.put(i, encode(args[i], params[i]));
            }
            return new Reply.Returned(Reply.NO_ID, value, values, false, Reply.Output.NONE);
        } catch (InvocationTargetException e) {
            return thrown(e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return error(Reply.Failure.PROTOCOL, e.getClass().getName(), "the result could not be encoded: " + e.getMessage(),
                    List.of());
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
        Map<?, ?> entries = Protocol.mapOf(m);
        if (entries != null && type.isAssignableFrom(LinkedHashMap.class)) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                Object v = e.getValue();
                map.put(String.valueOf(e.getKey()), v instanceof Number || v instanceof String
                        ? Json.toScalar(v, Double.class) : v);
            }
            return map;
        }
        String constant = Protocol.constantOf(m);
        if (constant != null) {
            for (Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().equals(constant)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("no constant " + constant + " in " + type.getName());
        }
        long ref = Protocol.refOf(m);
        Object handle = handles.get(ref);
        if (handle == null || !type.isInstance(handle)) {
            throw new IllegalArgumentException("stale or mistyped object reference " + ref);
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
            return Protocol.constant(e.name());
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
        return Protocol.ref(id, value.getClass().getName());
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

    private Reply.Answer thrown(Throwable t) {
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
        return new Reply.Failed(Reply.NO_ID, Reply.Failure.EXCEPTION, shown.getClass().getName(), cap(message), frames,
                t instanceof VirtualMachineError, Reply.Output.NONE);
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

    private static Reply.Answer ok(Object value) {
        return new Reply.Returned(Reply.NO_ID, value, Map.of(), false, Reply.Output.NONE);
    }

    private static Reply.Answer missing(String message) {
        return error(Reply.Failure.MISSING, "", message, List.of());
    }

    private static Reply.Answer error(Reply.Failure failure, String cls, String message, List<String> frames) {
        return new Reply.Failed(Reply.NO_ID, failure, cls, cap(message), frames, false, Reply.Output.NONE);
    }

    private static String cap(String message) {
        return message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "…" : message;
    }

    private static Reply.Answer withId(Reply.Answer reply, long id) {
        if (reply instanceof Reply.Returned r) {
            return new Reply.Returned(id, r.value(), r.inout(), r.restart(), r.output());
        }
        Reply.Failed f = (Reply.Failed) reply;
        return new Reply.Failed(id, f.failure(), f.className(), f.message(), f.frames(), f.fatal(), f.output());
    }
}
