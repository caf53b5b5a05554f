package nnlab.grader.run;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import nnlab.grader.AsValue;
import nnlab.grader.Constant;
import nnlab.grader.Implements;
import nnlab.grader.InOut;
import nnlab.grader.New;
import nnlab.grader.Static;
import nnlab.grader.StudentException;
import nnlab.grader.protocol.Protocol;
import nnlab.grader.protocol.Reply;
import nnlab.grader.protocol.Request;
import nnlab.grader.runtime.Json;
import nnlab.grader.sandbox.Endpoint;

/**
 * Builds typed facades over an {@link Endpoint}: an API interface whose methods carry {@link New}, {@link Static}
 * or {@link Constant}, and mirror interfaces ({@link Implements}) for the objects they return.
 */
final class Facades {

    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private Facades() {
    }

    /** Returns a proxy of {@code api} whose calls go to {@code endpoint}. */
    static <T> T create(Class<T> api, Endpoint endpoint) {
        if (!api.isInterface()) {
            throw new IllegalArgumentException(api + " must be an interface of @New/@Static/@Constant methods");
        }
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, new ApiHandler(endpoint)));
    }

    /** Returns the student class a mirror type stands for, e.g. "nnlab.Dense[]" for {@code Dense[]}. */
    static String studentType(Class<?> mirror, AsValue asValue) {
        if (asValue != null) {
            return asValue.value();
        }
        if (mirror.isArray()) {
            return studentType(mirror.getComponentType(), null) + "[]";
        }
        Implements impl = mirror.getAnnotation(Implements.class);
        return impl != null ? impl.value() : mirror.getTypeName();
    }

    private record ApiHandler(Endpoint endpoint) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, "student API facade");
            }
            New create = method.getAnnotation(New.class);
            Static call = method.getAnnotation(Static.class);
            Constant constant = method.getAnnotation(Constant.class);
            if (constant != null) {
                send(endpoint, new Request.Constant(REQUEST_IDS.incrementAndGet(), constant.value(), (String) args[0]));
                return mirror(endpoint, method.getReturnType(), null, (String) args[0]);
            }
            if (create != null) {
                return invokeRemote(endpoint, method, args, (id, params, encoded, inout) ->
                        new Request.Construct(id, create.value(), params, encoded, inout));
            }
            if (call != null) {
                String returns = studentType(method.getReturnType(), method.getAnnotation(AsValue.class));
                return invokeRemote(endpoint, method, args, (id, params, encoded, inout) ->
                        new Request.CallStatic(id, call.value(), call.method(), returns, params, encoded, inout));
            }
            throw new IllegalStateException(method + " needs @New, @Static or @Constant");
        }
    }

    private static final class MirrorHandler implements InvocationHandler {
        final Endpoint endpoint;
        final Class<?> mirror;
        final Long ref;
        final String constant;
        final int generation;

        MirrorHandler(Endpoint endpoint, Class<?> mirror, Long ref, String constant) {
            this.endpoint = endpoint;
            this.mirror = mirror;
            this.ref = ref;
            this.constant = constant;
            this.generation = endpoint.generation();
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, studentType(mirror, null) + (constant != null ? "." + constant : "#" + ref));
            }
            String type = studentType(mirror, null);
            String returns = studentType(method.getReturnType(), method.getAnnotation(AsValue.class));
            Object target = reference();
            return invokeRemote(endpoint, method, args, (id, params, encoded, inout) ->
                    new Request.CallMethod(id, type, method.getName(), returns, target, params, encoded, inout));
        }

        Map<String, Object> reference() {
            if (constant != null) {
                return Protocol.constant(constant);
            }
            if (generation != endpoint.generation()) {
                throw new StudentException(StudentException.Kind.CRASHED, "",
                        "this " + studentType(mirror, null) + " object was lost when the JVM running your code was restarted"
                                + " after an earlier failure", List.of());
            }
            return Protocol.ref(ref);
        }
    }

    /** Builds the request of one call from its id and its arguments as the protocol carries them. */
    @FunctionalInterface
    private interface Invocation {
        Request.Invocation request(long id, List<String> params, List<Object> args, List<Integer> inout);
    }

    private static Object invokeRemote(Endpoint endpoint, Method method, Object[] args, Invocation invocation) {
        Parameter[] parameters = method.getParameters();
        List<String> params = new ArrayList<>();
        List<Object> encoded = new ArrayList<>();
        List<Integer> inout = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            params.add(studentType(parameters[i].getType(), parameters[i].getAnnotation(AsValue.class)));
            encoded.add(encode(args[i]));
            if (parameters[i].isAnnotationPresent(InOut.class)) {
                inout.add(i);
            }
        }
        Reply.Returned reply = send(endpoint,
                invocation.request(REQUEST_IDS.incrementAndGet(), params, encoded, inout));
        for (Map.Entry<Integer, Object> e : reply.inout().entrySet()) {
            int i = e.getKey();
            Object fresh = decode(endpoint, e.getValue(), parameters[i].getType());
            if (fresh != null && args[i] != null && Array.getLength(fresh) == Array.getLength(args[i])) {
                System.arraycopy(fresh, 0, args[i], 0, Array.getLength(fresh));
            }
        }
        return decode(endpoint, reply.value(), method.getReturnType());
    }

    private static Reply.Returned send(Endpoint endpoint, Request request) {
        Reply.Answer reply = endpoint.exchange(request);
        if (reply instanceof Reply.Returned returned) {
            return returned;
        }
        Reply.Failed failed = (Reply.Failed) reply;
        switch (failed.failure()) {
            case EXCEPTION:
                throw new StudentException(StudentException.Kind.THREW, failed.className(), failed.message(),
                        failed.frames());
            case MISSING:
                throw new StudentException(StudentException.Kind.MISSING, "", failed.message(), failed.frames());
            default:
                throw new StudentException(StudentException.Kind.PROTOCOL, "",
                        "the grader could not call your code (" + failed.message() + ")", failed.frames());
        }
    }

    private static Object encode(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (Proxy.isProxyClass(value.getClass()) && Proxy.getInvocationHandler(value) instanceof MirrorHandler h) {
            return h.reference();
        }
        if (value instanceof Object[] array) {
            List<Object> list = new ArrayList<>(array.length);
            for (Object o : array) {
                list.add(encode(o));
            }
            return list;
        }
        if (value.getClass().isArray()) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            // A map of names to values (problem set 2's Keras-style logs) travels as a tagged JSON object.
            Map<String, Object> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), encode(v)));
            return Protocol.map(entries);
        }
        throw new IllegalArgumentException("cannot pass a " + value.getClass().getName() + " to student code");
    }

    private static Object decode(Endpoint endpoint, Object json, Class<?> type) {
        if (type == void.class) {
            return null;
        }
        if (json == null) {
            if (type.isPrimitive()) {
                throw new StudentException(StudentException.Kind.PROTOCOL, "", "no value came back", List.of());
            }
            return null;
        }
        try {
            Object scalar = Json.toScalar(json, type);
            if (scalar != Json.NOT_A_SCALAR) {
                return scalar;
            }
            if (type.isArray()) {
                List<?> list = (List<?>) json;
                Object array = Array.newInstance(type.getComponentType(), list.size());
                for (int i = 0; i < list.size(); i++) {
                    Array.set(array, i, decode(endpoint, list.get(i), type.getComponentType()));
                }
                return array;
            }
            if (type.isInterface()) {
                Map<?, ?> m = (Map<?, ?>) json;
                String constant = Protocol.constantOf(m);
                return constant != null ? mirror(endpoint, type, null, constant)
                        : mirror(endpoint, type, Protocol.refOf(m), null);
            }
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new StudentException(StudentException.Kind.PROTOCOL, "",
                    "the reply did not have the expected shape (" + Json.describe(json) + " for " + type.getSimpleName() + ")",
                    List.of());
        }
        throw new IllegalArgumentException("cannot receive a " + type.getName() + " from student code");
    }

    private static Object mirror(Endpoint endpoint, Class<?> type, Long ref, String constant) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new MirrorHandler(endpoint, type, ref, constant));
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, String description) {
        switch (method.getName()) {
            case "equals": return proxy == args[0];
            case "hashCode": return System.identityHashCode(proxy);
            default: return description;
        }
    }
}
