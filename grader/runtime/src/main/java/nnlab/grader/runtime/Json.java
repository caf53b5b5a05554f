package nnlab.grader.runtime;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The protocol's JSON codec: one JSON document per line, as plain Java values ({@code null}, Boolean, Long, Double,
 * String, List, Map). Non-finite doubles travel as the strings "NaN", "Infinity" and "-Infinity" so that every
 * double survives the trip; finite doubles are written with {@link Double#toString} and read back exactly.
 */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {
    }

    /** Returns {@code value} as one line of JSON; arrays of primitives and nested arrays are written directly. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Parses one JSON document into plain Java values.
     *
     * @throws IllegalArgumentException if {@code text} is not exactly one JSON document
     */
    public static Object read(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("empty JSON");
            }
            Object value = readValue(p, first);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("trailing data after the JSON document");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /** What {@link #toScalar} returns for a type that is not a scalar. */
    public static final Object NOT_A_SCALAR = new Object();

    /**
     * Returns non-null {@code json} as a value of {@code type} when that is a scalar (a number type, boolean or
     * String, boxed or not), else {@link #NOT_A_SCALAR}. Both ends of the protocol decode scalars here, so they cannot
     * disagree; a value of the wrong kind fails with a {@link ClassCastException} or {@link IllegalArgumentException}.
     */
    public static Object toScalar(Object json, Class<?> type) {
        if (type == double.class || type == Double.class) {
            return toDouble(json);
        }
        if (type == float.class || type == Float.class) {
            return (float) toDouble(json);
        }
        if (type == int.class || type == Integer.class) {
            return ((Number) json).intValue();
        }
        if (type == long.class || type == Long.class) {
            return ((Number) json).longValue();
        }
        if (type == boolean.class || type == Boolean.class) {
            return (Boolean) json;
        }
        if (type == String.class) {
            return (String) json;
        }
        return NOT_A_SCALAR;
    }

    /** Returns a double written by {@link #write}: a number or one of the non-finite names. */
    public static double toDouble(Object json) {
        if (json instanceof Number n) {
            return n.doubleValue();
        }
        if (json instanceof String s) {
            switch (s) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new IllegalArgumentException("expected a number but got " + describe(json));
    }

    /** Describes a JSON value's kind for messages, without echoing large contents. */
    public static String describe(Object json) {
        if (json == null) {
            return "null";
        }
        if (json instanceof List<?> list) {
            return "an array of " + list.size();
        }
        if (json instanceof Map<?, ?>) {
            return "an object";
        }
        return json.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + json;
    }

    private static Object readValue(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_NULL: return null;
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            case VALUE_STRING: return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getDoubleValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT: return p.getDoubleValue();
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    list.add(readValue(p, n));
                }
                return list;
            }
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String key = p.currentName();
                    map.put(key, readValue(p, p.nextToken()));
                }
                return map;
            }
            default:
                throw new IllegalArgumentException("unexpected JSON token " + t);
        }
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double || v instanceof Float) {
            writeDouble(g, ((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (v instanceof Character || v instanceof String) {
            g.writeString(v.toString());
        } else if (v instanceof double[] a) {
            g.writeStartArray();
            for (double d : a) {
                writeDouble(g, d);
            }
            g.writeEndArray();
        } else if (v instanceof int[] a) {
            g.writeArray(a, 0, a.length);
        } else if (v instanceof long[] a) {
            g.writeArray(a, 0, a.length);
        } else if (v instanceof boolean[] a) {
            g.writeStartArray();
            for (boolean b : a) {
                g.writeBoolean(b);
            }
            g.writeEndArray();
        } else if (v instanceof Object[] a) {
            g.writeStartArray();
            for (Object o : a) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as protocol JSON");
        }
    }

    private static void writeDouble(JsonGenerator g, double d) throws IOException {
        if (Double.isNaN(d)) {
            g.writeString("NaN");
        } else if (Double.isInfinite(d)) {
            g.writeString(d > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumber(d);
        }
    }
}
