package nnlab.grader.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wire protocol's one codec: every request and every reply survives a trip through a line of JSON unchanged, the
 * line is one line, and a line from a child that student code controls decodes to a reply or fails with an
 * {@link IllegalArgumentException}, never anything else.
 */
class ProtocolTests {

    private static final List<ValueType> VALUE_TYPES = List.of(new ValueType("nnlab.Matrix", "double[][]", "of", "toArray"),
            new ValueType("nnlab.Tensor", "double[][][][]", "of", "toArray4"));
    /**
     * Values of every kind the protocol carries, as they read back (non-finite doubles as their names, which the
     * receiving end turns into doubles by the declared type): numbers, text, null, arrays, references, constants, maps.
     */
    private static final List<Object> ARGS = Arrays.asList(3L, 0.1, "NaN", "-Infinity", "two\nlines",
            null, List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)), Map.of("ref", 12L), Map.of("const", "RELU"),
            Map.of("map", Map.of("loss", 0.5)), true);

    static List<Request> requests() {
        return List.of(
                new Request.Init(0, VALUE_TYPES),
                new Request.Reset(0),
                new Request.Constant(1, "nnlab.Activation", "RELU"),
                new Request.Construct(2, "nnlab.Dense", List.of("int", "int", "nnlab.Activation"),
                        List.of(4L, 3L, Map.of("const", "RELU")), List.of()),
                new Request.CallStatic(3, "nnlab.Losses", "mse", "double", List.of("double[]", "double[]"),
                        List.of(List.of(1.0, 2.0), List.of(1.5, "Infinity")), List.of()),
                new Request.CallMethod(4, "nnlab.Dense", "backward", "nnlab.Matrix", Map.of("ref", 7L),
                        List.of("nnlab.Matrix", "double[]", "java.lang.Object"), ARGS.subList(0, 3), List.of(1)),
                new Request.CallMethod(5, "nnlab.Activation", "apply", "double", Map.of("const", "RELU"),
                        List.of("double"), List.of(-1.0), List.of()),
                new Request.Compile(6, orderedUnits()));
    }

    static List<Reply> replies() {
        Map<Integer, Object> inout = new LinkedHashMap<>();
        inout.put(2, List.of(0.5, 0.25));
        inout.put(0, null);
        return List.of(
                new Reply.Ready(),
                new Reply.Returned(1, Map.of("const", "RELU"), Map.of(), false, Reply.Output.NONE),
                new Reply.Returned(2, ARGS, inout, false, new Reply.Output("printed\n", "warned", true)),
                new Reply.Returned(3, null, Map.of(), true, Reply.Output.NONE),
                new Reply.Failed(4, Reply.Failure.EXCEPTION, "java.lang.IllegalStateException", "not fitted",
                        List.of("nnlab.Dense.forward(Dense.java:12)"), false, new Reply.Output("", "", false)),
                new Reply.Failed(5, Reply.Failure.MISSING, "", "Your submission has no class nnlab.Dense.", List.of(),
                        false, Reply.Output.NONE),
                new Reply.Failed(6, Reply.Failure.EXCEPTION, "java.lang.OutOfMemoryError", "Java heap space", List.of(),
                        true, Reply.Output.NONE),
                new Reply.Failed(Reply.NO_ID, Reply.Failure.PROTOCOL, "java.lang.IllegalArgumentException", "not JSON",
                        List.of(), false, Reply.Output.NONE),
                new Reply.Compiled(7, false, List.of(new Reply.Diagnostic("nnlab/Dense.java", 3, "';' expected")),
                        Map.of(), ""),
                new Reply.Compiled(8, true, List.of(), Map.of("p/A.class", "yv66vg=="), "a log"),
                new Reply.CompileCrashed(9, "StackOverflowError"));
    }

    private static Map<String, String> orderedUnits() {
        Map<String, String> units = new LinkedHashMap<>();
        units.put("nnlab/Dense.java", "package nnlab;\nclass Dense { String s = \"\\u00e9\"; }");
        units.put("nnlab/A.java", "package nnlab; class A {}");
        return units;
    }

    @Nested
    class EveryRequest {
        @ParameterizedTest
        @MethodSource("nnlab.grader.protocol.ProtocolTests#requests")
        void readsBackAsItWasWrittenOnOneLine(Request request) {
            String line = Protocol.encode(request);
            assertFalse(line.contains("\n"), line);
            assertEquals(request, Protocol.decodeRequest(line));
        }

        @Test
        void coversEveryKindOfRequest() {
            assertEquals(Arrays.stream(Request.class.getPermittedSubclasses())
                            .flatMap(c -> c.isInterface() ? Arrays.stream(c.getPermittedSubclasses()) : Stream.of(c))
                            .map(Class::getSimpleName).sorted().toList(),
                    requests().stream().map(r -> r.getClass().getSimpleName()).distinct().sorted().toList());
        }

        @Test
        void keepsTheOrderOfTheUnitsToCompile() {
            Request.Compile back = (Request.Compile) Protocol.decodeRequest(Protocol.encode(new Request.Compile(1,
                    orderedUnits())));
            assertEquals(List.copyOf(orderedUnits().keySet()), List.copyOf(back.units().keySet()));
        }
    }

    @Nested
    class EveryReply {
        @ParameterizedTest
        @MethodSource("nnlab.grader.protocol.ProtocolTests#replies")
        void readsBackAsItWasWrittenOnOneLine(Reply reply) {
            String line = Protocol.encode(reply);
            assertFalse(line.contains("\n"), line);
            assertEquals(reply, Protocol.decodeReply(line));
        }

        @Test
        void coversEveryKindOfReply() {
            assertEquals(Arrays.stream(Reply.class.getPermittedSubclasses())
                            .flatMap(c -> c.isInterface() ? Arrays.stream(c.getPermittedSubclasses()) : Stream.of(c))
                            .map(Class::getSimpleName).sorted().toList(),
                    replies().stream().map(r -> r.getClass().getSimpleName()).distinct().sorted().toList());
        }

        @Test
        void thatCannotBeWrittenBecomesAProtocolFailureWithTheSameIdAndOutput() {
            Reply.Output output = new Reply.Output("out", "", false);
            Reply reply = Protocol.decodeReply(Protocol.encode(new Reply.Returned(5, new Object(), Map.of(), false, output)));
            Reply.Failed failed = assertInstanceOf(Reply.Failed.class, reply);
            assertEquals(5, failed.id());
            assertEquals(Reply.Failure.PROTOCOL, failed.failure());
            assertEquals(output, failed.output());
        }
    }

    @Nested
    class EveryTaggedValue {
        /** Sends {@code value} as a returned value through a whole reply line and reads it back as the grader does. */
        private Map<?, ?> roundTrip(Map<String, Object> value) {
            Reply.Returned back = assertInstanceOf(Reply.Returned.class, Protocol.decodeReply(
                    Protocol.encode(new Reply.Returned(5, value, Map.of(), false, Reply.Output.NONE))));
            return assertInstanceOf(Map.class, back.value());
        }

        @Test
        void anObjectReferenceComesBackWithItsHandle() {
            assertEquals(12, Protocol.refOf(roundTrip(Protocol.ref(12))));
            Map<?, ?> named = roundTrip(Protocol.ref(7, "nnlab.Dense"));
            assertEquals(7, Protocol.refOf(named));
            assertNull(Protocol.constantOf(named));
            assertNull(Protocol.mapOf(named));
        }

        @Test
        void anEnumConstantComesBackWithItsName() {
            Map<?, ?> back = roundTrip(Protocol.constant("RELU"));
            assertEquals("RELU", Protocol.constantOf(back));
            assertNull(Protocol.mapOf(back));
        }

        @Test
        void aMapComesBackWithItsEntriesInOrder() {
            Map<String, Object> entries = new LinkedHashMap<>();
            entries.put("loss", 0.25);
            entries.put("val_loss", 0.5);
            Map<?, ?> back = Protocol.mapOf(roundTrip(Protocol.map(entries)));
            assertEquals(List.of("loss", "val_loss"), List.copyOf(back.keySet()));
            assertEquals(0.5, ((Number) back.get("val_loss")).doubleValue());
        }

        @Test
        void aValueWithoutAHandleIsNoReference() {
            assertThrows(IllegalArgumentException.class, () -> Protocol.refOf(Map.of("ref", "seven")));
            assertThrows(IllegalArgumentException.class, () -> Protocol.refOf(Map.of()));
        }
    }

    @Nested
    class ALineFromAHostileChild {
        @ParameterizedTest
        @ValueSource(strings = {"", "not json", "[1,2]", "42", "\"text\"", "{\"ok\":true,\"inout\":{\"x\":1}}",
                "{\"status\":\"done\",\"diagnostics\":[{\"line\":\"three\"}]}", "{\"status\":\"done\"}", "{} {}"})
        void thatIsNoReplyFailsAsIllegalArgument(String line) {
            assertThrows(IllegalArgumentException.class, () -> Protocol.decodeReply(line));
        }

        @Test
        void thatLacksFieldsReadsAsAProtocolFailureThatAnswersNothing() {
            Reply.Failed failed = assertInstanceOf(Reply.Failed.class, Protocol.decodeReply("{\"ok\":false}"));
            assertEquals(Reply.NO_ID, failed.id());
            assertEquals(Reply.Failure.PROTOCOL, failed.failure());
            assertTrue(failed.frames().isEmpty());
            assertEquals(Reply.Output.NONE, failed.output());
        }

        @Test
        void withAnUnknownKindOfFailureReadsAsAProtocolFailure() {
            Reply.Failed failed = assertInstanceOf(Reply.Failed.class,
                    Protocol.decodeReply("{\"id\":3,\"ok\":false,\"error\":{\"kind\":\"surprise\",\"message\":\"m\"}}"));
            assertEquals(3, failed.id());
            assertEquals(Reply.Failure.PROTOCOL, failed.failure());
            assertEquals("m", failed.message());
        }
    }

    @Nested
    class ARequestLine {
        @ParameterizedTest
        @ValueSource(strings = {"", "{}", "{\"id\":1}", "{\"id\":1,\"op\":\"launch\"}", "{\"id\":1,\"op\":\"new\"}",
                "{\"op\":\"reset\"}", "[\"reset\"]"})
        void thatIsNoRequestFailsAsIllegalArgument(String line) {
            assertThrows(IllegalArgumentException.class, () -> Protocol.decodeRequest(line));
        }
    }
}
