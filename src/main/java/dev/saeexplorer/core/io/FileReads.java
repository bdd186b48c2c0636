package dev.saeexplorer.core.io;

import dev.saeexplorer.core.InvalidInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/** Opening a weights file the same way for every reader, so they refuse a directory or an unreadable file alike. */
public final class FileReads {
    private FileReads() {
    }

    /** Reads from an open channel; an {@link IOException} becomes the caller's "cannot read" message. */
    @FunctionalInterface
    public interface Body<T> {
        T read(FileChannel ch) throws IOException;
    }

    /**
     * Opens {@code path} and hands its channel to {@code body}, closing it afterwards. A directory is refused as "not
     * {@code kind}" (e.g. "a .npy file"); a missing, forbidden or failing file is an {@link InvalidInputException}.
     */
    public static <T> T read(Path path, String kind, Body<T> body) {
        Objects.requireNonNull(path, "path");
        if (Files.isDirectory(path)) {
            throw new InvalidInputException("cannot read " + path + ": it is a directory, not " + kind);
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return body.read(ch);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("cannot read " + path + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException("cannot read " + path + ": permission denied", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Bytes read from a file as UTF-8 text, refusing malformed bytes instead of replacing them. */
    public static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /**
     * Fills {@code b} (from index 0) with the file's bytes from {@code position}, stopping early at the end of the
     * file: the caller checks how much arrived, since a short file is its own message.
     */
    public static void fill(FileChannel ch, long position, ByteBuffer b) throws IOException {
        while (b.hasRemaining() && ch.read(b, position + b.position()) > 0) {
            // until full or at the end
        }
    }
}
