package dev.ppl.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A policy directory that tests rewrite while an engine serves from it. Generation {@code g} of
 * the three policies is version {@code 1.g.0} of each, and every finding's message starts with the
 * policy's letter and {@code g}, so a decision shows which generation made each finding.
 */
final class PolicyDir {
    final Path dir;

    PolicyDir(Path dir) {
        this.dir = dir;
    }

    static String policy(String letter, int g) {
        return """
                policy hot.%s
                  version 1.%d.0
                  applies to payer id acme
                  effective from 2020-01-01
                  cites "a policy for the reload tests"
                %s
                rule tag-%s
                  "tags every injection line"
                  for each l in lines where l.code = 96372
                  when l.units > 0
                  review line l group CO carc 16
                    message "%s%d line {l.line}"
                """.formatted(letter, g, letter.equals("c") ? "  extends hot.a\n" : "", letter, letter, g);
    }

    /** Writes generation {@code g} of a, b and c (c extends a). */
    void writeGeneration(int g) {
        for (String letter : new String[] {"a", "b", "c"}) {
            write(letter + ".ppl", policy(letter, g));
        }
    }

    /** Writes a file the way deploy tools do: to a temporary name, then renamed over the old one. */
    void write(String name, String text) {
        try {
            Path target = dir.resolve(name);
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String name) {
        try {
            Files.delete(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
