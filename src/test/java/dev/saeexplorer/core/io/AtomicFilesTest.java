package dev.saeexplorer.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("result.json");
        Files.writeString(target, "old");
        assertThrows(InvalidInputException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void writtenFilesGetOrdinaryPermissionsNotOwnerOnly() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path target = dir.resolve("a.txt");
        AtomicFiles.writeString(target, "x");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
        assertTrue(perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ),
                "a result file should be readable like any other file the user creates: " + perms);
    }

    @Test
    void forceReplacesAnOutputFolderButNotOneHoldingFolders() throws IOException {
        Path out = Files.createDirectory(dir.resolve("run"));
        Files.writeString(out.resolve("cfg.json"), "{}");
        AtomicFiles.writeDirectory(out, true, tmp -> Files.writeString(tmp.resolve("new.txt"), "new"));
        assertTrue(Files.exists(out.resolve("new.txt")));
        assertTrue(Files.notExists(out.resolve("cfg.json")));

        Path project = Files.createDirectory(dir.resolve("project"));
        Files.createDirectory(project.resolve("src"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AtomicFiles.writeDirectory(project, true, tmp -> { }));
        assertTrue(e.getMessage().contains("src"), e.getMessage());
        assertTrue(Files.isDirectory(project.resolve("src")), "nothing was touched");
    }

    @Test
    void theWorkingFolderIsNeverReplaced() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AtomicFiles.checkDirectoryTarget(Path.of("."), true));
        assertTrue(e.getMessage().contains("working folder"), e.getMessage());
    }

    @Test
    void aFailingFolderWriteKeepsTheOldFolder() throws IOException {
        Path out = Files.createDirectory(dir.resolve("run"));
        Files.writeString(out.resolve("metrics.json"), "old");
        assertThrows(InvalidInputException.class, () -> AtomicFiles.writeDirectory(out, true, tmp -> {
            Files.writeString(tmp.resolve("metrics.json"), "new");
            throw new IOException("crash");
        }));
        assertEquals("old", Files.readString(out.resolve("metrics.json")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary folder is left behind");
        }
    }
}
