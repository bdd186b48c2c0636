package dev.saeexplorer.core.io;

import dev.saeexplorer.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.saeexplorer.core.io.SafetensorsRoundTripTest.concat;
import static dev.saeexplorer.core.io.SafetensorsRoundTripTest.safetensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsHostileInputTest {
    private static final String A_OK = "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";

    @TempDir
    Path dir;

    private static byte[] prefix(long headerLength) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).array();
    }

    /** Reads {@code bytes} as a file and returns the rejection, checking it is one line naming the file. */
    private InvalidInputException rejected(byte[] bytes) throws IOException {
        Path path = Files.write(dir.resolve("bad.safetensors"), bytes);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafetensorsReader.read(path));
        assertTrue(e.getMessage().contains(path.toString()), "message names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "message is one line: " + e.getMessage());
        return e;
    }

    private InvalidInputException rejectedHeader(String json, int dataBytes) throws IOException {
        return rejected(safetensors(json, new byte[dataBytes]));
    }

    private static void assertMentions(InvalidInputException e, String... words) {
        for (String w : words) {
            assertTrue(e.getMessage().toLowerCase().contains(w.toLowerCase()),
                    "expected '" + w + "' in: " + e.getMessage());
        }
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        assertMentions(rejected(new byte[0]), "0 bytes", "too short");
    }

    @Test
    void sevenByteFileIsRejected() throws IOException {
        assertMentions(rejected(new byte[7]), "7 bytes", "header length");
    }

    @Test
    void headerLengthZeroIsRejected() throws IOException {
        assertMentions(rejected(concat(prefix(0), new byte[16])), "header length is 0");
    }

    @Test
    void headerLengthLargerThanFileIsRejected() throws IOException {
        assertMentions(rejected(concat(prefix(1000), "{}".getBytes(StandardCharsets.US_ASCII))),
                "header length 1000", "larger than the rest of the file");
    }

    @Test
    void headerLengthOfTwoToTheFortyFailsFastWithoutAllocating() throws IOException {
        byte[] bytes = concat(prefix(1L << 40), "{}".getBytes(StandardCharsets.US_ASCII));
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rejected(bytes));
        assertMentions(e, "header length 1099511627776", "limit");
    }

    @Test
    void headerLengthJustOverTheLimitIsRejectedBeforeComparingWithTheFileSize() throws IOException {
        assertMentions(rejected(concat(prefix(100_000_001L), new byte[32])), "header length 100000001", "limit");
    }

    @Test
    void headerLengthAtTheLimitInASmallFileIsReportedAsTruncation() throws IOException {
        assertMentions(rejected(concat(prefix(100_000_000L), new byte[32])), "larger than the rest of the file");
    }

    @Test
    void headerLengthWithTheTopBitSetIsRejectedAsUnsigned() throws IOException {
        assertMentions(rejected(concat(prefix(-1L), new byte[32])), "18446744073709551615", "limit");
    }

    @Test
    void invalidJsonHeaderIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\": {\"dtype\": ", 0), "header", "JSON");
    }

    @Test
    void headerWithTrailingGarbageIsRejected() throws IOException {
        assertMentions(rejectedHeader("{} {}", 0), "header", "JSON");
    }

    @Test
    void headerOfOnlySpacesIsRejected() throws IOException {
        assertMentions(rejectedHeader("        ", 0), "header", "object");
    }

    @Test
    void headerThatIsNotUtf8IsRejected() throws IOException {
        byte[] header = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        assertMentions(rejected(concat(prefix(header.length), header)), "UTF-8");
    }

    @Test
    void jsonArrayHeaderIsRejected() throws IOException {
        assertMentions(rejectedHeader("[1, 2, 3]", 0), "header", "JSON object", "an array");
    }

    @Test
    void tensorEntryThatIsNotAnObjectIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\": \"F32\"}", 0), "tensor 'a'", "object");
    }

    @Test
    void missingDtypeIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "tensor 'a'", "dtype");
    }

    @Test
    void missingShapeIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4), "'a'", "no shape");
    }

    @Test
    void missingDataOffsetsIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "'a'", "no data_offsets");
    }

    @Test
    void dtypeThatIsNotAStringIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                "dtype", "must be a string");
    }

    @Test
    void unknownDtypeI64IsRejectedListingTheSupportedOnes() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8),
                "unsupported dtype 'I64'", "supported: F32, F16, BF16, F64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I8", "I32", "U8", "F8_E4M3", "BOOL", "foo", "f32", ""})
    void otherDtypesAreUnsupported(String dtype) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafetensorsDtype.parse(dtype));
        assertMentions(e, "unsupported dtype '" + dtype + "'", "F32, F16, BF16, F64");
    }

    @Test
    void supportedDtypesParseWithTheirSizes() {
        assertEquals(4, SafetensorsDtype.parse("F32").byteSize());
        assertEquals(2, SafetensorsDtype.parse("F16").byteSize());
        assertEquals(2, SafetensorsDtype.parse("BF16").byteSize());
        assertEquals(8, SafetensorsDtype.parse("F64").byteSize());
    }

    @Test
    void shapeWithNegativeDimensionIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,-1],\"data_offsets\":[0,0]}}", 0),
                "shape [2,-1]", "negative");
    }

    @Test
    void shapeWithFractionalDimensionIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,4]}}", 4),
                "shape", "integers");
    }

    @Test
    void shapeThatIsNotAnArrayIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":4,\"data_offsets\":[0,4]}}", 4),
                "shape must be an array");
    }

    @Test
    void shapeWhoseByteSizeOverflowsIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647],"
                + "\"data_offsets\":[0,8]}}", 8), "shape", "too large");
    }

    @Test
    void dataOffsetsBeyondTheDataSectionAreRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4),
                "data_offsets [0, 8]", "past the end", "4 bytes");
    }

    @Test
    void dataOffsetsEndingBeforeTheyBeginAreRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 8),
                "data_offsets [8, 4]", "end before");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[0]", "[0,4,8]", "[-4,0]", "[\"0\",\"4\"]", "[0,4.0]", "{\"begin\":0}",
            "[0,99999999999999999999999]"})
    void malformedDataOffsetsAreRejected(String offsets) throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":" + offsets + "}}", 4),
                "data_offsets must be [begin, end]");
    }

    @Test
    void overlappingTensorsAreRejected() throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertMentions(rejectedHeader(json, 12), "tensor 'b'", "overlap", "tensor 'a'");
    }

    @Test
    void aliasedTensorsAtTheSameOffsetsAreRejected() throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertMentions(rejectedHeader(json, 4), "overlap");
    }

    @Test
    void gapBetweenTensorsIsRejected() throws IOException {
        String json = "{" + A_OK + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertMentions(rejectedHeader(json, 12), "gap", "tensor 'b'", "contiguous");
    }

    @Test
    void firstTensorNotAtOffsetZeroIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
                "gap", "tensor 'a'", "offset 0");
    }

    @Test
    void trailingBytesAfterTheLastTensorAreRejected() throws IOException {
        assertMentions(rejectedHeader("{" + A_OK + "}", 12), "trailing", "12 bytes");
    }

    @Test
    void shapeThatDoesNotMatchTheByteRangeIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
                "tensor 'a'", "shape [3]", "needs 12 bytes", "span 8 bytes");
    }

    @Test
    void duplicateTensorNamesAreRejected() throws IOException {
        assertMentions(rejectedHeader("{" + A_OK + "," + A_OK + "}", 4), "duplicate", "'a'");
    }

    @Test
    void metadataWithANumberValueIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"__metadata__\":{\"format\":\"pt\",\"step\":5}," + A_OK + "}", 4),
                "__metadata__", "'step'", "must be a string", "a number");
    }

    @Test
    void metadataThatIsNotAnObjectIsRejected() throws IOException {
        assertMentions(rejectedHeader("{\"__metadata__\":[\"pt\"]," + A_OK + "}", 4), "__metadata__", "object");
    }

    @Test
    void hostileTensorNamesAreShortenedToOneLineInMessages() throws IOException {
        String name = "line\\nbreak" + "x".repeat(500);
        InvalidInputException e = rejectedHeader("{\"" + name + "\":{\"dtype\":\"I64\",\"shape\":[],"
                + "\"data_offsets\":[0,8]}}", 8);
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    @Test
    void missingFileIsReportedAsSuch() {
        Path path = dir.resolve("nope.safetensors");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafetensorsReader.read(path));
        assertEquals("cannot read " + path + ": no such file", e.getMessage());
    }

    @Test
    void directoryIsNotReadAsAFile() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafetensorsReader.read(dir));
        assertMentions(e, "cannot read", "directory");
    }

    // ---- writing ----

    private Path existingFile() {
        Path path = dir.resolve("model.safetensors");
        SafetensorsWriter.write(path, List.of(Tensor.ofFloats("old", new int[] {2}, new float[] {1, 2})), null);
        return path;
    }

    private void assertNoTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> temps = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), temps);
        }
    }

    @Test
    void writingOntoADirectoryFailsAndLeavesItAndNoTempFileBehind() throws IOException {
        Path target = Files.createDirectory(dir.resolve("taken.safetensors"));
        Path inside = Files.writeString(target.resolve("keep.txt"), "keep");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafetensorsWriter.write(target,
                List.of(Tensor.ofFloats("w", new int[] {1}, new float[] {1})), null));

        assertMentions(e, "cannot write", target.toString(), "directory");
        assertEquals("keep", Files.readString(inside));
        assertNoTempFiles();
    }

    @Test
    void duplicateNamesFailTheWriteAndLeaveTheOldFileIntact() throws IOException {
        Path path = existingFile();
        byte[] before = Files.readAllBytes(path);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafetensorsWriter.write(path,
                List.of(Tensor.ofFloats("w", new int[] {1}, new float[] {1}),
                        Tensor.ofDoubles("w", new int[] {1}, new double[] {2})), null));

        assertMentions(e, "duplicate", "'w'", path.toString());
        assertArrayEquals(before, Files.readAllBytes(path));
        assertNoTempFiles();
    }

    @Test
    void mismatchedShapeFailsBeforeTheOldFileIsTouched() throws IOException {
        Path path = existingFile();
        byte[] before = Files.readAllBytes(path);

        assertThrows(InvalidInputException.class, () -> SafetensorsWriter.write(path,
                List.of(Tensor.ofFloats("w", new int[] {2, 2}, new float[] {1, 2, 3})), null));

        assertArrayEquals(before, Files.readAllBytes(path));
        assertNoTempFiles();
    }

    @Test
    void reservedMetadataNameCannotBeATensorName() {
        Path path = dir.resolve("m.safetensors");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafetensorsWriter.write(path,
                List.of(Tensor.ofFloats("__metadata__", new int[] {1}, new float[] {1})), Map.of()));
        assertMentions(e, "reserved");
        assertFalse(Files.exists(path));
    }

    @Test
    void writingIntoAMissingDirectoryNamesIt() {
        Path path = dir.resolve("no/such/dir/m.safetensors");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafetensorsWriter.write(path,
                List.of(Tensor.ofFloats("w", new int[] {1}, new float[] {1})), null));
        assertMentions(e, "does not exist", dir.resolve("no/such/dir").toString());
    }
}
