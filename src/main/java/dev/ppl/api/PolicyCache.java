package dev.ppl.api;

import dev.ppl.source.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Keeps policies parsed and checked between runs, so that a run over unchanged policies skips
 * parsing and checking them (the cost of starting {@code ppl} on a large library). Only the
 * compiling is done again.
 *
 * <p>An entry is found by a key: the SHA-256 of every policy's name and text together with the
 * build of PPL that made it (a build stamp written at build time, so another build, with other
 * classes, never reads it). It is used only after checks, and otherwise ignored and made again:
 * the file must hold that key and a CRC-32 of its contents that matches, it may name only PPL's
 * own classes and a few of the JDK's value classes (it is not Java serialization, see {@code
 * CheckedCodec}), and every table a policy read must still have the SHA-256 it had. A cache
 * never changes a decision; at worst it is not used.
 *
 * <p>The file is not signed: whoever can write the cache directory can make PPL compile other
 * policies, as whoever can write the policy directory or PPL's jar can. Keep it where only the
 * user running PPL writes (the default, {@code ~/.cache/ppl}, is).
 *
 * <p>PPL's jar carries entries made when it was built (for its bundled library), looked up
 * first; then the directory given, where new entries are written. Without a build stamp (classes
 * run outside a Maven build) the cache is not used at all.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().load(Path.of("policies"))
 *         .cache(PolicyCache.in(Path.of("/var/cache/ppl"))).build();
 * }</pre>
 */
public final class PolicyCache {
    /**
     * The logger, made on first use: making one starts the JDK's logging, which cost a one-claim
     * run tens of milliseconds, and a run that uses its cache logs nothing.
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(PolicyCache.class.getName());
    }
    /** The format of a cache file; part of the key. */
    private static final String FORMAT = "ppl-policy-cache 2";
    private static final byte[] MAGIC = "PPLCACHE".getBytes(StandardCharsets.US_ASCII);
    /** Where entries made at build time are kept in the jar. */
    static final String SHIPPED = "dev/ppl/policy-cache/";
    /**
     * The index of the bundled library's entry in the jar: its key, and the size and CRC-32 of
     * every policy and table file it was made from, so that a run from the jar checks them against
     * the jar's own directory instead of reading and hashing them.
     */
    static final String BUNDLED_INDEX = SHIPPED + "bundled.index";
    private static final String INDEX_FORMAT = "ppl-bundled-index 1";
    /** The bundled library's folder on the classpath; its policies are named {@code bundled:} + the path below it. */
    private static final String BUNDLED_FOLDER = "dev/ppl/policies/";
    private static final String BUNDLED_PREFIX = "bundled:";
    /** Where the build stamp is kept in the jar. */
    private static final String STAMP = "dev/ppl/build-stamp.txt";
    /** Entries kept in a directory; the oldest go beyond this. */
    private static final int KEEP = 16;
    /** No cache file is read beyond this size. */
    private static final int MAX_BYTES = 256 << 20;

    private static final String BUILD = readStamp();

    private final Path dir;

    private PolicyCache(Path dir) {
        this.dir = dir;
    }

    /** A cache in {@code dir} (created when first written), after the entries in PPL's jar. */
    public static PolicyCache in(Path dir) {
        return new PolicyCache(Objects.requireNonNull(dir, "dir"));
    }

    /** Only the entries made when PPL's jar was built; nothing is written. */
    public static PolicyCache shipped() {
        return new PolicyCache(null);
    }

    /** The directory entries are written to, or null for {@link #shipped()}. */
    public Path directory() {
        return dir;
    }

    /** Whether this build of PPL can use a cache at all (it carries a build stamp). */
    public static boolean available() {
        return BUILD != null;
    }

    /** The key of a list of sources: SHA-256 over the format, the build and every source's name and text. */
    static String key(List<PolicySource> sources) {
        MessageDigest sha = sha256();
        sha.update((FORMAT + "\n" + BUILD + "\n").getBytes(StandardCharsets.UTF_8));
        for (PolicySource s : sources) {
            sha.update((s.path().length() + ":" + s.path() + "\n" + s.text().length() + ":").getBytes(StandardCharsets.UTF_8));
            sha.update(s.text().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return hex(sha.digest());
    }

    /** The checked policies kept for exactly these sources, or null (nothing kept, or kept but not to be trusted). */
    PolicySet.Checked load(List<PolicySource> sources) {
        if (BUILD == null) {
            return null;
        }
        String key = key(sources);
        byte[] bytes = shippedBytes(key);
        boolean shipped = bytes != null;
        if (bytes == null && dir != null) {
            bytes = fileBytes(dir.resolve(key + ".bin"));
        }
        if (bytes == null) {
            return null;
        }
        try {
            PolicySet.Checked checked = decode(bytes, key);
            if (checked == null || !tablesUnchanged(checked, sources)) {
                return null;
            }
            return checked;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // a damaged or foreign file is not an error of the run: compile as if it were not there
            Log.LOG.log(Level.DEBUG, () -> "policy cache entry " + key + (shipped ? " in the jar" : " in " + dir)
                    + " not used: " + e);
            return null;
        }
    }

    /** Keeps the checked policies of these sources in the directory; a failure to write only loses the saving. */
    void store(List<PolicySource> sources, PolicySet.Checked checked) {
        if (BUILD == null || dir == null) {
            return;
        }
        String key = key(sources);
        if (shippedBytes(key) != null) {
            return;
        }
        Path tmp = null;
        try {
            byte[] bytes = encode(checked, key);
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, key, ".tmp");
            Files.write(tmp, bytes);
            Path target = dir.resolve(key + ".bin");
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            prune();
        } catch (IOException | RuntimeException | StackOverflowError e) {
            Log.LOG.log(Level.DEBUG, () -> "policy cache entry " + key + " not written to " + dir + ": " + e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // left for the next prune
                }
            }
        }
    }

    /**
     * Writes the entry for these sources where a jar's entries are read from ({@code classes}/{@value
     * #SHIPPED}); the build calls it for the bundled library. Returns the file written.
     */
    static Path ship(Path classes, List<PolicySource> sources, PolicySet.Checked checked) throws IOException {
        if (BUILD == null) {
            throw new IOException("no build stamp (" + STAMP + ") on the classpath");
        }
        String key = key(sources);
        Path target = classes.resolve(SHIPPED).resolve(key + ".bin");
        Files.createDirectories(target.getParent());
        try (Stream<Path> old = Files.list(target.getParent())) {
            for (Path p : old.toList()) {
                Files.delete(p); // entries of earlier builds can never match this one's key
            }
        }
        Files.write(target, encode(checked, key));
        if (sources.stream().allMatch(source -> source.path().startsWith(BUNDLED_PREFIX))) {
            Files.writeString(classes.resolve(BUNDLED_INDEX), bundledIndex(classes, key, sources, checked),
                    StandardCharsets.UTF_8);
        }
        return target;
    }

    /**
     * The index of the bundled library's entry: a line for the key, then {@code policy|table CRC
     * SIZE ENTRY} for every policy file and every table a policy read, as they are in {@code
     * classes} (and so in the jar made from it).
     */
    private static String bundledIndex(Path classes, String key, List<PolicySource> sources, PolicySet.Checked checked)
            throws IOException {
        StringBuilder out = new StringBuilder(INDEX_FORMAT).append('\n').append("key ").append(key).append('\n');
        java.util.Set<String> tables = new java.util.TreeSet<>();
        for (PolicySource source : sources) {
            String entry = BUNDLED_FOLDER + source.path().substring(BUNDLED_PREFIX.length());
            out.append(indexLine("policy", classes, entry));
        }
        for (PolicySet.CheckedEntry item : checked.items()) {
            String entry = BUNDLED_FOLDER + sources.get(item.source()).path().substring(BUNDLED_PREFIX.length());
            Path dir = Path.of(entry).getParent();
            for (String table : item.tables().keySet()) {
                Path named = (dir == null ? Path.of(table) : dir.resolve(table)).normalize();
                tables.add(named.toString().replace('\\', '/'));
            }
        }
        for (String entry : tables) {
            out.append(indexLine("table", classes, entry));
        }
        return out.toString();
    }

    private static String indexLine(String kind, Path classes, String entry) throws IOException {
        byte[] bytes = Files.readAllBytes(classes.resolve(entry));
        return kind + " " + Long.toHexString(crc(bytes, 0, bytes.length)) + " " + bytes.length + " " + entry + "\n";
    }

    /**
     * The bundled library's entry shipped in PPL's jar, when {@code loader} reads the library and
     * the entry from the same jar and every policy and table file in it is the one the entry was
     * made from: the same size and CRC-32 in the jar's directory, and no other policy file in the
     * library's folder. Nothing is read or hashed but the index and the entry (the key is the
     * index's, computed by the build), which is what a run of {@code ppl} from its jar saves;
     * otherwise (classes in a directory, a jar changed after the build) null, and the caller
     * reads the sources and looks them up by their key as usual.
     */
    static PolicySet.Checked loadBundled(ClassLoader loader) {
        return loadBundled(loader, null);
    }

    /**
     * As {@link #loadBundled(ClassLoader)}, handing each checked policy version to {@code decoded}
     * as soon as it is decoded (the entry's checks were made before decoding began), or to no one
     * when null. A version handed over may yet be followed by a null result (a damaged entry).
     */
    static PolicySet.Checked loadBundled(ClassLoader loader, java.util.function.Consumer<PolicySet.CheckedEntry> decoded) {
        if (BUILD == null) {
            return null;
        }
        try {
            java.net.URL index = loader.getResource(BUNDLED_INDEX);
            java.net.URL folder = loader.getResource(BUNDLED_FOLDER.substring(0, BUNDLED_FOLDER.length() - 1));
            String jar = jarOf(index);
            if (jar == null || !jar.equals(jarOf(folder))) {
                return null;
            }
            java.io.File file = new java.io.File(new java.net.URI(jar));
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file)) {
                String key = checkedIndex(zip, file);
                if (key == null) {
                    return null;
                }
                java.util.zip.ZipEntry entry = zip.getEntry(SHIPPED + key + ".bin");
                if (entry == null || entry.getSize() > MAX_BYTES) {
                    return null;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readNBytes(MAX_BYTES);
                }
                return decode(bytes, key, decoded);
            }
        } catch (IOException | RuntimeException | java.net.URISyntaxException | StackOverflowError e) {
            Log.LOG.log(Level.DEBUG, () -> "the bundled library's policy cache entry was not used: " + e);
            return null;
        }
    }

    /** The {@code file:} URI of the jar a {@code jar:} URL points into, or null. */
    private static String jarOf(java.net.URL url) throws IOException {
        if (url == null || !"jar".equals(url.getProtocol())) {
            return null;
        }
        return ((java.net.JarURLConnection) url.openConnection()).getJarFileURL().toExternalForm();
    }

    /** The key in the jar's bundled index when every file it names matches the jar ({@code file}), or null. */
    private static String checkedIndex(java.util.zip.ZipFile zip, java.io.File file) throws IOException {
        java.util.zip.ZipEntry indexEntry = zip.getEntry(BUNDLED_INDEX);
        if (indexEntry == null) {
            return null;
        }
        String text;
        try (InputStream in = zip.getInputStream(indexEntry)) {
            text = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
        String[] lines = text.split("\n");
        if (lines.length < 2 || !lines[0].equals(INDEX_FORMAT) || !lines[1].startsWith("key ")) {
            return null;
        }
        int policies = 0;
        for (int i = 2; i < lines.length; i++) {
            String[] parts = lines[i].split(" ", 4);
            if (parts.length != 4 || !parts[0].equals("policy") && !parts[0].equals("table")) {
                return null;
            }
            java.util.zip.ZipEntry e = zip.getEntry(parts[3]);
            if (e == null || e.isDirectory() || e.getCrc() != Long.parseLong(parts[1], 16)
                    || e.getSize() != Long.parseLong(parts[2])) {
                return null;
            }
            policies += parts[0].equals("policy") ? 1 : 0;
        }
        // a policy file added to the jar's library after the build would be read by the sources: not this entry
        long inJar = policyFiles(file, zip.size());
        if (inJar < 0) {
            inJar = zip.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(BUNDLED_FOLDER)
                    && e.getName().endsWith(".ppl")).count();
        }
        return inJar == policies ? lines[1].substring("key ".length()) : null;
    }

    /**
     * The number of policy files ({@code .ppl}) under the bundled library's folder of a jar of
     * {@code entries} entries, read from the jar's central directory by name bytes alone: going
     * through {@code ZipFile}'s entries made an object and a string for every one of the jar's
     * thousands of entries, a tenth of a one-claim run's reading of the library. -1 when the
     * directory is not as expected (a zip64 jar, bytes before the zip, another count of entries
     * than {@code ZipFile} read); the caller then counts through {@code ZipFile}.
     */
    static long policyFiles(java.io.File jar, int entries) throws IOException {
        try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(jar, "r")) {
            long length = in.length();
            int tail = (int) Math.min(length, 22 + 0xffff); // the end record and the longest comment
            byte[] end = new byte[tail];
            in.seek(length - tail);
            in.readFully(end);
            int at = tail - 22;
            while (at >= 0 && !(le32(end, at) == 0x06054b50 && at + 22 + le16(end, at + 20) == tail)) {
                at--;
            }
            if (at < 0) {
                return -1;
            }
            int total = le16(end, at + 10);
            long size = le32(end, at + 12) & 0xffffffffL;
            long offset = le32(end, at + 16) & 0xffffffffL;
            // the central directory ends where the end record starts, in a zip that is the whole file
            if (total != entries || total == 0xffff || offset + size != length - tail + at || size > MAX_BYTES) {
                return -1;
            }
            byte[] cen = new byte[(int) size];
            in.seek(offset);
            in.readFully(cen);
            byte[] folder = BUNDLED_FOLDER.getBytes(StandardCharsets.US_ASCII);
            byte[] suffix = ".ppl".getBytes(StandardCharsets.US_ASCII);
            long count = 0;
            int seen = 0;
            for (int p = 0; p < cen.length; seen++) {
                if (cen.length - p < 46 || le32(cen, p) != 0x02014b50) {
                    return -1;
                }
                int name = p + 46;
                int n = le16(cen, p + 28);
                p = name + n + le16(cen, p + 30) + le16(cen, p + 32);
                if (p > cen.length) {
                    return -1;
                }
                // compared as bytes: the folder and the suffix are ASCII, which UTF-8 never uses
                // inside another character
                if (n >= folder.length + suffix.length && java.util.Arrays.equals(cen, name, name + folder.length,
                        folder, 0, folder.length)
                        && java.util.Arrays.equals(cen, name + n - suffix.length, name + n, suffix, 0, suffix.length)) {
                    count++;
                }
            }
            return seen == total ? count : -1;
        }
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int le32(byte[] b, int at) {
        return le16(b, at) | le16(b, at + 2) << 16;
    }

    /**
     * Run by the build after compiling: writes the entry for the bundled library into the classes
     * directory given as the argument, so that PPL's jar carries it. Exits 1 when the bundled
     * policies have errors (the build then fails, as their tests would).
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PolicyCache CLASSES_DIR");
            System.exit(64);
        }
        List<PolicySource> sources = PolicySource.bundled();
        dev.ppl.source.Diagnostics diagnostics = new dev.ppl.source.Diagnostics();
        PolicySet.Checked checked = PolicySet.checked(sources, diagnostics);
        if (diagnostics.hasErrors()) {
            System.err.print(diagnostics.render());
            // the build goes on without the cache: an analyst who broke a bundled policy then gets these
            // diagnostics from `ppl check` instead of a failed build that blocks every ppl command
            System.err.println("ppl: the bundled policies have errors (above); the jar is built without their"
                    + " policy cache, so each run reads them from their sources and `ppl check` reports the errors");
            return;
        }
        Path written = ship(Path.of(args[0]), sources, checked);
        System.out.println("ppl: policy cache for the bundled library (" + sources.size() + " files) in " + written);
    }

    /** Whether every table a policy read still reads the same (by SHA-256) through the current sources. */
    private static boolean tablesUnchanged(PolicySet.Checked checked, List<PolicySource> sources) {
        for (PolicySet.CheckedEntry item : checked.items()) {
            if (item.source() < 0 || item.source() >= sources.size()
                    || !sources.get(item.source()).text().equals(item.sourceText())) {
                return false;
            }
            for (Map.Entry<String, String> table : item.tables().entrySet()) {
                SourceFile now = sources.get(item.source()).tables().load(table.getKey());
                if (now == null || !PolicySet.digest(now.text()).equals(table.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static byte[] encode(PolicySet.Checked checked, String key) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(1 << 20);
        try (DataOutputStream out = new DataOutputStream(payload)) {
            CheckedCodec.write(checked, out);
        }
        byte[] body = payload.toByteArray();
        ByteArrayOutputStream file = new ByteArrayOutputStream(body.length + 128);
        try (DataOutputStream out = new DataOutputStream(file)) {
            out.write(MAGIC);
            out.writeUTF(key);
            out.writeLong(crc(body, 0, body.length));
            out.writeInt(body.length);
            out.write(body);
        }
        return file.toByteArray();
    }

    /** The checked set in a cache file, or null when the file is not one for {@code key} or is damaged. */
    private static PolicySet.Checked decode(byte[] bytes, String key) throws IOException {
        return decode(bytes, key, null);
    }

    /** As {@link #decode(byte[], String)}, handing each policy version to {@code decoded} (when not null) as it is made. */
    private static PolicySet.Checked decode(byte[] bytes, String key, java.util.function.Consumer<PolicySet.CheckedEntry> decoded)
            throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC) || !key.equals(in.readUTF())) {
            return null;
        }
        long crc = in.readLong();
        int length = in.readInt();
        int start = bytes.length - in.available();
        if (length != bytes.length - start || crc != crc(bytes, start, length)) {
            return null;
        }
        return CheckedCodec.read(bytes, start, decoded);
    }

    private static byte[] shippedBytes(String key) {
        try (InputStream in = PolicyCache.class.getClassLoader().getResourceAsStream(SHIPPED + key + ".bin")) {
            return in == null ? null : in.readNBytes(MAX_BYTES);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] fileBytes(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return null;
            }
            return Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** Keeps the {@value #KEEP} newest entries. */
    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(dir)) {
            entries = files.filter(p -> p.getFileName().toString().endsWith(".bin")).toList();
        }
        if (entries.size() <= KEEP) {
            return;
        }
        List<Path> byAge = entries.stream().sorted((a, b) -> Long.compare(modified(b), modified(a))).toList();
        for (Path p : byAge.subList(KEEP, byAge.size())) {
            Files.deleteIfExists(p);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readStamp() {
        try (InputStream in = PolicyCache.class.getClassLoader().getResourceAsStream(STAMP)) {
            if (in == null) {
                return null;
            }
            String stamp = new String(in.readNBytes(1024), StandardCharsets.UTF_8).strip();
            // an unfiltered resource (the build's property not substituted) is no stamp
            return stamp.isEmpty() || stamp.contains("${") ? null : stamp;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The CRC-32 of the contents, against damage (a torn or altered file). The key, not this, is
     * what ties an entry to the policies; CRC-32 is checked natively, where SHA-256 over a
     * megabyte cost a cold start tens of milliseconds.
     */
    private static long crc(byte[] bytes, int start, int length) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, start, length);
        return crc.getValue();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }
}
