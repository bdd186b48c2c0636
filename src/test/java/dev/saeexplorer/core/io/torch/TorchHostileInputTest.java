package dev.saeexplorer.core.io.torch;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.testkit.ZipBytes;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Unpickler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files built to attack or confuse the reader: pickles that name dangerous globals (written by PyTorch itself, see
 * make_fixtures.py, or assembled here), broken or lying zip archives, and tensors whose layout leaves their storage.
 * Each must be refused with one line that names the file, before anything outside the allow-list is touched.
 */
class TorchHostileInputTest {
    private static final Path DIR = TorchCheckpointReaderTest.DIR;
    private static final long[] ONE = {1};

    @TempDir
    Path tmp;

    /** Reads {@code file} expecting a refusal: one line, naming the file and every given word. */
    private static InvalidInputException refused(Path file, String... words) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchCheckpointReader.read(file));
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()), "names the file: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        for (String w : words) {
            assertTrue(m.contains(w), "expected '" + w + "' in: " + m);
        }
        return e;
    }

    private InvalidInputException refused(byte[] bytes, String... words) throws IOException {
        return refused(Files.write(tmp.resolve("bad.pt"), bytes), words);
    }

    /** A torch zip of the given data.pkl, storages ("0" -> bytes) and version record, as torch.save lays it out. */
    private static byte[] archive(byte[] pickle, Map<String, byte[]> storages) {
        ZipBytes zip = new ZipBytes().add("archive/data.pkl", pickle);
        storages.forEach((key, data) -> zip.add("archive/data/" + key, data));
        return zip.add("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII)).build();
    }

    private static byte[] floats(int n) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(i);
        }
        return b.array();
    }

    /** {"w": tensor} with the given layout over storage "0" of {@code numel} floats, stored as {@code data}. */
    private static byte[] oneTensor(long numel, long offset, long[] size, long[] stride, byte[] data) {
        byte[] pickle = PickleBytes.protocol2().emptyDict().str("w")
                .tensor("FloatStorage", "0", numel, offset, size, stride).setitem().stop().bytes();
        return archive(pickle, Map.of("0", data));
    }

    // --- Dangerous globals, in files PyTorch wrote.

    @ParameterizedTest
    @CsvSource({
            "evil_os_system.pt, os.system",
            "evil_posix_system.pt, posix.system",
            "evil_builtins_eval.pt, builtins.eval",
            "evil_builtin_eval.pt, __builtin__.eval",
            "evil_builtins_exec.pt, builtins.exec",
            "evil_subprocess_popen.pt, subprocess.Popen",
            "evil_builtin_bytearray.pt, __builtin__.bytearray",
            "evil_datetime.pt, datetime.datetime",
            "evil_torch_load.pt, torch.load",
            "evil_torch_utils_import.pt, torch._utils._import_dotted_name",
            // os.system pickles as posix.system on Linux; hidden after real tensors deep in a state dict.
            "evil_nested.pt, posix.system",
            // Protocol 4 names it with STACK_GLOBAL.
            "evil_nested_p4.pt, builtins.eval",
            "numpy_inside.pt, numpy.core.multiarray._reconstruct",
    })
    void aGlobalOffTheAllowListIsRefusedByName(String file, String global) {
        refused(DIR.resolve(file), "names the Python global '" + global + "'", "allow-list");
    }

    /**
     * Pyrolite resolves globals through a static registry (with defaults such as __builtin__.bytearray). Spies
     * registered there for every hostile name must never run: the reader never consults the registry.
     */
    @Test
    void pyrolitesConstructorRegistryIsNeverConsulted() {
        Map<String, IObjectConstructor> registry = Registry.constructors();
        List<String> names = List.of("os.system", "posix.system", "builtins.eval", "__builtin__.eval",
                "builtins.exec", "subprocess.Popen", "__builtin__.bytearray", "datetime.datetime", "torch.load",
                "torch._utils._import_dotted_name", "numpy.core.multiarray._reconstruct");
        Map<String, IObjectConstructor> saved = new HashMap<>();
        AtomicInteger calls = new AtomicInteger();
        for (String n : names) {
            saved.put(n, registry.get(n));
            registry.put(n, args -> {
                calls.incrementAndGet();
                return "constructed";
            });
        }
        try {
            try (var files = Files.list(DIR)) {
                for (Path f : files.filter(p -> p.getFileName().toString().matches("(evil_|numpy_).*\\.pt"))
                        .toList()) {
                    assertThrows(InvalidInputException.class, () -> TorchCheckpointReader.read(f), f.toString());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } finally {
            saved.forEach((n, c) -> {
                if (c == null) {
                    registry.remove(n);
                } else {
                    registry.put(n, c);
                }
            });
        }
        assertEquals(0, calls.get(), "a registered constructor ran");
    }

    /** Reaches Pyrolite's protected static registry. */
    private static final class Registry extends Unpickler {
        static Map<String, IObjectConstructor> constructors() {
            return objectConstructors;
        }
    }

    @Test
    void theAllowListIsExactlyTheDocumentedOne() {
        List<String> expected = List.of("torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
                "torch._utils._rebuild_parameter_with_state", "collections.OrderedDict", "_codecs.encode",
                "__builtin__.bytes", "builtins.bytes", "torch.Size", "torch.device", "torch.FloatStorage",
                "torch.HalfStorage", "torch.BFloat16Storage", "torch.DoubleStorage", "torch.LongStorage",
                "torch.IntStorage", "torch.ShortStorage", "torch.CharStorage", "torch.ByteStorage",
                "torch.BoolStorage", "torch.UntypedStorage", "torch.storage.UntypedStorage", "torch.float32",
                "torch.float", "torch.float16", "torch.half", "torch.bfloat16", "torch.float64", "torch.double",
                "torch.int64", "torch.long", "torch.int32", "torch.int", "torch.int16", "torch.short", "torch.int8",
                "torch.uint8", "torch.bool");
        assertEquals(expected, SafeUnpickler.allowedNames());
    }

    @Test
    void aForbiddenGlobalMerelyStoredAsAValueDeepInsideIsRefused() throws IOException {
        // {"a": [{"b": os.system}]}: never called, still refused when named.
        byte[] pickle = PickleBytes.protocol2().emptyDict().str("a").emptyList().emptyDict().str("b")
                .global("os", "system").setitem().append().setitem().stop().bytes();
        refused(archive(pickle, Map.of()), "'os.system'");
    }

    @Test
    void anAllowedClassUsedAsAValueIsRefused() throws IOException {
        byte[] pickle = PickleBytes.protocol2().emptyDict().str("cls").global("collections", "OrderedDict")
                .setitem().stop().bytes();
        refused(archive(pickle, Map.of()), "reference to collections.OrderedDict", "'cls'");
    }

    @Test
    void aStorageTypeCalledAsAFunctionIsRefused() throws IOException {
        byte[] pickle = PickleBytes.protocol2().global("torch", "FloatStorage").emptyTuple().reduce().stop().bytes();
        refused(archive(pickle, Map.of()), "calls torch.FloatStorage");
    }

    @Test
    void objectBuildingOpcodesAreRefused() throws IOException {
        byte[] inst = PickleBytes.protocol2().mark().raw("icollections\nOrderedDict\n".getBytes(StandardCharsets.US_ASCII))
                .stop().bytes();
        refused(archive(inst, Map.of()), "INST");
        byte[] instEvil = PickleBytes.protocol2().mark().raw("ios\nsystem\n".getBytes(StandardCharsets.US_ASCII))
                .stop().bytes();
        refused(archive(instEvil, Map.of()), "'os.system'");
        byte[] obj = PickleBytes.protocol2().mark().global("collections", "OrderedDict").op('o').stop().bytes();
        refused(archive(obj, Map.of()), "OBJ");
        byte[] build = PickleBytes.protocol2().emptyList().emptyDict().op('b').stop().bytes();
        refused(archive(build, Map.of()), "BUILD");
        byte[] newobj = PickleBytes.protocol2().global("torch._utils", "_rebuild_tensor_v2").emptyTuple().op(0x81)
                .stop().bytes();
        refused(archive(newobj, Map.of()), "NEWOBJ");
        byte[] ext = PickleBytes.protocol2().op(0x82).op(1).stop().bytes();
        refused(archive(ext, Map.of()), "extension registry");
        byte[] persid = PickleBytes.protocol2().raw("P0\n".getBytes(StandardCharsets.US_ASCII)).stop().bytes();
        refused(archive(persid, Map.of()), "persistent id");
        byte[] set = PickleBytes.protocol2().op(0x8f).stop().bytes();
        refused(archive(set, Map.of()), "set");
    }

    @Test
    void anOrderedDictsStateIsAcceptedAndDropped() {
        // torch.save sets _metadata on every state dict through BUILD; nested.pt has one.
        TorchCheckpoint cp = TorchCheckpointReader.read(DIR.resolve("nested.pt"));
        assertTrue(cp.tensor("state_dict.weight").isPresent());
        assertFalse(cp.values().keySet().stream().anyMatch(k -> k.contains("_metadata")));
    }

    // --- Broken or lying archives.

    @Test
    void anEntryThatClimbsOutOfTheArchiveIsRefused() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(ZipBytes.entries(DIR.resolve("views.pt")));
        entries.put("views/../../evil.sh", "echo pwned".getBytes(StandardCharsets.US_ASCII));
        refused(new ZipBytes().add(entries).build(), "'views/../../evil.sh'", "outside the archive");
        refused(new ZipBytes().add("/etc/passwd", new byte[1]).build(), "outside the archive");
        refused(new ZipBytes().add("..\\evil", new byte[1]).build(), "outside the archive");
    }

    @Test
    void enormousDeclaredSizesAreRefusedBeforeAnythingIsAllocated() throws IOException {
        byte[] zip = new ZipBytes().add(ZipBytes.entries(DIR.resolve("views.pt"))).build();
        byte[] huge = ZipBytes.patchCentral(ZipBytes.patchCentral(zip, "views/data/0", ZipBytes.CD_SIZE, 0x7FFFFFF0),
                "views/data/0", ZipBytes.CD_COMPRESSED, 0x7FFFFFF0);
        refused(huge, "'views/data/0'", "2147483632 bytes", "past the start of the central directory");
        // A data.pkl that claims 2 GB: refused by its size, not by an attempt to read it.
        byte[] bigPickle = ZipBytes.patchCentral(ZipBytes.patchCentral(zip, "views/data.pkl", ZipBytes.CD_SIZE,
                0x7FFFFFF0), "views/data.pkl", ZipBytes.CD_COMPRESSED, 0x7FFFFFF0);
        refused(bigPickle, "'views/data.pkl'");
    }

    @Test
    void aDeflatedRecordClaimingMoreThanDeflateCanProduceIsAZipBomb() throws IOException {
        byte[] zip = new ZipBytes().addDeflated("archive/data.pkl", PickleBytes.protocol2().none().stop().bytes())
                .add("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII)).build();
        refused(ZipBytes.patchCentral(zip, "archive/data.pkl", ZipBytes.CD_SIZE, 0x7FFFFFF0),
                "more than deflate can produce");
    }

    @Test
    void zip64SizesBeyondTheFileAreRefused() throws IOException {
        byte[] zip = new ZipBytes().zip64().add(ZipBytes.entries(DIR.resolve("views.pt"))).build();
        assertEquals(6, TorchCheckpointReader.read(Files.write(tmp.resolve("z64.pt"), zip)).tensors().size(),
                "the zip64 layout itself reads");
        // Patch the zip64 extra's sizes of data/0 (after the 46-byte header and the name) to 2^62.
        int p = ZipBytes.centralEntry(zip, "views/data/0") + 46 + "views/data/0".length() + 4;
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(p, 1L << 62).putLong(p + 8, 1L << 62);
        refused(zip, "'views/data/0'", String.valueOf(1L << 62));
    }

    @Test
    void truncatedArchivesAreRefused() throws IOException {
        byte[] whole = Files.readAllBytes(DIR.resolve("views.pt"));
        refused(Arrays.copyOf(whole, whole.length / 2), "truncated");
        refused(Arrays.copyOf(whole, whole.length - 1), "truncated");
        refused(Arrays.copyOf(whole, 40), "truncated");
    }

    @Test
    void aCorruptPickleRecordFailsItsCrc() throws IOException {
        byte[] zip = new ZipBytes().add(ZipBytes.entries(DIR.resolve("views.pt"))).build();
        refused(ZipBytes.patchCentral(zip, "views/data.pkl", ZipBytes.CD_CRC, 12345), "CRC");
    }

    @Test
    void aCompressedStorageIsRefused() throws IOException {
        ZipBytes zip = new ZipBytes();
        ZipBytes.entries(DIR.resolve("views.pt")).forEach((n, d) -> {
            if (n.contains("/data/")) {
                zip.addDeflated(n, d);
            } else {
                zip.add(n, d);
            }
        });
        refused(zip.build(), "compressed");
    }

    @Test
    void archivesWithoutExactlyOnePickleAreRefused() throws IOException {
        refused(new ZipBytes().add("archive/version", new byte[]{'3'}).build(), "data.pkl");
        byte[] none = PickleBytes.protocol2().none().stop().bytes();
        refused(new ZipBytes().add("a/data.pkl", none).add("b/data.pkl", none).build(), "2 data.pkl records");
    }

    // --- Tensors whose layout leaves their storage.

    @Test
    void aStorageRecordShorterThanItsDeclaredSizeIsRefused() throws IOException {
        refused(oneTensor(16, 0, new long[]{4, 4}, new long[]{4, 1}, floats(2)),
                "'data/0'", "16 float32 elements (64 bytes)", "only 8 bytes");
    }

    @Test
    void aTensorReachingPastItsStorageIsRefused() throws IOException {
        refused(oneTensor(4, 0, new long[]{4, 4}, new long[]{4, 1}, floats(4)),
                "tensor 'w'", "needs 16 elements", "which holds 4");
        // A slice whose offset pushes its last element one past the end.
        refused(oneTensor(11, 10, new long[]{2}, ONE, floats(11)), "needs 12 elements");
        // A transpose-like stride that leaves the storage.
        refused(oneTensor(6, 0, new long[]{3, 2}, new long[]{1, 4}, floats(6)), "needs 7 elements");
        // Within bounds, the same layouts read.
        TorchCheckpoint ok = TorchCheckpointReader.read(Files.write(tmp.resolve("ok.pt"),
                oneTensor(12, 10, new long[]{2}, ONE, floats(12))));
        assertEquals(List.of(10f, 11f), asList(ok.tensor("w").orElseThrow().toFloatArray()));
    }

    @Test
    void negativeOrOverflowingLayoutsAreRefused() throws IOException {
        refused(oneTensor(4, 0, new long[]{-1, 4}, new long[]{4, 1}, floats(4)), "negative dimension");
        refused(oneTensor(4, 0, new long[]{2, 2}, new long[]{-2, 1}, floats(4)), "negative step");
        refused(oneTensor(4, -1, new long[]{2}, ONE, floats(4)), "negative storage offset");
        refused(oneTensor(4, 0, new long[]{1L << 31}, ONE, floats(4)), "a dimension beyond");
        refused(oneTensor(4, 0, new long[]{1 << 30, 1 << 30}, new long[]{1 << 30, 1}, floats(4)),
                "more elements than one array can hold");
        refused(oneTensor(4, 0, new long[]{2, 2}, new long[]{1L << 62, 1L << 62}, floats(4)), "beyond 2^63");
        refused(oneTensor(4, Long.MAX_VALUE, new long[]{2}, ONE, floats(4)), "beyond 2^63");
        refused(oneTensor(1L << 62, 0, new long[]{2}, ONE, floats(4)), "too large to address");
        refused(oneTensor(-4, 0, new long[]{2}, ONE, floats(4)), "negative size");
        // An integer beyond 64 bits in a size: LONG1 of 9 bytes.
        byte[] pickle = PickleBytes.protocol2().emptyDict().str("w").global("torch._utils", "_rebuild_tensor_v2")
                .mark().storage("FloatStorage", "0", 4).integer(0).mark().op(0x8a).op(9)
                .raw(new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 1}).tuple().ints(1).bool(false)
                .global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce().setitem().stop().bytes();
        refused(archive(pickle, Map.of("0", floats(4))), "does not fit 64 bits");
    }

    @Test
    void storageIdsThatPointNowhereAreRefused() throws IOException {
        byte[] missing = PickleBytes.protocol2().emptyDict().str("w")
                .tensor("FloatStorage", "7", 4, 0, new long[]{4}, ONE).setitem().stop().bytes();
        refused(archive(missing, Map.of("0", floats(4))), "'data/7'", "does not hold");
        byte[] climbing = PickleBytes.protocol2().emptyDict().str("w")
                .tensor("FloatStorage", "../0", 4, 0, new long[]{4}, ONE).setitem().stop().bytes();
        refused(archive(climbing, Map.of("0", floats(4))), "not by a plain record key");
        byte[] notStorage = PickleBytes.protocol2().mark().str("module").str("x").tuple().op('Q').stop().bytes();
        refused(archive(notStorage, Map.of()), "not a torch storage");
        byte[] bareStorage = PickleBytes.protocol2().storage("FloatStorage", "0", 4).stop().bytes();
        refused(archive(bareStorage, Map.of("0", floats(4))), "bare storage");
        byte[] complex = PickleBytes.protocol2().emptyDict().str("w")
                .tensor("ComplexFloatStorage", "0", 2, 0, new long[]{2}, ONE).setitem().stop().bytes();
        refused(archive(complex, Map.of("0", floats(4))), "'torch.ComplexFloatStorage'");
        // One storage described as two types.
        byte[] twice = PickleBytes.protocol2().emptyDict().str("a")
                .tensor("FloatStorage", "0", 4, 0, new long[]{4}, ONE).setitem().str("b")
                .tensor("IntStorage", "0", 4, 0, new long[]{4}, ONE).setitem().stop().bytes();
        refused(archive(twice, Map.of("0", floats(4))), "twice");
    }

    // --- Pickles built to exhaust memory or time.

    @Test
    void aForgedStringLengthIsRefusedWithoutAllocatingIt() throws IOException {
        byte[] pickle = PickleBytes.protocol2().op('X').raw(new byte[]{(byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x7F})
                .stop().bytes();
        refused(archive(pickle, Map.of()), "more than the");
        byte[] bytes8 = PickleBytes.protocol2().op(0x8e).raw(new byte[]{0, 0, 0, 0, 0, 0, 0, 0x40}).stop().bytes();
        refused(archive(bytes8, Map.of()), "more than the");
    }

    @Test
    void selfContainingContainersAreRefused() throws IOException {
        // l = []; l.append(l)
        byte[] pickle = PickleBytes.protocol2().emptyList().put(0).get(0).append().stop().bytes();
        refused(archive(pickle, Map.of()), "contains itself");
    }

    @Test
    void deepNestingIsRefused() throws IOException {
        PickleBytes p = PickleBytes.protocol2();
        for (int i = 0; i < 1000; i++) {
            p.emptyList();
        }
        for (int i = 0; i < 999; i++) {
            p.append();
        }
        refused(archive(p.stop().bytes(), Map.of()), "levels deep");
    }

    @Test
    void sharedListsThatWouldExplodeTheWalkAreRefused() throws IOException {
        // l0 = []; l(i+1) = [li, li]: 2^40 paths through 40 small lists.
        PickleBytes p = PickleBytes.protocol2().emptyList();
        for (int i = 0; i < 40; i++) {
            p.put(0).emptyList().get(0).append().get(0).append();
        }
        refused(archive(p.stop().bytes(), Map.of()), "more than");
    }

    @Test
    void unhashableKeysAndMalformedStreamsAreRefused() throws IOException {
        byte[] listKey = PickleBytes.protocol2().emptyDict().emptyList().none().setitem().stop().bytes();
        refused(archive(listKey, Map.of()), "dict key");
        byte[] noStop = PickleBytes.protocol2().emptyDict().bytes();
        refused(archive(noStop, Map.of()), "not a valid pickle");
        byte[] badOpcode = PickleBytes.protocol2().op(0xff).bytes();
        refused(archive(badOpcode, Map.of()), "not a valid pickle");
        byte[] underflow = PickleBytes.protocol2().append().stop().bytes();
        refused(archive(underflow, Map.of()), "not a valid pickle");
        byte[] appendToTuple = PickleBytes.protocol2().emptyTuple().none().append().stop().bytes();
        refused(archive(appendToTuple, Map.of()), "not a valid pickle");
    }

    // --- Not a checkpoint at all.

    @Test
    void filesThatAreNotCheckpointsAreToldApart() throws IOException {
        refused(DIR.resolve("legacy.pt"), "legacy", "_use_new_zipfile_serialization=True");
        refused(DIR.resolve("torchscript.pt"), "TorchScript");
        refused(new byte[0], "empty");
        refused("hello, world".getBytes(StandardCharsets.US_ASCII), "not a PyTorch checkpoint");
        byte[] safetensors = new byte[16];
        safetensors[0] = 2;
        safetensors[8] = '{';
        refused(safetensors, "safetensors");
        byte[] tar = new byte[512];
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, tar, 257, 5);
        refused(tar, "tar archive");
        InvalidInputException dir = assertThrows(InvalidInputException.class, () -> TorchCheckpointReader.read(tmp));
        assertTrue(dir.getMessage().contains("directory"), dir.getMessage());
        Path missing = tmp.resolve("missing.pt");
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> TorchCheckpointReader.read(missing));
        assertTrue(none.getMessage().contains("no such file"), none.getMessage());
    }

    private static List<Float> asList(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return List.of(boxed);
    }
}
