package nnlab.grader.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nnlab.grader.runtime.Json;

/**
 * The one codec of the wire protocol between the grader and its child processes: each {@link Request} and
 * {@link Reply} as one line of JSON (see {@link Json}), and back. It is the only class that knows the names of the
 * operations and fields on the wire; both ends, and the grader's in-process dispatcher, go through it.
 *
 * <p>Decoding is strict about what it needs and reads a reply from a child that student code controls defensively: a
 * line that is not a request or reply of the expected shape fails with an {@link IllegalArgumentException} and nothing
 * else; fields a reply may lack read as they always have ({@code "null"} for a missing text, no frames, no output).
 */
public final class Protocol {

    private static final String OP = "op";
    private static final String ID = "id";
    private static final String INIT = "init";
    private static final String RESET = "reset";
    private static final String CONSTANT = "constant";
    private static final String NEW = "new";
    private static final String STATIC = "static";
    private static final String CALL = "call";
    private static final String COMPILE = "compile";
    private static final String DONE = "done";
    private static final String CRASHED = "crashed";
    private static final String REF = "ref";
    private static final String CONST = "const";
    private static final String MAP = "map";
    private static final String CLASS = "class";

    private Protocol() {
    }

    /*
     * The tagged values: what a request's arguments and a reply's value carry besides plain JSON (numbers, strings,
     * booleans, arrays and lists of them). An object that stays in the submission JVM travels as {"ref": n} (with its
     * "class" on the way back), an enum constant as {"const": name}, a map of names to values as {"map": {...}}.
     * Both ends build and read them here, so their field names are written once.
     */

    /** Returns the tagged value of the object with handle {@code id} in the submission JVM. */
    public static Map<String, Object> ref(long id) {
        return Map.of(REF, id);
    }

    /** Returns the tagged value of the object with handle {@code id}, naming its class (the submission JVM's reply). */
    public static Map<String, Object> ref(long id, String className) {
        return Map.of(REF, id, CLASS, className);
    }

    /** Returns the tagged value of the enum constant {@code name}. */
    public static Map<String, Object> constant(String name) {
        return Map.of(CONST, name);
    }

    /** Returns the tagged value of a map of names to (already encoded) values, in {@code entries}' order. */
    public static Map<String, Object> map(Map<String, Object> entries) {
        return Map.of(MAP, entries);
    }

    /** Returns the constant's name that tagged value {@code value} carries, or null when it is no constant. */
    public static String constantOf(Map<?, ?> value) {
        Object name = value.get(CONST);
        return name == null ? null : String.valueOf(name);
    }

    /**
     * Returns the handle that tagged value {@code value} carries; fails with an IllegalArgumentException when it
     * carries none.
     */
    public static long refOf(Map<?, ?> value) {
        if (!(value.get(REF) instanceof Number n)) {
            throw new IllegalArgumentException("not an object reference: " + Json.describe(value));
        }
        return n.longValue();
    }

    /** Returns the entries that tagged value {@code value} carries, or null when it is no map. */
    public static Map<?, ?> mapOf(Map<?, ?> value) {
        return value.get(MAP) instanceof Map<?, ?> m ? m : null;
    }

    /** Returns {@code request} as one line of JSON, without the newline. */
    public static String encode(Request request) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ID, request.id());
        if (request instanceof Request.Init init) {
            m.put(OP, INIT);
            List<Object> types = new ArrayList<>();
            for (ValueType vt : init.valueTypes()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("type", vt.type());
                t.put("repr", vt.repr());
                t.put("factory", vt.factory());
                t.put("accessor", vt.accessor());
                types.add(t);
            }
            m.put("valueTypes", types);
        } else if (request instanceof Request.Reset) {
            m.put(OP, RESET);
        } else if (request instanceof Request.Constant constant) {
            m.put(OP, CONSTANT);
            m.put("type", constant.type());
            m.put("name", constant.name());
        } else if (request instanceof Request.Construct construct) {
            m.put(OP, NEW);
            m.put("type", construct.type());
            putCall(m, construct);
        } else if (request instanceof Request.CallStatic call) {
            m.put(OP, STATIC);
            m.put("type", call.type());
            m.put("method", call.method());
            m.put("returns", call.returns());
            putCall(m, call);
        } else if (request instanceof Request.CallMethod call) {
            m.put(OP, CALL);
            m.put("type", call.type());
            m.put("method", call.method());
            m.put("returns", call.returns());
            m.put("target", call.target());
            putCall(m, call);
        } else {
            Request.Compile compile = (Request.Compile) request;
            m.put(OP, COMPILE);
            m.put("units", compile.units());
        }
        return Json.write(m);
    }

    /**
     * Reads a line written by {@link #encode(Request)}.
     *
     * @throws IllegalArgumentException if {@code line} is not a request
     */
    public static Request decodeRequest(String line) {
        Map<?, ?> m = object(Json.read(line));
        try {
            long id = ((Number) m.get(ID)).longValue();
            String op = String.valueOf(m.get(OP));
            switch (op) {
                case INIT: {
                    List<ValueType> types = new ArrayList<>();
                    for (Object o : (List<?>) m.get("valueTypes")) {
                        Map<?, ?> t = object(o);
                        types.add(new ValueType((String) t.get("type"), (String) t.get("repr"),
                                (String) t.get("factory"), (String) t.get("accessor")));
                    }
                    return new Request.Init(id, types);
                }
                case RESET:
                    return new Request.Reset(id);
                case CONSTANT:
                    return new Request.Constant(id, (String) m.get("type"), (String) m.get("name"));
                case NEW:
                    return new Request.Construct(id, (String) m.get("type"), strings(m.get("params")), values(m.get("args")),
                            indices(m.get("inout")));
                case STATIC:
                    return new Request.CallStatic(id, (String) m.get("type"), (String) m.get("method"),
                            (String) m.get("returns"), strings(m.get("params")), values(m.get("args")),
                            indices(m.get("inout")));
                case CALL:
                    return new Request.CallMethod(id, (String) m.get("type"), (String) m.get("method"),
                            (String) m.get("returns"), m.get("target"), strings(m.get("params")), values(m.get("args")),
                            indices(m.get("inout")));
                case COMPILE: {
                    Map<String, String> units = new LinkedHashMap<>();
                    object(m.get("units")).forEach((path, text) -> units.put((String) path, (String) text));
                    return new Request.Compile(id, units);
                }
                default:
                    throw new IllegalArgumentException("unknown op " + op);
            }
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a request: " + e.getMessage(), e);
        }
    }

    /**
     * Returns {@code reply} as one line of JSON, without the newline; a value that cannot be written turns the reply
     * into a protocol failure with the same id and output, so that an answer always goes back.
     */
    public static String encode(Reply reply) {
        try {
            return Json.write(toJson(reply));
        } catch (RuntimeException e) {
            Reply.Output output = reply instanceof Reply.Answer a ? a.output() : Reply.Output.NONE;
            return Json.write(toJson(new Reply.Failed(reply.id(), Reply.Failure.PROTOCOL, e.getClass().getName(),
                    "the result could not be encoded", List.of(), false, output)));
        }
    }

    /**
     * Reads a line written by {@link #encode(Reply)}, which may come from a child that student code controls.
     *
     * @throws IllegalArgumentException if {@code line} is not a reply
     */
    public static Reply decodeReply(String line) {
        Map<?, ?> m = object(Json.read(line));
        try {
            long id = m.get(ID) instanceof Number n ? n.longValue() : Reply.NO_ID;
            if (Boolean.TRUE.equals(m.get("ready"))) {
                return new Reply.Ready();
            }
            if (m.containsKey("status")) {
                if (!DONE.equals(m.get("status"))) {
                    return new Reply.CompileCrashed(id, String.valueOf(m.get("reason")));
                }
                List<Reply.Diagnostic> diagnostics = new ArrayList<>();
                for (Object o : (List<?>) m.get("diagnostics")) {
                    Map<?, ?> d = object(o);
                    diagnostics.add(new Reply.Diagnostic(String.valueOf(d.get("file")),
                            ((Number) d.get("line")).longValue(), String.valueOf(d.get("message"))));
                }
                Map<String, String> classes = new LinkedHashMap<>();
                object(m.get("classes")).forEach((name, bytes) -> classes.put((String) name, (String) bytes));
                return new Reply.Compiled(id, Boolean.TRUE.equals(m.get("success")), diagnostics, classes,
                        String.valueOf(m.get("log")));
            }
            Reply.Output output = new Reply.Output(text(m.get("out")), text(m.get("err")),
                    Boolean.TRUE.equals(m.get("truncated")));
            if (Boolean.TRUE.equals(m.get("ok"))) {
                Map<Integer, Object> inout = new LinkedHashMap<>();
                if (m.get("inout") instanceof Map<?, ?> changed) {
                    changed.forEach((index, value) -> inout.put(Integer.parseInt(String.valueOf(index)), value));
                }
                return new Reply.Returned(id, m.get("value"), inout, Boolean.TRUE.equals(m.get("restart")), output);
            }
            Map<?, ?> error = m.get("error") instanceof Map<?, ?> e ? e : Map.of();
            List<String> frames = new ArrayList<>();
            if (error.get("frames") instanceof List<?> list) {
                list.forEach(f -> frames.add(String.valueOf(f)));
            }
            return new Reply.Failed(id, failure(error.get("kind")), String.valueOf(error.get("class")),
                    String.valueOf(error.get("message")), frames, Boolean.TRUE.equals(m.get("fatal")), output);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a reply: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> toJson(Reply reply) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (reply instanceof Reply.Ready) {
            m.put("ready", true);
            return m;
        }
        m.put(ID, reply.id() == Reply.NO_ID ? null : reply.id());
        if (reply instanceof Reply.Returned returned) {
            m.put("ok", true);
            m.put("value", returned.value());
            if (!returned.inout().isEmpty()) {
                Map<String, Object> values = new LinkedHashMap<>();
                returned.inout().forEach((index, value) -> values.put(String.valueOf(index), value));
                m.put("inout", values);
            }
            if (returned.restart()) {
                m.put("restart", true);
            }
            putOutput(m, returned.output());
        } else if (reply instanceof Reply.Failed failed) {
            m.put("ok", false);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", failed.failure().name().toLowerCase(java.util.Locale.ROOT));
            e.put("class", failed.className());
            e.put("message", failed.message());
            e.put("frames", failed.frames());
            m.put("error", e);
            if (failed.fatal()) {
                m.put("fatal", true);
            }
            putOutput(m, failed.output());
        } else if (reply instanceof Reply.Compiled compiled) {
            m.put("status", DONE);
            m.put("success", compiled.success());
            List<Object> diagnostics = new ArrayList<>();
            for (Reply.Diagnostic d : compiled.diagnostics()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("file", d.file());
                dm.put("line", d.line());
                dm.put("message", d.message());
                diagnostics.add(dm);
            }
            m.put("diagnostics", diagnostics);
            m.put("classes", compiled.classes());
            m.put("log", compiled.log());
        } else {
            m.put("status", CRASHED);
            m.put("reason", ((Reply.CompileCrashed) reply).reason());
        }
        return m;
    }

    private static void putCall(Map<String, Object> m, Request.Invocation call) {
        m.put("params", call.params());
        m.put("args", call.args());
        if (!call.inout().isEmpty()) {
            m.put("inout", call.inout());
        }
    }

    private static void putOutput(Map<String, Object> m, Reply.Output output) {
        m.put("out", output.out());
        m.put("err", output.err());
        m.put("truncated", output.truncated());
    }

    private static Reply.Failure failure(Object kind) {
        for (Reply.Failure f : Reply.Failure.values()) {
            if (f.name().toLowerCase(java.util.Locale.ROOT).equals(kind)) {
                return f;
            }
        }
        return Reply.Failure.PROTOCOL;
    }

    private static Map<?, ?> object(Object json) {
        if (json instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException("expected a JSON object but got " + Json.describe(json));
    }

    private static String text(Object json) {
        return json == null ? "" : String.valueOf(json);
    }

    private static List<String> strings(Object json) {
        List<String> list = new ArrayList<>();
        for (Object o : (List<?>) json) {
            list.add((String) o);
        }
        return list;
    }

    private static List<Object> values(Object json) {
        return new ArrayList<>((List<?>) json);
    }

    private static List<Integer> indices(Object json) {
        List<Integer> list = new ArrayList<>();
        if (json != null) {
            for (Object o : (List<?>) json) {
                list.add(((Number) o).intValue());
            }
        }
        return list;
    }
}
