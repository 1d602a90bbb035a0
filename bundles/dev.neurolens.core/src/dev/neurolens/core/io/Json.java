package dev.neurolens.core.io;

import dev.neurolens.core.NeuroLensException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny, dependency-free JSON writer and parser for result files and machine-readable output.
 *
 * <p>{@link #write} knows a fixed set of types (see there) and refuses anything else rather than
 * guessing; convert records and other objects to a {@link Map} first. {@link #parse} is strict
 * RFC 8259 JSON.
 */
public final class Json {
    private static final int MAX_DEPTH = 512;

    private Json() {
    }

    /**
     * Writes a value as pretty-printed JSON with a two-space indent. Objects and arrays of objects
     * take one line per member; arrays holding only scalars are written on one line.
     *
     * <p>Supported: {@code null}, {@link Map} (keys: strings, enums, numbers, booleans or paths;
     * iteration order kept), {@link Collection}, {@code Object[]}, {@code float[]},
     * {@code double[]}, {@code int[]}, {@code long[]}, {@code boolean[]}, {@link CharSequence},
     * {@link Character}, {@link Number} (integers as integers; floats in their shortest form as
     * {@link Float#toString} and {@link Double#toString} give it; NaN and infinities as
     * {@code null}), {@link Boolean}, {@link Optional}, {@link OptionalDouble}, {@link OptionalInt},
     * {@link OptionalLong} (empty as {@code null}), enums (by name) and {@link Path} (as text).
     *
     * @throws IllegalArgumentException for a value of another type, or one that contains itself
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out).value(value, 0);
        return out.toString();
    }

    /**
     * Writes {@link #write(Object)}'s text to a file, atomically, in UTF-8 with a trailing newline.
     *
     * @throws IllegalArgumentException as {@link #write(Object)}; the file is then not touched
     */
    public static void writeFile(Object value, Path file) throws IOException {
        byte[] bytes = (write(value) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Parses JSON text into {@link LinkedHashMap}{@code <String,Object>} for objects (member order
     * kept; a repeated name keeps its last value), {@link ArrayList} for arrays, {@link String},
     * {@link Long} for integers that fit (else {@link Double}), {@link Double} for numbers with a
     * fraction or exponent, {@link Boolean} and {@code null}.
     *
     * @throws IllegalArgumentException naming the line, column and offset of the first error
     */
    public static Object parse(String json) {
        return new Parser(json).document();
    }

    /**
     * Reads and parses a UTF-8 JSON file.
     *
     * @throws NeuroLensException naming the file if it is missing, unreadable or not valid JSON
     */
    public static Object read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new NeuroLensException("JSON file not found: " + file);
        } catch (CharacterCodingException e) {
            throw new NeuroLensException("cannot read JSON file " + file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new NeuroLensException("cannot read JSON file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new NeuroLensException(file + ": " + e.getMessage(), e);
        }
    }

    /** Appends a JSON string literal for {@code s} (quotes included) to {@code out}. */
    static void quote(CharSequence s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean lone = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c)
                                    && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || lone) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Appends a JSON number for {@code n}, or {@code null} where JSON has none (NaN, infinities). */
    static void number(Number n, StringBuilder out) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                out.append("null");
            } else {
                out.append(n instanceof Float f ? Float.toString(f) : Double.toString(d));
            }
        } else if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger || n instanceof AtomicInteger || n instanceof AtomicLong) {
            out.append(n.toString());
        } else if (n instanceof BigDecimal b) {
            out.append(b.toString());
        } else {
            number(n.doubleValue(), out);
        }
    }

    /** The pretty printer; tracks the containers being written to refuse cycles. */
    private static final class Writer {
        private final StringBuilder out;
        private final Set<Object> open = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        Writer(StringBuilder out) {
            this.out = out;
        }

        void value(Object v, int depth) {
            if (v == null) {
                out.append("null");
            } else if (v instanceof CharSequence s) {
                quote(s, out);
            } else if (v instanceof Character c) {
                quote(c.toString(), out);
            } else if (v instanceof Number n) {
                number(n, out);
            } else if (v instanceof Boolean b) {
                out.append(b.booleanValue());
            } else if (v instanceof Enum<?> e) {
                quote(e.name(), out);
            } else if (v instanceof Path p) {
                quote(p.toString(), out);
            } else if (v instanceof Optional<?> o) {
                value(o.orElse(null), depth);
            } else if (v instanceof OptionalDouble o) {
                value(o.isPresent() ? (Object) o.getAsDouble() : null, depth);
            } else if (v instanceof OptionalInt o) {
                value(o.isPresent() ? (Object) o.getAsInt() : null, depth);
            } else if (v instanceof OptionalLong o) {
                value(o.isPresent() ? (Object) o.getAsLong() : null, depth);
            } else if (v instanceof Map<?, ?> m) {
                map(m, depth);
            } else if (v instanceof Collection<?> c) {
                array(c, depth);
            } else if (v instanceof Object[] a) {
                array(java.util.Arrays.asList(a), depth);
            } else if (v instanceof float[] a) {
                primitives(a.length, i -> number(a[i], out));
            } else if (v instanceof double[] a) {
                primitives(a.length, i -> number(a[i], out));
            } else if (v instanceof int[] a) {
                primitives(a.length, i -> out.append(a[i]));
            } else if (v instanceof long[] a) {
                primitives(a.length, i -> out.append(a[i]));
            } else if (v instanceof boolean[] a) {
                primitives(a.length, i -> out.append(a[i]));
            } else {
                throw new IllegalArgumentException("cannot write a " + v.getClass().getName()
                        + " as JSON; convert it to a Map, List, String or number first");
            }
        }

        private void map(Map<?, ?> m, int depth) {
            if (m.isEmpty()) {
                out.append("{}");
                return;
            }
            enter(m);
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append(first ? "\n" : ",\n");
                first = false;
                indent(depth + 1);
                quote(key(e.getKey()), out);
                out.append(": ");
                value(e.getValue(), depth + 1);
            }
            out.append('\n');
            indent(depth);
            out.append('}');
            open.remove(m);
        }

        private void array(Collection<?> c, int depth) {
            if (c.isEmpty()) {
                out.append("[]");
                return;
            }
            enter(c);
            boolean scalars = c.stream().allMatch(Writer::scalar);
            out.append('[');
            boolean first = true;
            for (Object item : c) {
                if (scalars) {
                    out.append(first ? "" : ", ");
                } else {
                    out.append(first ? "\n" : ",\n");
                    indent(depth + 1);
                }
                first = false;
                value(item, depth + 1);
            }
            if (!scalars) {
                out.append('\n');
                indent(depth);
            }
            out.append(']');
            open.remove(c);
        }

        private void primitives(int length, java.util.function.IntConsumer item) {
            out.append('[');
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                item.accept(i);
            }
            out.append(']');
        }

        private void enter(Object container) {
            if (!open.add(container)) {
                throw new IllegalArgumentException("cannot write JSON: a " + container.getClass().getSimpleName()
                        + " contains itself");
            }
            if (open.size() > MAX_DEPTH) {
                throw new IllegalArgumentException("cannot write JSON nested deeper than " + MAX_DEPTH);
            }
        }

        private void indent(int depth) {
            out.repeat(' ', 2 * depth);
        }

        private static String key(Object k) {
            if (k instanceof CharSequence || k instanceof Number || k instanceof Boolean || k instanceof Path
                    || k instanceof Character) {
                return k.toString();
            }
            if (k instanceof Enum<?> e) {
                return e.name();
            }
            throw new IllegalArgumentException(k == null ? "cannot write a JSON object with a null key"
                    : "cannot write a JSON object key of type " + k.getClass().getName());
        }

        private static boolean scalar(Object v) {
            Object x = v instanceof Optional<?> o ? o.orElse(null) : v;
            return x == null || x instanceof CharSequence || x instanceof Number || x instanceof Boolean
                    || x instanceof Enum<?> || x instanceof Path || x instanceof Character
                    || x instanceof OptionalDouble || x instanceof OptionalInt || x instanceof OptionalLong;
        }
    }

    /** A recursive-descent parser over one string. */
    private static final class Parser {
        private final String s;
        private int pos;
        private int depth;

        Parser(String s) {
            this.s = s;
        }

        Object document() {
            if (s.startsWith("\uFEFF")) {
                pos = 1;
            }
            skipWhitespace();
            Object v = value();
            skipWhitespace();
            if (pos < s.length()) {
                throw error("unexpected " + describe(pos) + " after the value");
            }
            return v;
        }

        private Object value() {
            if (pos >= s.length()) {
                throw error("unexpected end of input, expected a value");
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected " + describe(pos) + ", expected a value");
                }
            };
        }

        private Map<String, Object> object() {
            nest();
            pos++;
            Map<String, Object> m = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                depth--;
                return m;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a member name in double quotes, found " + describe(pos));
                }
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                m.put(key, value());
                skipWhitespace();
                char c = peek();
                pos++;
                if (c == '}') {
                    depth--;
                    return m;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}' in an object, found " + describe(pos));
                }
            }
        }

        private List<Object> array() {
            nest();
            pos++;
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                depth--;
                return list;
            }
            while (true) {
                skipWhitespace();
                list.add(value());
                skipWhitespace();
                char c = peek();
                pos++;
                if (c == ']') {
                    depth--;
                    return list;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']' in an array, found " + describe(pos));
                }
            }
        }

        private String string() {
            int start = pos;
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    pos = start;
                    throw error("unterminated string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("unescaped control character U+" + String.format("%04X", (int) c) + " in a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    pos++;
                    continue;
                }
                if (pos + 1 >= s.length()) {
                    pos = start;
                    throw error("unterminated string");
                }
                char e = s.charAt(pos + 1);
                pos += 2;
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> sb.append(unicodeEscape());
                    default -> {
                        pos -= 2;
                        throw error("invalid escape \\" + e + " in a string");
                    }
                }
            }
        }

        private char unicodeEscape() {
            if (pos + 4 > s.length()) {
                pos -= 2;
                throw error("incomplete \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos + i), 16);
                if (d < 0) {
                    pos -= 2;
                    throw error("invalid \\u escape");
                }
                v = v * 16 + d;
            }
            pos += 4;
            return (char) v;
        }

        private Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw error("invalid number: expected a digit after '-'");
            }
            boolean integral = true;
            if (peek() == '.') {
                integral = false;
                pos++;
                if (!isDigit(peek())) {
                    throw error("invalid number: expected a digit after '.'");
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                integral = false;
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("invalid number: expected a digit in the exponent");
                }
                digits();
            }
            String text = s.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    return Double.parseDouble(text); // too large for a long
                }
            }
            return Double.parseDouble(text);
        }

        private void digits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) {
                throw error("unexpected " + describe(pos) + ", expected a value");
            }
            pos += word.length();
            return v;
        }

        private void nest() {
            if (++depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "', found " + describe(pos));
            }
            pos++;
        }

        /** The current character, or {@code \0} at the end (never valid where it is checked). */
        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private String describe(int at) {
            if (at >= s.length()) {
                return "end of input";
            }
            char c = s.charAt(at);
            return c < 0x20 || c > 0x7e ? String.format("character U+%04X", (int) c) : "'" + c + "'";
        }

        private IllegalArgumentException error(String message) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < pos && i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new IllegalArgumentException("invalid JSON at line " + line + ", column " + column
                    + " (offset " + pos + "): " + message);
        }
    }
}
