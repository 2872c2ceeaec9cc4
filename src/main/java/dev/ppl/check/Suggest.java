package dev.ppl.check;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" suggestions by edit distance. */
public final class Suggest {
    private Suggest() {}

    /** The closest candidate within a small edit distance, or null. */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = word.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(lower, c.toLowerCase(Locale.ROOT));
            // ties go to the alphabetically first candidate, so the help does not depend on set order
            if (d < bestDistance || (d == bestDistance && c.compareTo(best) < 0)) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /** "did you mean `x`?" or the fallback. */
    public static String help(String word, Collection<String> candidates, String fallback) {
        String c = closest(word, candidates);
        return c != null ? "did you mean `" + c + "`?" : fallback;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
