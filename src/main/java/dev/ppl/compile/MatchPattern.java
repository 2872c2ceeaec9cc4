package dev.ppl.compile;

import com.google.re2j.Pattern;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pattern of {@code matches(text, "...")}, compiled with the policy. A pattern that is a short
 * list of whole texts ({@code "im|sc|sq|subq"}, {@code "(iv|ia)( push)?"}: letters and other plain
 * characters, alternatives, groups and {@code ?}) matches exactly the texts of that list, so it is
 * tested by looking the text up in a set, without running the regular expression machine; any
 * other pattern runs through RE2/J as written.
 */
public final class MatchPattern {
    /** The most texts a pattern may stand for to be looked up as a set. */
    static final int MOST_TEXTS = 64;

    private final Pattern pattern;
    /** The texts the pattern matches in whole, or null when it is not such a list. */
    private final Set<String> texts;

    private MatchPattern(Pattern pattern, Set<String> texts) {
        this.pattern = pattern;
        this.texts = texts;
    }

    public static MatchPattern of(Pattern pattern) {
        return new MatchPattern(pattern, pattern.flags() == 0 ? Texts.of(pattern.pattern()) : null);
    }

    /** Whether the whole text matches, as {@code pattern.matcher(text).matches()} says. */
    public boolean matches(String text) {
        return texts != null ? texts.contains(text) : pattern.matcher(text).matches();
    }

    /** The texts the pattern is looked up in (null when it runs as a regular expression), for tests. */
    Set<String> texts() {
        return texts;
    }

    /**
     * The finite list of texts a pattern matches, read by a small recursive descent over the
     * pattern: {@code alternatives := sequence ('|' sequence)*}, {@code sequence := (atom '?'?)*},
     * {@code atom := plain character | '\' punctuation | '(' ('?:')? alternatives ')'}. Anything
     * else (classes, repetition, anchors, dots, flags) gives null.
     */
    private static final class Texts {
        private static final String SPECIAL = "\\.^$|?*+()[]{}";
        private final String source;
        private int at;

        private Texts(String source) {
            this.source = source;
        }

        static Set<String> of(String source) {
            Texts reader = new Texts(source);
            Set<String> texts = reader.alternatives();
            return texts != null && reader.at == source.length() ? Set.copyOf(texts) : null;
        }

        private Set<String> alternatives() {
            Set<String> all = sequence();
            while (all != null && peek() == '|') {
                at++;
                Set<String> more = sequence();
                if (more == null) {
                    return null;
                }
                all.addAll(more);
            }
            return all != null && all.size() <= MOST_TEXTS ? all : null;
        }

        private Set<String> sequence() {
            Set<String> texts = new LinkedHashSet<>(List.of(""));
            while (at < source.length() && peek() != '|' && peek() != ')') {
                Set<String> atom = atom();
                if (atom == null) {
                    return null;
                }
                if (peek() == '?') {
                    at++;
                    if (peek() == '?' || peek() == '+') {
                        return null; // a lazy or possessive form: left to RE2/J
                    }
                    atom.add("");
                }
                Set<String> longer = new LinkedHashSet<>();
                for (String t : texts) {
                    for (String a : atom) {
                        longer.add(t + a);
                    }
                }
                if (longer.size() > MOST_TEXTS) {
                    return null;
                }
                texts = longer;
            }
            return texts;
        }

        private Set<String> atom() {
            char c = source.charAt(at);
            if (c == '(') {
                at++;
                if (source.startsWith("?:", at)) {
                    at += 2;
                } else if (peek() == '?') {
                    return null; // flags or a named group
                }
                Set<String> inner = alternatives();
                if (inner == null || peek() != ')') {
                    return null;
                }
                at++;
                return new LinkedHashSet<>(inner);
            }
            if (c == '\\') {
                // an escaped punctuation character stands for itself; \d, \s, \b and the like do not
                if (at + 1 < source.length() && SPECIAL.indexOf(source.charAt(at + 1)) >= 0) {
                    at += 2;
                    return new LinkedHashSet<>(List.of(String.valueOf(source.charAt(at - 1))));
                }
                return null;
            }
            if (SPECIAL.indexOf(c) >= 0 || Character.isSurrogate(c)) {
                return null;
            }
            at++;
            return new LinkedHashSet<>(List.of(String.valueOf(c)));
        }

        private char peek() {
            return at < source.length() ? source.charAt(at) : 0;
        }
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }
}
