package dev.ppl.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads an input file (or the one matching entry of a zip) as text. */
final class SourceText {
    private SourceText() {}

    /**
     * The file's text: UTF-8 when it is valid UTF-8, else Latin-1 (the CMS files are
     * Windows/Latin-1 text). A zip is opened and its one entry whose name {@code entry} accepts is
     * read. Problems (missing file, unreadable, zip without the entry) go to {@code problems} and
     * give null.
     */
    static String read(Path file, Predicate<String> entry, String entryDescription, Problems problems) {
        try {
            byte[] bytes;
            if (file.getFileName() != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    List<? extends ZipEntry> hits = zip.stream()
                            .filter(e -> !e.isDirectory() && entry.test(Path.of(e.getName()).getFileName().toString()))
                            .toList();
                    if (hits.size() != 1) {
                        problems.add(file, 0, 0, "the zip holds " + hits.size() + " " + entryDescription + " file(s), expected one",
                                "unzip it and pass the file itself");
                        return null;
                    }
                    try (InputStream in = zip.getInputStream(hits.get(0))) {
                        bytes = in.readAllBytes();
                    }
                }
            } else {
                bytes = Files.readAllBytes(file);
            }
            return decode(bytes);
        } catch (NoSuchFileException e) {
            problems.add(file, 0, 0, "file not found", "check the path");
        } catch (java.util.zip.ZipException e) {
            problems.add(file, 0, 0, "not a readable zip file (" + e.getMessage() + ")", "download the file again");
        } catch (IOException e) {
            problems.add(file, 0, 0, "cannot read the file: " + e.getMessage(), "check that it exists and is readable");
        }
        return null;
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
