package dev.ppl.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A policy directory with a manifest ({@value #MANIFEST}): the revision deployed and the SHA-256
 * digest of every file in it, as OPA bundles have. A directory with a manifest is loaded only when
 * every file it lists is there with its digest and no other {@code .ppl} or {@code .csv} file is:
 * a deploy still being copied, or a file edited after the manifest was written, is refused and
 * the last good set keeps serving (docs/deployment.md). Write the manifest last.
 */
final class PolicyBundle {
    /** The manifest's file name, at the top of the policy directory. */
    static final String MANIFEST = ".ppl-manifest.json";

    private PolicyBundle() {}

    /**
     * Verifies the bundle at {@code dir} when it has a manifest; returns its revision, or null when
     * there is no manifest.
     *
     * @throws UncheckedIOException naming the first file missing, extra or different
     */
    static String verify(Path dir) {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(manifest.toFile());
        } catch (IOException e) {
            throw refused(dir, MANIFEST + " is not valid JSON (is it still being written?)");
        }
        JsonNode files = json == null ? null : json.get("files");
        String revision = json == null ? null : json.path("revision").asText(null);
        if (revision == null || files == null || !files.isObject()) {
            throw refused(dir, MANIFEST + " needs a \"revision\" and a \"files\" object of path: \"sha256:...\"");
        }
        TreeSet<String> listed = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            Path file = dir.resolve(name).normalize();
            if (!file.startsWith(dir) || name.contains("\\")) {
                throw refused(dir, "the manifest lists `" + name + "`, outside the bundle");
            }
            if (!Files.isRegularFile(file)) {
                throw refused(dir, "`" + name + "` is listed in the manifest but missing");
            }
            String digest = digest(file);
            if (!digest.equals(e.getValue().asText())) {
                throw refused(dir, "`" + name + "` does not match its digest in the manifest (being written, or edited"
                        + " after the manifest)");
            }
            listed.add(name);
        }
        for (String extra : policyFiles(dir)) {
            if (!listed.contains(extra)) {
                throw refused(dir, "`" + extra + "` is not listed in the manifest");
            }
        }
        return revision;
    }

    /** The manifest for a directory as it is now: every .ppl, .csv and .json file with its digest. */
    static String manifest(Path dir, String revision) {
        StringBuilder out = new StringBuilder("{\n  \"revision\": ").append(quote(revision)).append(",\n  \"files\": {");
        List<String> names = new ArrayList<>(policyFiles(dir));
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".json") && !n.equals(MANIFEST)).forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n").append("    ").append(quote(names.get(i))).append(": ")
                    .append(quote(digest(dir.resolve(names.get(i)))));
        }
        return out.append("\n  }\n}\n").toString();
    }

    private static TreeSet<String> policyFiles(Path dir) {
        TreeSet<String> out = new TreeSet<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".ppl") || n.endsWith(".csv")).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy directory " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static String digest(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            StringBuilder out = new StringBuilder("sha256:");
            for (byte b : sha.digest()) {
                out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static UncheckedIOException refused(Path dir, String why) {
        return new UncheckedIOException(new IOException("policy bundle " + dir + " is incomplete: " + why));
    }
}
