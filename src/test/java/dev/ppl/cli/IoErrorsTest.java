package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I/O errors are told in words with a hint, never by the name of a Java exception class. */
class IoErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingFolderOrFileIsNamed() {
        Path missing = tmp.resolve("no/such/dir/log.ndjson");
        assertEquals("the folder " + tmp.resolve("no/such/dir") + " does not exist; create it or name a file in a"
                + " folder that exists", IoErrors.describe(new NoSuchFileException(missing.toString())));
        Path file = tmp.resolve("claims.json");
        assertEquals(file + " does not exist; check the path", IoErrors.describe(new NoSuchFileException(file.toString())));
    }

    @Test
    void permissionSpaceAndFoldersInWords() {
        assertEquals("/var/log/x: permission denied; check the permissions of the file and its folder",
                IoErrors.describe(new AccessDeniedException("/var/log/x")));
        assertEquals("/tmp: a folder, not a file; name a file",
                IoErrors.describe(new FileSystemException("/tmp", null, "Is a directory")));
        assertEquals("no space left on the device; free space and run again",
                IoErrors.describe(new IOException("No space left on device")));
        assertEquals("an input/output error with no further detail from the system",
                IoErrors.describe(new IOException()));
    }

    @Test
    void theFailureOfAnOutputStreamIsInWords() throws IOException {
        CheckedStream stream = new CheckedStream(new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new AccessDeniedException("/out/decisions.ndjson");
            }
        });
        try {
            stream.write(1);
        } catch (IOException expected) {
            // remembered
        }
        assertEquals("/out/decisions.ndjson: permission denied; check the permissions of the file and its folder",
                stream.failureText());
        assertEquals("the output was closed or could not be written",
                new CheckedStream(java.io.OutputStream.nullOutputStream()).failureText());
    }
}
