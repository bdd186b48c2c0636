package dev.saeexplorer.core.io.npy;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.FileReads;
import dev.saeexplorer.core.io.arrays.ArrayData;
import dev.saeexplorer.core.io.arrays.ElementType;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a {@code .npy} array: the magic string, the format version (1.0, 2.0 or 3.0), and a Python dict
 * literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}, which is parsed here by a
 * small strict parser of literals (strings, integers, True/False/None, tuples, lists, dicts) and never evaluated.
 *
 * @param dataOffset where the array's bytes begin, counted from the start of the .npy data
 * @param dataBytes  how many bytes the array's elements take (shape × item size)
 */
record NpyHeader(int major, int minor, String descr, ElementType type, ByteOrder order, boolean fortranOrder,
                 int[] shape, long count, long dataOffset, long dataBytes) {
    /** numpy's own read limit ({@code max_header_size} of {@code np.load}): longer headers are refused. */
    static final int MAX_HEADER_BYTES = 10_000;
    /** The most bytes needed to parse any acceptable header: magic, version, a 4-byte length and the header. */
    static final int MAX_PREFIX_BYTES = 12 + MAX_HEADER_BYTES;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("([<>|=])([a-zA-Z])(\\d+)");
    static final String SUPPORTED = "float16/32/64 ('<f2', '<f4', '<f8', and '>' for big-endian), int8/16/32/64,"
            + " uint8 and bool";

    /**
     * Parses the header at the start of {@code head}, the first bytes of a .npy file or member ({@code total} bytes
     * in all), and checks that exactly the array's bytes follow it.
     */
    static NpyHeader parse(byte[] head, long total, Function<String, InvalidInputException> bad) {
        if (total == 0) {
            throw bad.apply("it is empty (0 bytes)");
        }
        int magic = Math.min(head.length, MAGIC.length);
        if (!Arrays.equals(head, 0, magic, MAGIC, 0, magic)) {
            throw bad.apply(notNpy(head));
        }
        if (head.length < 8) {
            throw bad.apply("it ends inside its header; the file is truncated");
        }
        int major = head[6] & 0xFF;
        int minor = head[7] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw bad.apply("it is in .npy format version " + major + "." + minor + "; this reader knows 1.0, 2.0"
                    + " and 3.0");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        if (head.length < 8 + lengthBytes) {
            throw bad.apply("it ends inside its header; the file is truncated");
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? b.getShort(8) & 0xFFFF : b.getInt(8) & 0xFFFFFFFFL;
        if (headerLength > MAX_HEADER_BYTES) {
            throw bad.apply("its header is " + headerLength + " bytes, more than numpy's limit of "
                    + MAX_HEADER_BYTES + "; the file is corrupt or hostile");
        }
        int start = 8 + lengthBytes;
        if (start + headerLength > total || start + headerLength > head.length) {
            throw bad.apply("it ends inside its " + headerLength + "-byte header; the file is truncated");
        }
        String text = decode(Arrays.copyOfRange(head, start, start + (int) headerLength), major == 3, bad);
        Object literal = new Literal(text, bad).parseHeader();
        NpyHeader h = interpret(literal, major, minor, start + headerLength, bad);
        long available = total - h.dataOffset;
        if (available < h.dataBytes) {
            throw bad.apply("its header's shape " + Arrays.toString(h.shape) + " of " + h.descr + " needs "
                    + h.dataBytes + " bytes of data but only " + available + " follow; the file is truncated");
        }
        if (available > h.dataBytes) {
            throw bad.apply((available - h.dataBytes) + " bytes follow the " + h.dataBytes + " bytes its shape "
                    + Arrays.toString(h.shape) + " of " + h.descr + " needs; the file is corrupt");
        }
        return h;
    }

    private static String notNpy(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K') {
            return "it is a zip archive (an .npz file?), not a .npy file";
        }
        if (head.length >= 1 && (head[0] & 0xFF) == 0x80) {
            return "it is a Python pickle, not a .npy file; pickles are not read";
        }
        return "it does not start with the .npy magic string \\x93NUMPY, so it is not a .npy file";
    }

    private static String decode(byte[] bytes, boolean utf8, Function<String, InvalidInputException> bad) {
        if (!utf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return FileReads.strictUtf8(bytes);
        } catch (CharacterCodingException e) {
            throw bad.apply("its version 3.0 header is not valid UTF-8; the file is corrupt");
        }
    }

    private static NpyHeader interpret(Object literal, int major, int minor, long dataOffset,
                                       Function<String, InvalidInputException> bad) {
        if (!(literal instanceof Map<?, ?> dict)) {
            throw bad.apply("its header is not a dict literal");
        }
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw bad.apply("its header has the keys " + dict.keySet() + "; a .npy header has exactly descr,"
                    + " fortran_order and shape");
        }
        Object descr = dict.get("descr");
        if (containsObject(descr, false)) {
            throw bad.apply("it holds Python objects (dtype " + describe(descr) + "), which are stored as pickles;"
                    + " refusing them (save numeric arrays instead)");
        }
        if (!(descr instanceof String d)) {
            throw bad.apply("it has a structured dtype " + describe(descr) + "; only plain numeric arrays are read");
        }
        Matcher m = DESCR.matcher(d);
        ElementType type = m.matches() ? type(m.group(2), m.group(3)) : null;
        if (type == null) {
            throw bad.apply("its dtype " + quote(d) + " is not supported; supported: " + SUPPORTED);
        }
        char orderChar = m.group(1).charAt(0);
        if (orderChar == '=' || (orderChar == '|' && type.byteSize() > 1)) {
            throw bad.apply("its dtype " + quote(d) + " does not say its byte order; numpy writes '<' or '>'");
        }
        ByteOrder order = orderChar == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw bad.apply("its header's fortran_order is " + describe(dict.get("fortran_order"))
                    + ", not True or False");
        }
        if (!(dict.get("shape") instanceof Object[] dims)) {
            throw bad.apply("its header's shape is " + describe(dict.get("shape")) + ", not a tuple of integers");
        }
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (!(dims[i] instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                throw bad.apply("its header's shape " + describe(dims) + " must hold integers from 0 to "
                        + Integer.MAX_VALUE);
            }
            shape[i] = (int) (long) v;
        }
        long count = ArrayData.elementCount(shape);
        long bytes;
        try {
            if (count < 0) {
                throw new ArithmeticException();
            }
            bytes = Math.multiplyExact(count, type.byteSize());
        } catch (ArithmeticException e) {
            throw bad.apply("its shape " + Arrays.toString(shape) + " of " + d + " overflows: more than 2^63 bytes");
        }
        if (count > ArrayData.MAX_ELEMENTS) {
            throw bad.apply("its shape " + Arrays.toString(shape) + " has " + count
                    + " elements, more than one array can hold");
        }
        return new NpyHeader(major, minor, d, type, order, fortran, shape, count, dataOffset, bytes);
    }

    private static ElementType type(String kind, String size) {
        return switch (kind + size) {
            case "f2" -> ElementType.FLOAT16;
            case "f4" -> ElementType.FLOAT32;
            case "f8" -> ElementType.FLOAT64;
            case "i1" -> ElementType.INT8;
            case "i2" -> ElementType.INT16;
            case "i4" -> ElementType.INT32;
            case "i8" -> ElementType.INT64;
            case "u1" -> ElementType.UINT8;
            case "b1" -> ElementType.BOOL;
            default -> null;
        };
    }

    /** Whether a descr names an object type anywhere: 'O' in a type string, in any structured field. */
    private static boolean containsObject(Object descr, boolean fieldName) {
        if (descr instanceof String s) {
            return !fieldName && s.contains("O");
        }
        if (descr instanceof Object[] fields) {
            // A structured field is (name, type[, shape]): its first item is a name, not a type.
            for (int i = 0; i < fields.length; i++) {
                if (containsObject(fields[i], i == 0 && fields.length >= 2 && fields[0] instanceof String)) {
                    return true;
                }
            }
        }
        if (descr instanceof List<?> items) {
            for (Object item : items) {
                if (containsObject(item, false)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(Object o) {
        if (o instanceof String s) {
            return quote(s);
        }
        if (o instanceof Object[] t) {
            List<String> parts = new ArrayList<>();
            for (Object x : t) {
                parts.add(describe(x));
            }
            return abbreviate("(" + String.join(", ", parts) + (t.length == 1 ? ",)" : ")"));
        }
        if (o instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object x : l) {
                parts.add(describe(x));
            }
            return abbreviate("[" + String.join(", ", parts) + "]");
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return o == null ? "None" : abbreviate(o.toString());
    }

    static String quote(String s) {
        return "'" + abbreviate(s) + "'";
    }

    private static String abbreviate(String s) {
        String line = s.replaceAll("\\p{Cntrl}", " ");
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }

    /** A strict parser of the Python literals a .npy header may hold; anything else is refused, nothing runs. */
    private static final class Literal {
        private static final int MAX_DEPTH = 32;
        private final String s;
        private final Function<String, InvalidInputException> bad;
        private int p;

        Literal(String s, Function<String, InvalidInputException> bad) {
            this.s = s;
            this.bad = bad;
        }

        /** The dict, followed only by the spaces and newline numpy pads with. */
        Object parseHeader() {
            Object v = value(0);
            skipSpace();
            if (p != s.length()) {
                throw error("unexpected text after the header dict");
            }
            return v;
        }

        private Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            skipSpace();
            if (p >= s.length()) {
                throw error("it ends early");
            }
            char c = s.charAt(p);
            return switch (c) {
                case '{' -> dict(depth);
                case '(' -> sequence(depth, ')').toArray();
                case '[' -> sequence(depth, ']');
                case '\'', '"' -> string();
                default -> {
                    if (c == '-' || Character.isDigit(c)) {
                        yield integer();
                    }
                    yield word();
                }
            };
        }

        private Map<String, Object> dict(int depth) {
            p++; // {
            Map<String, Object> out = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    p++;
                    return out;
                }
                Object key = value(depth + 1);
                if (!(key instanceof String k)) {
                    throw error("a dict key that is not a string");
                }
                skipSpace();
                expect(':');
                Object v = value(depth + 1);
                if (out.containsKey(k)) {
                    throw error("the key " + quote(k) + " twice");
                }
                out.put(k, v);
                skipSpace();
                if (peek() == ',') {
                    p++;
                } else if (peek() != '}') {
                    throw error("a missing comma");
                }
            }
        }

        private List<Object> sequence(int depth, char close) {
            p++; // ( or [
            List<Object> out = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == close) {
                    p++;
                    return out;
                }
                out.add(value(depth + 1));
                skipSpace();
                if (peek() == ',') {
                    p++;
                } else if (peek() != close) {
                    throw error("a missing comma");
                }
            }
        }

        private String string() {
            char quote = s.charAt(p++);
            int start = p;
            while (p < s.length() && s.charAt(p) != quote) {
                char c = s.charAt(p);
                if (c == '\\' || c == '\n') {
                    throw error("an escape or line break inside a string");
                }
                p++;
            }
            if (p >= s.length()) {
                throw error("an unterminated string");
            }
            return s.substring(start, p++);
        }

        private Long integer() {
            int start = p;
            if (s.charAt(p) == '-') {
                p++;
            }
            while (p < s.length() && Character.isDigit(s.charAt(p)) && s.charAt(p) < 128) {
                p++;
            }
            String digits = s.substring(start, p);
            if (p < s.length() && (s.charAt(p) == 'L' || s.charAt(p) == 'l')) {
                p++; // Python 2 wrote 3L
            }
            if (digits.equals("-") || digits.isEmpty() || digits.length() > 40) {
                throw error("a malformed integer");
            }
            BigInteger v = new BigInteger(digits);
            if (v.bitLength() > 63) {
                throw error("the integer " + abbreviate(digits) + ", beyond 64 bits");
            }
            return v.longValue();
        }

        private Object word() {
            for (String w : new String[]{"True", "False", "None"}) {
                if (s.startsWith(w, p)) {
                    p += w.length();
                    return w.equals("None") ? null : w.equals("True");
                }
            }
            throw error("unexpected character " + quote(String.valueOf(s.charAt(p))));
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("a missing '" + c + "'");
            }
            p++;
        }

        private char peek() {
            if (p >= s.length()) {
                throw error("it ends early");
            }
            return s.charAt(p);
        }

        private void skipSpace() {
            while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t' || s.charAt(p) == '\n'
                    || s.charAt(p) == '\r')) {
                p++;
            }
        }

        private InvalidInputException error(String what) {
            return bad.apply("its header is not a valid .npy header dict (" + what + " at character " + p + ")");
        }
    }
}
