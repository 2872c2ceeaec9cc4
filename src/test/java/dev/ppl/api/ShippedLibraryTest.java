package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.source.Diagnostics;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled library's entry shipped in a jar like PPL's is taken without reading the library,
 * only while the jar's policy and table files are those it was made from.
 */
class ShippedLibraryTest {
    @TempDir
    Path tmp;

    /** A copy of the bundled library (and the files beside it) with an entry shipped for it, as the build makes it. */
    Path classes;

    @BeforeEach
    void ship() throws Exception {
        Path from = Path.of(PolicySource.class.getClassLoader().getResource("dev/ppl/policies").toURI()).getParent();
        classes = tmp.resolve("classes");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = from.relativize(f).toString().replace('\\', '/');
                if (!rel.endsWith(".class") && !rel.startsWith("policy-cache/")) {
                    Path to = classes.resolve("dev/ppl").resolve(rel);
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
        }
        List<PolicySource> sources = PolicySource.bundled();
        Diagnostics diagnostics = new Diagnostics();
        PolicySet.Checked checked = PolicySet.checked(sources, diagnostics);
        assertTrue(!diagnostics.hasErrors(), diagnostics.render());
        PolicyCache.ship(classes, sources, checked);
    }

    /** {@link PolicyCache#loadBundled} through a class loader over the given jars or directories. */
    private static PolicySet.Checked load(Path... classpath) throws IOException {
        URL[] urls = new URL[classpath.length];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = classpath[i].toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, null)) {
            return PolicyCache.loadBundled(loader);
        }
    }

    /** The classes directory packed as a jar, with directory entries as Maven writes them. */
    private Path jar(String name, Path dir) throws IOException {
        Path jar = tmp.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted().toList()) {
                if (f.equals(dir)) {
                    continue;
                }
                String entry = dir.relativize(f).toString().replace('\\', '/');
                out.putNextEntry(new ZipEntry(Files.isDirectory(f) ? entry + "/" : entry));
                if (Files.isRegularFile(f)) {
                    Files.copy(f, out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private String indexed(String kind) throws IOException {
        return Files.readAllLines(classes.resolve(PolicyCache.BUNDLED_INDEX)).stream().filter(l -> l.startsWith(kind + " "))
                .map(l -> l.split(" ", 4)[3]).findFirst().orElseThrow();
    }

    @Test
    void theEntryIsTakenFromTheJarAndJudgesEveryExampleClaimAsTheSourcesDo() throws IOException {
        PolicySet.Checked shipped = load(jar("ppl.jar", classes));
        assertNotNull(shipped);
        Diagnostics fresh = new Diagnostics();
        PolicySet compiled = PolicySet.compile(PolicySource.bundled(), fresh);
        PolicySet fromJar = shipped.compile(false);
        assertEquals(compiled.digest(), fromJar.digest());
        assertEquals(fresh.all().size(), shipped.warnings().size());
        ExampleClaims.assertJudgedAlike(compiled, fromJar);
    }

    @Test
    void theLibraryCompiledWhileItsEntryIsDecodedJudgesEveryExampleClaimAsTheSourcesDo() throws IOException {
        Diagnostics fresh = new Diagnostics();
        PolicySet compiled = PolicySet.compile(PolicySource.bundled(), fresh);
        Diagnostics diagnostics = new Diagnostics();
        PolicySet fromJar;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar("ppl.jar", classes).toUri().toURL()}, null)) {
            fromJar = PolicySet.bundled(loader, diagnostics);
        }
        assertNotNull(fromJar);
        assertEquals(compiled.digest(), fromJar.digest());
        assertEquals(compiled.refs(), fromJar.refs());
        assertEquals(fresh.render(), diagnostics.render());
        ExampleClaims.assertJudgedAlike(compiled, fromJar);
    }

    @Test
    void aDamagedEntryIsNotCompiledEvenInPart() throws IOException {
        Path entry;
        try (Stream<Path> files = Files.list(classes.resolve(PolicyCache.SHIPPED))) {
            entry = files.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        // the last thousand bytes cut off, its length and CRC-32 made to match: its first policies still decode
        byte[] bytes = Files.readAllBytes(entry);
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes));
        in.readFully(new byte[8]);
        in.readUTF();
        int crcAt = bytes.length - in.available();
        int start = crcAt + 8 + 4;
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(cut, start, cut.length - start);
        java.nio.ByteBuffer.wrap(cut, crcAt, 12).putLong(crc.getValue()).putInt(cut.length - start);
        Files.write(entry, cut);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar("ppl.jar", classes).toUri().toURL()}, null)) {
            List<PolicySet.CheckedEntry> decoded = new java.util.ArrayList<>();
            assertNull(PolicyCache.loadBundled(loader, decoded::add));
            assertTrue(!decoded.isEmpty(), "no policy was decoded before the damage");
            assertNull(PolicySet.bundled(loader, new Diagnostics()));
        }
    }

    @Test
    void theIndexNamesEveryPolicyAndTheTablesTheyRead() throws IOException {
        List<String> lines = Files.readAllLines(classes.resolve(PolicyCache.BUNDLED_INDEX));
        assertEquals(PolicySource.bundled().size(), lines.stream().filter(l -> l.startsWith("policy ")).count());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("table ") && l.endsWith(".csv")), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("key " + PolicyCache.key(PolicySource.bundled())), lines.get(1));
    }

    @Test
    void aTableChangedInTheJarAfterTheBuildIsNotTaken() throws IOException {
        Files.writeString(classes.resolve(indexed("table")), "\n", StandardOpenOption.APPEND);
        assertNull(load(jar("ppl.jar", classes)));
    }

    @Test
    void aPolicyChangedInTheJarIsNotTakenEvenAtTheSameSize() throws IOException {
        Path policy = classes.resolve(indexed("policy"));
        byte[] bytes = Files.readAllBytes(policy);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("1");
        bytes[at] = '2'; // same size, other text: only the CRC tells
        Files.write(policy, bytes);
        assertNull(load(jar("ppl.jar", classes)));
    }

    @Test
    void aPolicyAddedToTheJarsLibraryIsNotLeftOut() throws IOException {
        Files.writeString(classes.resolve("dev/ppl/policies/zz-added.ppl"), "policy added.one\n");
        assertNull(load(jar("ppl.jar", classes)));
    }

    @Test
    void thePolicyFilesAreCountedFromTheCentralDirectoryAsZipFileListsThem() throws IOException {
        Files.writeString(classes.resolve("dev/ppl/policies/zz-added.ppl"), "policy added.one\n");
        Files.writeString(classes.resolve("dev/ppl/policies/not-a-policy.pplx"), "x");
        Files.createDirectories(classes.resolve("dev/ppl/policies/folder.ppl"));
        Path jar = jar("ppl.jar", classes);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            long listed = zip.stream().filter(e -> !e.isDirectory() && e.getName().startsWith("dev/ppl/policies/")
                    && e.getName().endsWith(".ppl")).count();
            assertEquals(PolicySource.bundled().size() + 1, listed);
            assertEquals(listed, PolicyCache.policyFiles(jar.toFile(), zip.size()));
            assertEquals(-1, PolicyCache.policyFiles(jar.toFile(), zip.size() + 1));
        }
    }

    @Test
    void aJarWithBytesBeforeTheZipIsCheckedThroughZipFile() throws IOException {
        Path jar = jar("ppl.jar", classes);
        Path prefixed = tmp.resolve("prefixed.jar");
        Files.write(prefixed, "#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(prefixed, Files.readAllBytes(jar), StandardOpenOption.APPEND);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(prefixed.toFile())) {
            assertEquals(-1, PolicyCache.policyFiles(prefixed.toFile(), zip.size()));
        }
        assertNotNull(load(prefixed));

        Files.writeString(classes.resolve("dev/ppl/policies/zz-added.ppl"), "policy added.one\n");
        Path added = tmp.resolve("added.jar");
        Files.write(added, "#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(added, Files.readAllBytes(jar("ppl2.jar", classes)), StandardOpenOption.APPEND);
        assertNull(load(added));
    }

    @Test
    void aDamagedIndexOrEntryIsNotTaken() throws IOException {
        Path index = classes.resolve(PolicyCache.BUNDLED_INDEX);
        String text = Files.readString(index);
        Files.writeString(index, text.replace("policy ", "polcy "));
        assertNull(load(jar("bad-index.jar", classes)));
        Files.writeString(index, text);
        try (Stream<Path> files = Files.list(classes.resolve(PolicyCache.SHIPPED))) {
            Path entry = files.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(entry);
            bytes[bytes.length / 2] ^= 1;
            Files.write(entry, bytes);
        }
        assertNull(load(jar("bad-entry.jar", classes)));
    }

    @Test
    void onlyFromAJarHoldingBothTheLibraryAndTheEntry() throws IOException {
        assertNull(load(classes), "classes in a directory are read and looked up by their key instead");
        Path onlyLibrary = tmp.resolve("library");
        Path onlyEntry = tmp.resolve("entry");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = classes.relativize(f).toString().replace('\\', '/');
                Path to = (rel.startsWith(PolicyCache.SHIPPED) ? onlyEntry : onlyLibrary).resolve(rel);
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        assertNull(load(jar("entry.jar", onlyEntry), jar("library.jar", onlyLibrary)));
    }

    @Test
    void theEngineBuilderFallsBackToTheSourcesOutsideAJar() {
        // the tests run from a classes directory: the bundled library is read and compiled (or looked up by key)
        PolicyEngine engine = PolicyEngine.builder().cache(PolicyCache.in(tmp.resolve("cache"))).loadBundled().build();
        PolicyEngine plain = PolicyEngine.builder().loadBundled().build();
        assertEquals(plain.policies().digest(), engine.policies().digest());
    }
}
