package dev.ppl.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.util.Map;

/** Files bundled in PPL's jar (the policy library, the example claims), read as paths. */
public final class BundledFiles {

    private BundledFiles() {
    }

    /**
     * The file system of the jar a {@code jar:} URI points into, opened once and shared: by every
     * caller, and by two threads that ask at the same time.
     */
    public static FileSystem jarFileSystem(URI jarUri) throws IOException {
        try {
            return FileSystems.getFileSystem(jarUri);
        } catch (FileSystemNotFoundException e) {
            try {
                return FileSystems.newFileSystem(jarUri, Map.of());
            } catch (FileSystemAlreadyExistsException raced) {
                return FileSystems.getFileSystem(jarUri);
            }
        }
    }
}
