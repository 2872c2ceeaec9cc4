package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.Claim;
import dev.ppl.source.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy cache: the same decisions as compiling afresh, and never a stale or damaged entry used. */
class PolicyCacheTest {
    static final Claim CLAIM = Policies.claim("acme", null, null, "2026-03-02");

    @TempDir
    Path tmp;

    static final String LIMITED = """
            policy cache.t
              version 1.0.0
              applies to payer id acme
              effective from 2020-01-01

            table LIMITS from "limits.csv"
              key code
              columns code: code, limit: number

            rule over-limit
              "units within the limit"
              for each l in lines where LIMITS[l.code] is present
              when l.units > LIMITS[l.code].limit
              deny line l group CO carc 151
                message "over {LIMITS[l.code].limit}"
            """;

    private Path policies() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("policies"));
        Files.writeString(dir.resolve("t.ppl"), LIMITED);
        Files.writeString(dir.resolve("limits.csv"), "code,limit\n96372,1\n");
        return dir;
    }

    private static List<String> messages(PolicyEngine engine) {
        return engine.evaluate(CLAIM).findings().stream().map(Finding::message).toList();
    }

    private static List<Path> entries(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.toString().endsWith(".bin")).toList();
        }
    }

    @Test
    void theBuildCarriesAStamp() {
        // without one the cache is off; the surefire run reads target/classes, which the build stamps
        assertTrue(PolicyCache.available());
    }

    @Test
    void aSecondBuildTakesTheCheckedPoliciesFromTheCache() throws IOException {
        Path dir = policies();
        PolicyCache cache = PolicyCache.in(tmp.resolve("cache"));
        List<PolicySource> sources = PolicySource.directory(dir);
        assertNull(cache.load(sources));

        PolicyEngine first = PolicyEngine.builder().load(dir).cache(cache).build();

        assertEquals(1, entries(tmp.resolve("cache")).size());
        assertNotNull(cache.load(sources));
        PolicyEngine second = PolicyEngine.builder().load(dir).cache(cache).build();
        assertEquals(first.policies().digest(), second.policies().digest());
        assertEquals(messages(first), messages(second));
    }

    @Test
    void aChangedTableIsNotTakenFromTheCache() throws IOException {
        Path dir = policies();
        PolicyCache cache = PolicyCache.in(tmp.resolve("cache"));
        assertEquals(List.of(), messages(PolicyEngine.builder().load(dir).cache(cache).build()));

        Files.writeString(dir.resolve("limits.csv"), "code,limit\n96372,0\n");

        assertNull(cache.load(PolicySource.directory(dir)), "the policy text is the same but its table is not");
        assertEquals(List.of("over 0"), messages(PolicyEngine.builder().load(dir).cache(cache).build()));
    }

    @Test
    void aChangedPolicyIsNotTakenFromTheCache() throws IOException {
        Path dir = policies();
        PolicyCache cache = PolicyCache.in(tmp.resolve("cache"));
        PolicyEngine before = PolicyEngine.builder().load(dir).cache(cache).build();

        Files.writeString(dir.resolve("t.ppl"), LIMITED.replace("l.units > LIMITS", "l.units >= LIMITS"));
        PolicyEngine after = PolicyEngine.builder().load(dir).cache(cache).build();

        assertEquals(List.of(), messages(before));
        assertEquals(List.of("over 1"), messages(after));
        assertEquals(2, entries(tmp.resolve("cache")).size());
    }

    @Test
    void aDamagedEntryIsIgnoredAndMadeAgain() throws IOException {
        Path dir = policies();
        Path cacheDir = tmp.resolve("cache");
        PolicyCache cache = PolicyCache.in(cacheDir);
        List<String> expected = messages(PolicyEngine.builder().load(dir).cache(cache).build());
        Path entry = entries(cacheDir).get(0);
        byte[] good = Files.readAllBytes(entry);
        List<PolicySource> sources = PolicySource.directory(dir);

        List<byte[]> damaged = new ArrayList<>();
        damaged.add(new byte[0]);
        damaged.add(java.util.Arrays.copyOf(good, good.length / 2));
        byte[] flipped = good.clone();
        flipped[flipped.length - 10] ^= 0x40;
        damaged.add(flipped);
        damaged.add("not a cache file at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (byte[] bad : damaged) {
            Files.write(entry, bad);
            assertNull(cache.load(sources));
            assertEquals(expected, messages(PolicyEngine.builder().load(dir).cache(cache).build()));
            assertNotNull(cache.load(sources), "the damaged entry is written again");
        }
    }

    @Test
    void anEntryWithAValidChecksumButForeignClassesIsRefused() throws IOException {
        Path dir = policies();
        Path cacheDir = tmp.resolve("cache");
        PolicyCache cache = PolicyCache.in(cacheDir);
        PolicyEngine.builder().load(dir).cache(cache).build();
        Path entry = entries(cacheDir).get(0);
        byte[] bytes = Files.readAllBytes(entry);
        // rename a class the entry names to one outside PPL, then make the checksum match again
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("dev.ppl.");
        assertTrue(at > 0);
        byte[] renamed = bytes.clone();
        System.arraycopy("java.io.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, renamed, at, 8);
        Files.write(entry, redigest(renamed));

        assertNull(cache.load(PolicySource.directory(dir)));
    }

    /** The file with its CRC-32 made to match its (altered) contents again. */
    private static byte[] redigest(byte[] file) throws IOException {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(file));
        in.readFully(new byte[8]);
        in.readUTF();
        int crcAt = file.length - in.available();
        int start = crcAt + 8 + 4;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(file, start, file.length - start);
        byte[] out = file.clone();
        java.nio.ByteBuffer.wrap(out, crcAt, 8).putLong(crc.getValue());
        return out;
    }

    @Test
    void theBundledLibraryFromTheCacheJudgesEveryExampleClaimAlike() throws IOException {
        List<PolicySource> sources = PolicySource.bundled();
        Diagnostics fresh = new Diagnostics();
        PolicySet compiled = PolicySet.compile(sources, fresh);
        PolicyCache cache = PolicyCache.in(tmp.resolve("cache"));
        PolicySet.compile(sources, new Diagnostics(), false, cache);
        assertNotNull(cache.load(sources));
        Diagnostics warnings = new Diagnostics();
        PolicySet cached = PolicySet.compile(sources, warnings, false, cache);

        assertEquals(compiled.digest(), cached.digest());
        assertEquals(fresh.render(), warnings.render());
        ExampleClaims.assertJudgedAlike(compiled, cached);
    }

    @Test
    void aTracedSetCompilesFromTheSameEntry() {
        List<PolicySource> sources = List.of(PolicySource.of("t.ppl", Policies.tagging("cache.tag", "1.0.0",
                "payer id acme", "from 2020-01-01", "tagged")));
        PolicyCache cache = PolicyCache.in(tmp.resolve("cache"));
        PolicySet.compile(sources, new Diagnostics(), false, cache);

        PolicySet traced = PolicySet.compile(sources, new Diagnostics(), true, cache);

        assertEquals(List.of("tagged on line 1"), traced.evaluate(CLAIM).findings().stream().map(Finding::message).toList());
    }
}
