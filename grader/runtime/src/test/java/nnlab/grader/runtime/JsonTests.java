package nnlab.grader.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonTests {

    @Nested
    class Doubles {
        @Test
        void everyDoubleSurvivesTheTripExactly() {
            double[] values = {0.1, -0.0, 1e-320, Double.MIN_VALUE, Double.MAX_VALUE, 1.0 / 3, Math.PI * 1e17,
                    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (double v : values) {
                double back = Json.toDouble(Json.read(Json.write(v)));
                assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(back), () -> "lost " + v);
            }
        }

        @Test
        void nonFiniteValuesTravelAsTheirNames() {
            assertEquals("[\"NaN\",\"Infinity\",\"-Infinity\",1.5]",
                    Json.write(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5}));
        }

        @Test
        void aValueThatIsNoNumberSaysWhatItIs() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.toDouble("many"));
            assertEquals("expected a number but got string many", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Json.toDouble(null));
        }
    }

    @Nested
    class Documents {
        @Test
        void nestedValuesReadBackAsPlainJavaValuesInOrder() {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("id", 7);
            request.put("kind", "example");
            request.put("args", List.of(new double[][] {{1, 2}, {3, 4}}, true, "text \"quoted\"\n"));
            request.put("none", null);
            Object back = Json.read(Json.write(request));
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("id", 7L);
            expected.put("kind", "example");
            expected.put("args", List.of(List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)), true, "text \"quoted\"\n"));
            expected.put("none", null);
            assertEquals(expected, back);
            assertEquals(List.of("id", "kind", "args", "none"), List.copyOf(((Map<?, ?>) back).keySet()));
        }

        @Test
        void aDocumentIsOneLine() {
            assertTrue(!Json.write(Map.of("text", "two\nlines")).contains("\n"));
        }

        @Test
        void integersBeyondALongReadAsDoubles() {
            assertEquals(1e20, Json.read("100000000000000000000"));
            assertEquals(42L, Json.read("42"));
        }

        @Test
        void onlyExactlyOneDocumentIsRead() {
            assertEquals("empty JSON", assertThrows(IllegalArgumentException.class, () -> Json.read("")).getMessage());
            assertEquals("trailing data after the JSON document",
                    assertThrows(IllegalArgumentException.class, () -> Json.read("{} {}")).getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\":"))
                    .getMessage().startsWith("not JSON"));
        }

        @Test
        void anObjectThatIsNoProtocolValueIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
            assertEquals("cannot write java.lang.Object as protocol JSON", e.getMessage());
        }
    }

    @Nested
    class Scalars {
        @Test
        void bothEndsDecodeScalarsTheSameWay() {
            assertEquals(3, Json.toScalar(3L, int.class));
            assertEquals(3L, Json.toScalar(3L, Long.class));
            assertEquals(2.5f, Json.toScalar(2.5, float.class));
            assertEquals(Double.NaN, Json.toScalar("NaN", double.class));
            assertEquals(true, Json.toScalar(true, boolean.class));
            assertEquals("s", Json.toScalar("s", String.class));
        }

        @Test
        void anythingElseIsNotAScalar() {
            assertSame(Json.NOT_A_SCALAR, Json.toScalar(List.of(), double[].class));
            assertThrows(ClassCastException.class, () -> Json.toScalar("3", int.class));
        }

        @Test
        void descriptionsNeverEchoLargeValues() {
            assertEquals("an array of 3", Json.describe(List.of(1, 2, 3)));
            assertEquals("an object", Json.describe(Map.of("secret", "value")));
            assertEquals("null", Json.describe(null));
        }
    }
}
