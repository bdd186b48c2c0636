package dev.saeexplorer.core.io.torch;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.arrays.ElementType;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pyrolite's unpickler with every opcode that can name, call or build an object taken over, so that only an
 * allow-list of globals ever resolves and nothing is instantiated but dicts, lists, tuples, plain values and the
 * descriptions of tensors.
 *
 * <p>Pyrolite resolves a global through a static registry with defaults ({@code __builtin__.bytearray},
 * {@code datetime.*}, {@code decimal.Decimal}, ...) and builds a dict for any other name; this class never consults
 * that registry: GLOBAL and STACK_GLOBAL look the name up in {@link #ALLOWED} and refuse anything else on the spot,
 * REDUCE and NEWOBJ call only the {@link Call}s defined here, BUILD is accepted only on an OrderedDict (whose state,
 * torch's {@code _metadata}, is dropped), and INST, OBJ, NEWOBJ_EX, PERSID, the extension registry and out-of-band
 * buffers are refused outright. Length-prefixed opcodes are checked against the bytes that remain before anything is
 * allocated, and dict keys must be plain values (a self-containing list as a key would recurse in hashCode).
 *
 * <p>Results: {@code LinkedHashMap} for dicts (insertion order kept), {@code ArrayList} for lists, {@code Object[]}
 * for tuples, Pyrolite's Integer/Long/BigInteger, Double, Boolean, String, byte[] and null for plain values,
 * {@link ElementType} for a {@code torch.<dtype>} global, and {@link Rebuilt} for a tensor.
 */
final class SafeUnpickler extends Unpickler {
    /** The functions a checkpoint may call; each is implemented here, on plain arguments. */
    enum Call {
        REBUILD_TENSOR_V2, REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE, ORDERED_DICT, CODECS_ENCODE, BYTES,
        TORCH_SIZE, TORCH_DEVICE
    }

    /** A {@code torch.*Storage} class, as it appears in a storage's persistent id. */
    record StorageType(String name, ElementType type) {
    }

    /** A storage as the persistent id names it: its record, element type and element count. */
    record StorageRef(String key, StorageType type, long numel) {
    }

    /** What {@code _rebuild_tensor_v2} and {@code _rebuild_parameter} describe; checked when it gets its name. */
    record Rebuilt(StorageRef storage, long offset, long[] size, long[] stride, boolean parameter) {
        Rebuilt asParameter() {
            return new Rebuilt(storage, offset, size, stride, true);
        }
    }

    /** The allow-list: "module.name" to what it resolves to. Anything else is refused when named. */
    static final Map<String, Object> ALLOWED = allowed();

    private final Function<String, InvalidInputException> bad;
    private final Function<Object[], StorageRef> storages;
    private Input in;
    /** Where the opcode being run starts, for messages. */
    private int opcodeAt;

    /** An OrderedDict: a dict that may receive BUILD (torch sets {@code _metadata} on state dicts). */
    static final class OrderedDict extends LinkedHashMap<Object, Object> {
    }

    /** The pickle bytes, with the position and the count of bytes left in reach for checks and messages. */
    private static final class Input extends ByteArrayInputStream {
        Input(byte[] bytes) {
            super(bytes);
        }

        int position() {
            return pos;
        }

        long remaining() {
            return count - pos;
        }
    }

    /**
     * @param bad      turns a detail into the reader's exception (which names the file)
     * @param storages resolves a storage's persistent id, already checked to be a 5-tuple starting with "storage"
     */
    SafeUnpickler(Function<String, InvalidInputException> bad, Function<Object[], StorageRef> storages) {
        this.bad = bad;
        this.storages = storages;
    }

    /** Unpickles {@code pickle}; a problem of any kind is an {@link InvalidInputException} naming the byte offset. */
    Object load(byte[] pickle) {
        in = new Input(pickle);
        try {
            return load(in);
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Pyrolite reports a malformed stream with whatever its casts and reads throw; say where and what.
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
            throw bad.apply("data.pkl is not a valid pickle (at byte " + opcodeAt + ": "
                    + why + "); the file is corrupt");
        } finally {
            close();
        }
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        opcodeAt = in.position() - 1;
        switch (key) {
            case Opcodes.GLOBAL -> stack.add(resolve(PickleUtils.readline(input), PickleUtils.readline(input)));
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String) || !(name instanceof String)) {
                    throw malformed("STACK_GLOBAL needs two strings");
                }
                stack.add(resolve((String) module, (String) name));
            }
            case Opcodes.INST -> {
                // Protocol 0's "instantiate module.name": refused by name if not allowed, and refused anyway.
                Object target = resolve(PickleUtils.readline(input), PickleUtils.readline(input));
                throw refused("instantiates " + describe(target) + " with the INST opcode, which torch.save never"
                        + " writes");
            }
            case Opcodes.OBJ -> throw refused("builds an object with the OBJ opcode, which torch.save never writes");
            case Opcodes.NEWOBJ_EX -> throw refused("builds an object with the NEWOBJ_EX opcode, which torch.save"
                    + " never writes");
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 -> throw refused("names a global through the copyreg"
                    + " extension registry, which torch.save never writes");
            case Opcodes.PERSID -> throw refused("has a text persistent id, which torch.save never writes");
            case Opcodes.NEXT_BUFFER, Opcodes.READONLY_BUFFER -> throw refused("refers to out-of-band buffers, which"
                    + " torch.save never writes");
            case Opcodes.REDUCE -> {
                Object args = stack.pop();
                Object callable = stack.pop();
                stack.add(call(callable, args));
            }
            case Opcodes.NEWOBJ -> {
                Object args = stack.pop();
                Object cls = stack.pop();
                if (cls != Call.ORDERED_DICT) {
                    throw refused("creates an instance of " + describe(cls) + " (NEWOBJ), which is not allowed");
                }
                if (!(args instanceof Object[])) {
                    throw malformed("NEWOBJ needs a tuple of arguments");
                }
                stack.add(new OrderedDict());
            }
            case Opcodes.BUILD -> {
                stack.pop(); // the state
                Object target = stack.peek();
                if (!(target instanceof OrderedDict)) {
                    throw refused("sets the state of " + describe(target) + " (BUILD); only an OrderedDict's is"
                            + " accepted");
                }
                // torch attaches _metadata (module versions) to state dicts; it holds nothing a reader needs.
            }
            case Opcodes.BINPERSID -> stack.add(persistentLoad(stack.pop()));
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                List<Object> items = stack.pop_all_since_marker();
                if (items.size() % 2 != 0) {
                    throw malformed("DICT needs key-value pairs");
                }
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < items.size(); i += 2) {
                    map.put(dictKey(items.get(i)), items.get(i + 1));
                }
                stack.add(map);
            }
            case Opcodes.SETITEM -> {
                Object value = stack.pop();
                Object k = stack.pop();
                targetDict().put(dictKey(k), value);
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                if (items.size() % 2 != 0) {
                    throw malformed("SETITEMS needs key-value pairs");
                }
                Map<Object, Object> map = targetDict();
                for (int i = 0; i < items.size(); i += 2) {
                    map.put(dictKey(items.get(i)), items.get(i + 1));
                }
            }
            case Opcodes.EMPTY_SET, Opcodes.ADDITEMS, Opcodes.FROZENSET -> throw refused("holds a Python set,"
                    + " which this reader does not read");
            case Opcodes.BINSTRING -> stack.add(PickleUtils.rawStringFromBytes(bytes(signedLength(4))));
            case Opcodes.BINBYTES -> stack.add(bytes(unsignedLength(4)));
            case Opcodes.BINUNICODE -> stack.add(new String(bytes(unsignedLength(4)), StandardCharsets.UTF_8));
            case Opcodes.BINUNICODE8 -> stack.add(new String(bytes(unsignedLength(8)), StandardCharsets.UTF_8));
            case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> stack.add(bytes(unsignedLength(8)));
            case Opcodes.LONG4 -> stack.add(PickleUtils.decode_long(bytes(signedLength(4))));
            case Opcodes.LONG -> {
                String digits = PickleUtils.readline(input);
                // Parsing is quadratic in the digits; no checkpoint holds an integer of thousands of digits.
                if (digits.length() > 1000) {
                    throw malformed("an integer of " + digits.length() + " digits");
                }
                stack.add(PickleUtils.optimizeBigint(new BigInteger(digits.endsWith("L")
                        ? digits.substring(0, digits.length() - 1) : digits)));
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0])) {
            throw refused("has a persistent id that is not a torch storage: " + abbreviate(describe(pid)));
        }
        return storages.apply(t);
    }

    private Object resolve(String module, String name) {
        String qualified = module + "." + name;
        Object target = ALLOWED.get(qualified);
        if (target == null) {
            throw bad.apply("data.pkl names the Python global " + TorchCheckpointReader.quote(qualified) + " (at byte "
                    + opcodeAt + "), which is not on the allow-list of tensors and plain data;"
                    + " refusing the file, since loading it with torch.load could run code");
        }
        return target;
    }

    private Object call(Object callable, Object args) {
        if (!(callable instanceof Call c)) {
            throw refused("calls " + describe(callable) + ", which is not a function this reader allows");
        }
        if (!(args instanceof Object[] a)) {
            throw malformed("REDUCE needs a tuple of arguments");
        }
        return switch (c) {
            case REBUILD_TENSOR_V2 -> rebuildTensor(a);
            case REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE -> {
                int arity = c == Call.REBUILD_PARAMETER ? 3 : 4;
                if (a.length != arity || !(a[0] instanceof Rebuilt data) || !(a[1] instanceof Boolean)) {
                    throw malformed(name(c) + " needs (tensor, requires_grad, hooks" + (arity == 4 ? ", state)" : ")"));
                }
                yield data.asParameter();
            }
            case ORDERED_DICT -> orderedDict(a);
            case CODECS_ENCODE -> {
                // Protocol 2 writes bytes as _codecs.encode(text, 'latin1').
                if (a.length != 2 || !(a[0] instanceof String text) || !(a[1] instanceof String encoding)
                        || !List.of("latin1", "latin-1", "iso-8859-1").contains(encoding.toLowerCase())) {
                    throw refused("calls _codecs.encode with arguments other than (text, 'latin1')");
                }
                yield text.getBytes(StandardCharsets.ISO_8859_1);
            }
            case BYTES -> {
                if (a.length != 0) {
                    throw refused("calls bytes() with arguments");
                }
                yield new byte[0];
            }
            case TORCH_SIZE -> {
                if (a.length != 1 || !(a[0] instanceof Object[] || a[0] instanceof List)) {
                    throw malformed("torch.Size needs one tuple");
                }
                yield a[0] instanceof Object[] dims ? dims : ((List<?>) a[0]).toArray();
            }
            case TORCH_DEVICE -> {
                if (a.length < 1 || a.length > 2 || !(a[0] instanceof String type)
                        || (a.length == 2 && a[1] != null && !(a[1] instanceof Integer))) {
                    throw malformed("torch.device needs (type[, index])");
                }
                yield a.length == 2 && a[1] != null ? type + ":" + a[1] : type;
            }
        };
    }

    private Rebuilt rebuildTensor(Object[] a) {
        // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        if ((a.length != 6 && a.length != 7) || !(a[0] instanceof StorageRef storage)
                || !(a[2] instanceof Object[] size) || !(a[3] instanceof Object[] stride)
                || !(a[4] instanceof Boolean) || !(a[5] instanceof Map)
                || (a.length == 7 && a[6] != null && !(a[6] instanceof Map))) {
            throw malformed("_rebuild_tensor_v2 needs (storage, offset, size, stride, requires_grad, hooks)");
        }
        if (size.length != stride.length) {
            throw malformed("a tensor's size " + Arrays.toString(size) + " and stride " + Arrays.toString(stride)
                    + " differ in length");
        }
        if (size.length > 64) {
            throw malformed("a tensor of rank " + size.length);
        }
        return new Rebuilt(storage, integer(a[1], "storage offset"), integers(size, "size"),
                integers(stride, "stride"), false);
    }

    private Object orderedDict(Object[] a) {
        OrderedDict d = new OrderedDict();
        if (a.length == 0) {
            return d;
        }
        if (a.length != 1) {
            throw malformed("OrderedDict takes at most one argument");
        }
        if (a[0] instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                d.put(dictKey(e.getKey()), e.getValue());
            }
            return d;
        }
        List<?> pairs = a[0] instanceof Object[] t ? Arrays.asList(t) : a[0] instanceof List<?> l ? l : null;
        if (pairs == null) {
            throw malformed("OrderedDict needs a list of pairs");
        }
        for (Object p : pairs) {
            List<?> pair = p instanceof Object[] t ? Arrays.asList(t) : p instanceof List<?> l ? l : null;
            if (pair == null || pair.size() != 2) {
                throw malformed("OrderedDict needs a list of pairs");
            }
            d.put(dictKey(pair.get(0)), pair.get(1));
        }
        return d;
    }

    private long integer(Object o, String what) {
        if (o instanceof Integer || o instanceof Long) {
            return ((Number) o).longValue();
        }
        if (o instanceof BigInteger b) {
            throw malformed("a tensor's " + what + " " + abbreviate(b.toString()) + " does not fit 64 bits");
        }
        throw malformed("a tensor's " + what + " is " + describe(o) + ", not an integer");
    }

    private long[] integers(Object[] values, String what) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = integer(values[i], what);
        }
        return out;
    }

    /** Dict keys as Python's hash would allow, ints normalised so that 1 and 1L are one key. */
    private Object dictKey(Object k) {
        if (k instanceof List || k instanceof Map || k instanceof java.util.Set) {
            throw malformed("a dict key that is a list or a dict");
        }
        if (k instanceof Integer i) {
            return i.longValue();
        }
        if (k instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        return k;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> targetDict() {
        Object target = stack.peek();
        if (!(target instanceof Map)) {
            throw malformed("SETITEM on " + describe(target));
        }
        return (Map<Object, Object>) target;
    }

    private long signedLength(int width) throws IOException {
        byte[] b = PickleUtils.readbytes(input, width);
        long n = width == 4 ? PickleUtils.bytes_to_integer(b) : PickleUtils.bytes_to_long(b, 0);
        if (n < 0) {
            throw malformed("a negative length");
        }
        return n;
    }

    private long unsignedLength(int width) throws IOException {
        byte[] b = PickleUtils.readbytes(input, width);
        long n = width == 4 ? PickleUtils.bytes_to_uint(b, 0) : PickleUtils.bytes_to_long(b, 0);
        if (n < 0) {
            throw malformed("a length beyond 2^63");
        }
        return n;
    }

    /** Reads {@code n} bytes after checking they are there, so a forged length cannot allocate gigabytes. */
    private byte[] bytes(long n) throws IOException {
        if (n > in.remaining()) {
            throw malformed("a length of " + n + " bytes, more than the " + in.remaining() + " that remain");
        }
        return PickleUtils.readbytes(input, (int) n);
    }

    private InvalidInputException refused(String what) {
        return bad.apply("data.pkl " + what + " (at byte " + opcodeAt + "); refusing the file");
    }

    private InvalidInputException malformed(String what) {
        return bad.apply("data.pkl is not a valid torch pickle (at byte " + opcodeAt + ": "
                + what + "); the file is corrupt");
    }

    private static String name(Call c) {
        return switch (c) {
            case REBUILD_PARAMETER -> "_rebuild_parameter";
            case REBUILD_PARAMETER_WITH_STATE -> "_rebuild_parameter_with_state";
            default -> c.name().toLowerCase();
        };
    }

    /** A short description of a value from the pickle for messages; never its full content. */
    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        for (Map.Entry<String, Object> e : ALLOWED.entrySet()) {
            if (e.getValue().equals(o)) {
                return e.getKey();
            }
        }
        if (o instanceof String s) {
            return "the string " + TorchCheckpointReader.quote(s);
        }
        if (o instanceof Object[]) {
            return "a tuple";
        }
        if (o instanceof List) {
            return "a list";
        }
        if (o instanceof Map) {
            return "a dict";
        }
        if (o instanceof Number || o instanceof Boolean) {
            return "the value " + o;
        }
        if (o instanceof Rebuilt) {
            return "a tensor";
        }
        if (o instanceof StorageRef) {
            return "a storage";
        }
        return "a value of kind " + o.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        String line = oneLine(s);
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
    }

    private static Map<String, Object> allowed() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("torch._utils._rebuild_tensor_v2", Call.REBUILD_TENSOR_V2);
        m.put("torch._utils._rebuild_parameter", Call.REBUILD_PARAMETER);
        m.put("torch._utils._rebuild_parameter_with_state", Call.REBUILD_PARAMETER_WITH_STATE);
        m.put("collections.OrderedDict", Call.ORDERED_DICT);
        m.put("_codecs.encode", Call.CODECS_ENCODE);
        m.put("__builtin__.bytes", Call.BYTES);
        m.put("builtins.bytes", Call.BYTES);
        m.put("torch.Size", Call.TORCH_SIZE);
        m.put("torch.device", Call.TORCH_DEVICE);
        Object[][] storages = {
                {"FloatStorage", ElementType.FLOAT32}, {"HalfStorage", ElementType.FLOAT16},
                {"BFloat16Storage", ElementType.BFLOAT16}, {"DoubleStorage", ElementType.FLOAT64},
                {"LongStorage", ElementType.INT64}, {"IntStorage", ElementType.INT32},
                {"ShortStorage", ElementType.INT16}, {"CharStorage", ElementType.INT8},
                {"ByteStorage", ElementType.UINT8}, {"BoolStorage", ElementType.BOOL},
                // An untyped storage counts bytes; torch reads it as uint8.
                {"UntypedStorage", ElementType.UINT8},
        };
        for (Object[] s : storages) {
            StorageType type = new StorageType((String) s[0], (ElementType) s[1]);
            m.put("torch." + s[0], type);
        }
        m.put("torch.storage.UntypedStorage", m.get("torch.UntypedStorage"));
        Object[][] dtypes = {
                {"float32", ElementType.FLOAT32}, {"float", ElementType.FLOAT32},
                {"float16", ElementType.FLOAT16}, {"half", ElementType.FLOAT16},
                {"bfloat16", ElementType.BFLOAT16},
                {"float64", ElementType.FLOAT64}, {"double", ElementType.FLOAT64},
                {"int64", ElementType.INT64}, {"long", ElementType.INT64},
                {"int32", ElementType.INT32}, {"int", ElementType.INT32},
                {"int16", ElementType.INT16}, {"short", ElementType.INT16},
                {"int8", ElementType.INT8}, {"uint8", ElementType.UINT8}, {"bool", ElementType.BOOL},
        };
        for (Object[] d : dtypes) {
            m.put("torch." + d[0], d[1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** For messages and tests: every allowed global, in a stable order. */
    static List<String> allowedNames() {
        return new ArrayList<>(ALLOWED.keySet());
    }
}
