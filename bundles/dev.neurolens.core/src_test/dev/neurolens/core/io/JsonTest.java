package dev.neurolens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    @TempDir
    Path dir;

    private enum Colour {
        RED
    }

    private record Point(int x, int y) {
    }

    @Test
    void prettyPrintsWithTwoSpaces() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "resnet");
        m.put("shape", new int[] {1, 3});
        m.put("inner", inner);
        m.put("rows", List.of(Map.of("k", true), Map.of()));
        m.put("empty", Map.of());
        String expected = """
                {
                  "name": "resnet",
                  "shape": [1, 3],
                  "inner": {
                    "z": 1,
                    "a": []
                  },
                  "rows": [
                    {
                      "k": true
                    },
                    {}
                  ],
                  "empty": {}
                }""";
        assertEquals(expected, Json.write(m));
    }

    @Test
    void escapesStrings() {
        assertEquals("\"a\\\"b\\\\c/d\"", Json.write("a\"b\\c/d"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", Json.write("\n\r\t\b\f"));
        assertEquals("\"\\u0001\\u001f\\u007f\"", Json.write("\u0001\u001f\u007f"));
        assertEquals("\"line\\u2028sep\\u2029\"", Json.write("line\u2028sep\u2029"));
        assertEquals("\"caf\u00e9 \ud83d\ude00\"", Json.write("caf\u00e9 \ud83d\ude00"), "pairs kept as they are");
        assertEquals("\"\\ud800x\"", Json.write("\ud800x"), "lone surrogates escaped");
    }

    @Test
    void formatsNumbers() {
        assertEquals("[null, null, null]", Json.write(new double[] {Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY}));
        assertEquals("null", Json.write(Float.NaN));
        assertEquals("3", Json.write(3));
        assertEquals("-9007199254740993", Json.write(-9007199254740993L));
        assertEquals("3.0", Json.write(3.0));
        assertEquals("0.1", Json.write(0.1f), "shortest float form, not 0.10000000149011612");
        assertEquals("0.1", Json.write(0.1));
        assertEquals("1.0E-7", Json.write(1e-7));
        assertEquals("[0.485, 0.456, 0.406]", Json.write(new float[] {0.485f, 0.456f, 0.406f}));
        assertEquals("[1, -2]", Json.write(new long[] {1, -2}));
        assertEquals("[-0.0, 2.5]", Json.write(List.of(-0.0, 2.5f)));
    }

    @Test
    void writesOtherKnownTypes() {
        assertEquals("null", Json.write(null));
        assertEquals("null", Json.write(Optional.empty()));
        assertEquals("\"x\"", Json.write(Optional.of("x")));
        assertEquals("null", Json.write(OptionalDouble.empty()));
        assertEquals("0.5", Json.write(OptionalDouble.of(0.5)));
        assertEquals("\"RED\"", Json.write(Colour.RED));
        assertEquals("\"a/b.png\"", Json.write(Path.of("a", "b.png")));
        assertEquals("[true, false]", Json.write(new boolean[] {true, false}));
        assertEquals("[\"a\", null]", Json.write(new Object[] {"a", null}));
        assertEquals("{\n  \"RED\": 1\n}", Json.write(Map.of(Colour.RED, 1)));
    }

    @Test
    void refusesUnknownTypesAndCycles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(new Point(1, 2)));
        assertTrue(e.getMessage().contains("Point"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object())));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new java.util.HashMap<>(
                java.util.Collections.singletonMap(null, 1))));
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertThrows(IllegalArgumentException.class, () -> Json.write(self));
    }

    @Test
    void roundTrips() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "tab\there \"quoted\" \u2028 \ud83d\ude00 \u0000");
        m.put("i", 42L);
        m.put("neg", -7L);
        m.put("d", 0.1);
        m.put("e", 6.02e23);
        m.put("t", true);
        m.put("n", null);
        m.put("list", new ArrayList<>(List.of(1L, "two", new ArrayList<>(List.of(3.5)))));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", 2L);
        nested.put("a", 1L);
        m.put("nested", nested);
        Object back = Json.parse(Json.write(m));
        assertEquals(m, back);
        assertEquals(List.of("s", "i", "neg", "d", "e", "t", "n", "list", "nested"),
                new ArrayList<>(((Map<?, ?>) back).keySet()), "member order kept");
    }

    @Test
    void parsesNumbersAsLongOrDouble() {
        assertEquals(12L, Json.parse("12"));
        assertEquals(-0L, Json.parse("-0"));
        assertEquals(1.5, Json.parse("1.5"));
        assertEquals(100.0, Json.parse("1E2"));
        assertEquals(1e20, Json.parse("100000000000000000000"), "too large for a long");
        assertEquals("\u00e9\ud83d\ude00/", Json.parse("\"\\u00e9\\ud83d\\ude00\\/\""));
        assertEquals(List.of(), Json.parse(" [ ] "));
    }

    @Test
    void reportsWhereParsingFailed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
        assertTrue(e.getMessage().contains("line 1, column 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,\n 2,\n x]"));
        assertTrue(e.getMessage().contains("line 3, column 2"), e.getMessage());
        for (String bad : new String[] {"", "[1,]", "{\"a\" 1}", "01", "1.", "-", "\"abc", "\"\\x\"", "tru",
            "[1] 2", "{'a': 1}", "\"a\nb\"", "NaN", "[" .repeat(600)}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void writesAndReadsFiles() throws IOException {
        Path file = dir.resolve("out/result.json");
        Json.writeFile(Map.of("caf\u00e9", 1), file);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals("{\n  \"caf\u00e9\": 1\n}\n", new String(bytes, StandardCharsets.UTF_8));
        assertEquals(Map.of("caf\u00e9", 1L), Json.read(file));

        Files.writeString(file, "{oops}");
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> Json.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
