package dev.saeexplorer.core.io.torch;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.FileReads;
import dev.saeexplorer.core.io.arrays.ArrayData;
import dev.saeexplorer.core.io.arrays.ElementType;
import dev.saeexplorer.core.io.arrays.FileRegion;
import dev.saeexplorer.core.io.torch.SafeUnpickler.Call;
import dev.saeexplorer.core.io.torch.SafeUnpickler.Rebuilt;
import dev.saeexplorer.core.io.torch.SafeUnpickler.StorageRef;
import dev.saeexplorer.core.io.torch.SafeUnpickler.StorageType;
import dev.saeexplorer.core.io.zip.ZipArchive;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a PyTorch checkpoint written by {@code torch.save} (the zip format of PyTorch 1.6 and later) without running
 * any of its code: {@code data.pkl} is unpickled by a restricted Pyrolite unpickler, which resolves only an allow-list of
 * globals (tensor and parameter rebuilding, the {@code torch.*Storage} types, {@code torch.<dtype>},
 * {@code collections.OrderedDict}, {@code torch.Size}, {@code torch.device}, and bytes) and refuses every other name,
 * e.g. {@code os.system}, {@code builtins.eval} or {@code numpy.core.multiarray._reconstruct}, wherever it is nested.
 *
 * <p>Archive layout: {@code <name>/data.pkl} (the pickled object), {@code <name>/data/<key>} (one record per storage,
 * stored uncompressed), {@code <name>/version}, and, since PyTorch 2.1, {@code <name>/byteorder} ("little" or "big";
 * little when absent). A tensor is a storage key, an element type, an element offset, a size and strides.
 *
 * <p>Memory: reading validates the whole archive and every tensor's bounds but copies no tensor data. Storages stay
 * in the file: a {@link TorchTensor} maps just the bytes it spans ({@link FileRegion}) when its values are asked for,
 * converts them straight into the result array and unmaps them, so a 2 GB float32 checkpoint read tensor by tensor
 * needs the heap for each result array only (2 GB if all are kept), never for a second or third copy of the file.
 *
 * <p>Every problem with a file is an {@link InvalidInputException} whose one-line message names the file and what is
 * wrong; checkpoints in the legacy (pre-1.6) format, TorchScript archives and safetensors files are told apart.
 */
public final class TorchCheckpointReader {
    /** Pickles beyond this are not state dicts; a model of a million tensors pickles to some tens of MB. */
    public static final int MAX_PICKLE_BYTES = 256 << 20;
    /** Deeper nesting than this is not a checkpoint (Python's own recursion limit is 1000). */
    static final int MAX_DEPTH = 200;
    /**
     * Counts every visit, so a pickle of shared sub-lists (2^40 paths through 40 lists) cannot make the walk
     * exponential; a million is far beyond a state dict with its optimizer state (about four per parameter).
     */
    static final int MAX_NODES = 1_000_000;

    /** The pickled magic number that opens a legacy-format file: LONG1 of 0x1950a86a20f9469cfc6c. */
    private static final byte[] LEGACY_MAGIC = {(byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9,
            0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    private TorchCheckpointReader() {
    }

    /** Reads and validates {@code path}; every problem with the file is an {@link InvalidInputException}. */
    public static TorchCheckpoint read(Path path) {
        return FileReads.read(path, "a PyTorch checkpoint",
                ch -> new Reading(path, ch, FileRegion.Stamp.of(path)).read());
    }

    /** One read of one file: the archive, the storages named so far, and the walk that names everything. */
    private static final class Reading {
        private final Path path;
        private final FileChannel ch;
        private final FileRegion.Stamp stamp;
        private ZipArchive zip;
        private String prefix;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        private final Map<String, StorageRef> storages = new HashMap<>();
        private final Map<String, ZipArchive.Entry> storageEntries = new HashMap<>();
        private final List<TorchTensor> tensors = new ArrayList<>();
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Set<String> names = new HashSet<>();
        private final IdentityHashMap<Object, Boolean> onPath = new IdentityHashMap<>();
        private int nodes;

        Reading(Path path, FileChannel ch, FileRegion.Stamp stamp) {
            this.path = path;
            this.ch = ch;
            this.stamp = stamp;
        }

        TorchCheckpoint read() throws IOException {
            long size = ch.size();
            if (size == 0) {
                throw bad("the file is empty (0 bytes)");
            }
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 512));
            FileReads.fill(ch, 0, head);
            byte[] first = Arrays.copyOf(head.array(), head.position());
            if (!ZipArchive.looksLikeZip(first)) {
                throw bad(whatItIs(first));
            }
            zip = ZipArchive.read(ch, this::bad);
            ZipArchive.Entry pickle = findPickle();
            prefix = pickle.name().substring(0, pickle.name().length() - "data.pkl".length());
            if (zip.entry(prefix + "constants.pkl").isPresent()) {
                throw bad("it is a TorchScript archive (torch.jit.save), not a torch.save checkpoint; save the "
                        + "model's state_dict() with torch.save and open that");
            }
            OptionalInt version = readVersion();
            readByteOrder();
            byte[] bytes = zip.readSmall(ch, pickle, MAX_PICKLE_BYTES);
            Object root = new SafeUnpickler(this::bad, this::storage).load(bytes);
            Object tree = convert(root, "", 0);
            return new TorchCheckpoint(path, tree, tensors, values, version, order);
        }

        private ZipArchive.Entry findPickle() {
            List<ZipArchive.Entry> pickles = new ArrayList<>();
            for (ZipArchive.Entry e : zip.entries()) {
                String n = e.name();
                if (n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()) {
                    pickles.add(e);
                }
            }
            if (pickles.isEmpty()) {
                throw bad("it is a zip archive without a <name>/data.pkl record, so not a torch.save checkpoint");
            }
            if (pickles.size() > 1) {
                throw bad("it holds " + pickles.size() + " data.pkl records (" + quote(pickles.get(0).name())
                        + ", " + quote(pickles.get(1).name()) + "); a torch.save checkpoint has one");
            }
            return pickles.get(0);
        }

        private OptionalInt readVersion() throws IOException {
            var entry = zip.entry(prefix + "version");
            if (entry.isEmpty()) {
                return OptionalInt.empty();
            }
            String text = new String(zip.readSmall(ch, entry.get(), 64), StandardCharsets.US_ASCII).trim();
            try {
                return OptionalInt.of(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                throw bad("its version record is " + quote(text) + ", not a number");
            }
        }

        private void readByteOrder() throws IOException {
            var entry = zip.entry(prefix + "byteorder");
            if (entry.isEmpty()) {
                return; // written since PyTorch 2.1; older files come from little-endian machines
            }
            String text = new String(zip.readSmall(ch, entry.get(), 16), StandardCharsets.US_ASCII).trim();
            order = switch (text) {
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                case "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw bad("its byteorder record is " + quote(text) + ", not \"little\" or \"big\"");
            };
        }

        /** Resolves a persistent id ('storage', type, key, location, numel) to a checked storage record. */
        private StorageRef storage(Object[] pid) {
            if (!(pid[1] instanceof StorageType type)) {
                throw bad("data.pkl names " + SafeUnpickler.describe(pid[1]) + " as a storage type; refusing the file");
            }
            if (!(pid[2] instanceof String key) || !key.matches("[A-Za-z0-9_]{1,64}")) {
                throw bad("data.pkl names a storage by " + SafeUnpickler.describe(pid[2])
                        + ", not by a plain record key; refusing the file");
            }
            if (!(pid[3] instanceof String)) {
                throw bad("data.pkl gives storage " + quote(key) + " a location that is not a string");
            }
            long numel;
            if (pid[4] instanceof Integer || pid[4] instanceof Long) {
                numel = ((Number) pid[4]).longValue();
            } else {
                throw bad("data.pkl gives storage " + quote(key) + " a size that is not a 64-bit integer");
            }
            if (numel < 0) {
                throw bad("data.pkl gives storage " + quote(key) + " the negative size " + numel);
            }
            StorageRef seen = storages.get(key);
            if (seen != null) {
                if (!seen.type().equals(type) || seen.numel() != numel) {
                    throw bad("data.pkl describes storage " + quote(key) + " twice, as " + seen.numel() + " "
                            + seen.type().type() + " and as " + numel + " " + type.type() + " elements");
                }
                return seen;
            }
            String record = prefix + "data/" + key;
            ZipArchive.Entry entry = zip.entry(record).orElseThrow(() -> bad("data.pkl refers to storage "
                    + quote("data/" + key) + ", which the archive does not hold; the file is truncated or corrupt"));
            if (!entry.isStored()) {
                throw bad("storage " + quote("data/" + key) + " is compressed, but torch.save stores storages"
                        + " uncompressed; the file was repacked by another tool");
            }
            long bytes;
            try {
                bytes = Math.multiplyExact(numel, type.type().byteSize());
            } catch (ArithmeticException e) {
                throw bad("data.pkl gives storage " + quote(key) + " a size of " + numel + " elements, too large"
                        + " to address");
            }
            if (bytes > entry.size()) {
                throw bad("storage " + quote("data/" + key) + " should hold " + numel + " " + type.type()
                        + " elements (" + bytes + " bytes) but its record has only " + entry.size()
                        + " bytes; the file is truncated or corrupt");
            }
            StorageRef ref = new StorageRef(key, type, numel);
            storages.put(key, ref);
            storageEntries.put(key, entry);
            return ref;
        }

        /** Turns the unpickled object into the public tree, naming and checking every tensor on the way. */
        private Object convert(Object node, String name, int depth) {
            if (++nodes > MAX_NODES) {
                throw bad("data.pkl describes more than " + MAX_NODES + " values (shared lists nested many times);"
                        + " refusing the file");
            }
            if (depth > MAX_DEPTH) {
                throw bad("data.pkl nests values more than " + MAX_DEPTH + " levels deep; refusing the file");
            }
            if (node instanceof Rebuilt r) {
                TorchTensor t = tensor(r, name);
                claim(name);
                tensors.add(t);
                return t;
            }
            if (node instanceof Map<?, ?> || node instanceof List<?> || node instanceof Object[]) {
                if (onPath.put(node, Boolean.TRUE) != null) {
                    throw bad("data.pkl holds a container that contains itself (at " + quote(name)
                            + "); refusing the file");
                }
                try {
                    return node instanceof Map<?, ?> m ? convertMap(m, name, depth) : convertList(node, name, depth);
                } finally {
                    onPath.remove(node);
                }
            }
            Object leaf = leaf(node, name);
            claim(name);
            values.put(name, leaf);
            return leaf;
        }

        private Object convertMap(Map<?, ?> m, String name, int depth) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = keyName(e.getKey(), name);
                if (out.containsKey(key)) {
                    throw bad("a dict at " + quote(name) + " has two keys written " + quote(key));
                }
                out.put(key, convert(e.getValue(), join(name, key), depth + 1));
            }
            Map<String, Object> result = Collections.unmodifiableMap(out);
            if (out.isEmpty()) {
                claim(name);
                values.put(name, result);
            }
            return result;
        }

        private Object convertList(Object node, String name, int depth) {
            List<?> items = node instanceof Object[] a ? Arrays.asList(a) : (List<?>) node;
            List<Object> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                out.add(convert(items.get(i), join(name, Integer.toString(i)), depth + 1));
            }
            List<Object> result = Collections.unmodifiableList(out);
            if (out.isEmpty()) {
                claim(name);
                values.put(name, result);
            }
            return result;
        }

        private Object leaf(Object node, String name) {
            if (node == null || node instanceof String || node instanceof Double || node instanceof Boolean
                    || node instanceof Long || node instanceof ElementType) {
                return node;
            }
            if (node instanceof Integer i) {
                return i.longValue();
            }
            if (node instanceof BigInteger b) {
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            if (node instanceof byte[] b) {
                return b.clone();
            }
            if (node instanceof StorageRef) {
                throw bad("data.pkl holds a bare storage at " + quote(name) + " rather than a tensor; this reader"
                        + " reads tensors");
            }
            if (node instanceof Call || node instanceof StorageType) {
                throw bad("data.pkl holds a reference to " + SafeUnpickler.describe(node) + " at " + quote(name)
                        + " rather than a value; refusing the file");
            }
            throw bad("data.pkl holds " + SafeUnpickler.describe(node) + " at " + quote(name)
                    + ", which is not a tensor or a plain value; the file is corrupt");
        }

        private String keyName(Object key, String name) {
            if (key instanceof String s) {
                return s;
            }
            if (key instanceof Long || key instanceof Integer || key instanceof BigInteger) {
                return key.toString();
            }
            if (key instanceof Boolean b) {
                return b ? "True" : "False";
            }
            if (key == null) {
                return "None";
            }
            throw bad("a dict at " + quote(name) + " has a key that is " + SafeUnpickler.describe(key)
                    + "; only str, int, bool and None keys are read");
        }

        private void claim(String name) {
            if (!names.add(name)) {
                throw bad("two entries are both named " + quote(name) + " once nested names are joined with dots;"
                        + " they cannot be told apart");
            }
        }

        /** Checks a rebuilt tensor's size, strides and offset against its storage and describes where it lives. */
        private TorchTensor tensor(Rebuilt r, String name) {
            String t = "tensor " + quote(name);
            int[] shape = new int[r.size().length];
            for (int d = 0; d < shape.length; d++) {
                long s = r.size()[d];
                if (s < 0) {
                    throw bad(t + " has size " + Arrays.toString(r.size()) + " with a negative dimension");
                }
                if (s > Integer.MAX_VALUE) {
                    throw bad(t + " has size " + Arrays.toString(r.size()) + ", a dimension beyond "
                            + Integer.MAX_VALUE);
                }
                shape[d] = (int) s;
            }
            for (long s : r.stride()) {
                if (s < 0) {
                    throw bad(t + " has stride " + Arrays.toString(r.stride()) + " with a negative step");
                }
            }
            if (r.offset() < 0) {
                throw bad(t + " has the negative storage offset " + r.offset());
            }
            long count = ArrayData.elementCount(shape);
            if (count < 0 || count > ArrayData.MAX_ELEMENTS) {
                throw bad(t + " has size " + Arrays.toString(r.size()) + ", more elements than one array can hold");
            }
            long span;
            try {
                span = ArrayData.span(shape, r.stride(), r.offset());
            } catch (ArithmeticException e) {
                throw bad(t + " (size " + Arrays.toString(r.size()) + ", stride " + Arrays.toString(r.stride())
                        + ", offset " + r.offset() + ") addresses elements beyond 2^63");
            }
            StorageRef s = r.storage();
            if (span > s.numel()) {
                throw bad(t + " (size " + Arrays.toString(r.size()) + ", stride " + Arrays.toString(r.stride())
                        + ", offset " + r.offset() + ") needs " + span + " elements of storage "
                        + quote("data/" + s.key()) + ", which holds " + s.numel());
            }
            ElementType type = s.type().type();
            ZipArchive.Entry entry = storageEntries.get(s.key());
            FileRegion region = new FileRegion(path, stamp, entry.dataOffset(), s.numel() * type.byteSize());
            ArrayData data = ArrayData.strided(region, type, order, shape, r.stride(), r.offset(),
                    "tensor " + quote(name) + " of " + path);
            return new TorchTensor(name, s.key(), r.parameter(), data);
        }

        private String whatItIs(byte[] head) {
            if (head.length >= 2 && (head[0] & 0xFF) == 0x80 && head[1] >= 0 && head[1] <= 5) {
                boolean legacy = head.length >= 2 + LEGACY_MAGIC.length
                        && Arrays.equals(Arrays.copyOfRange(head, 2, 2 + LEGACY_MAGIC.length), LEGACY_MAGIC);
                return (legacy ? "it was saved in PyTorch's legacy (pre-1.6) format"
                        : "it is a bare Python pickle, as PyTorch's legacy (pre-1.6) format writes")
                        + ", which this reader does not read; load it in PyTorch and save it again with"
                        + " torch.save(obj, path, _use_new_zipfile_serialization=True), the default since 1.6";
            }
            if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
                return "it is a tar archive, PyTorch's oldest checkpoint format, which this reader does not read;"
                        + " re-save it in PyTorch 1.6 or later with torch.save(obj, path)";
            }
            if (head.length >= 9 && head[8] == '{') {
                return "it looks like a safetensors file, not a torch.save checkpoint; open it as safetensors";
            }
            return "it is not a PyTorch checkpoint: torch.save writes a zip archive and this file does not start"
                    + " with one";
        }

        private InvalidInputException bad(String detail) {
            return new InvalidInputException("invalid PyTorch checkpoint " + path + ": " + detail);
        }
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** Names come from untrusted files: keep messages on one line and short. */
    static String quote(String s) {
        return ZipArchive.quote(s);
    }
}
