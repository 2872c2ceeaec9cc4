package dev.ppl.format;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts, line by line, for {@code ppl fmt --check --diff}. */
public final class LineDiff {
    private static final int CONTEXT = 2;
    private static final long MAX_CELLS = 4_000_000;

    private LineDiff() {}

    /** The diff in unified format with {@code ---}/{@code +++} headers; empty when the texts are equal. */
    public static String unified(String path, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = List.of(before.split("\n", -1));
        List<String> b = List.of(after.split("\n", -1));
        List<int[]> ops = ops(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(path).append('\n').append("+++ ").append(path).append(" (formatted)\n");
        // group the edits into hunks with CONTEXT lines around them
        int n = ops.size();
        int k = 0;
        while (k < n) {
            if (ops.get(k)[0] == '=') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            int quiet = 0;
            while (end < n && quiet <= 2 * CONTEXT) {
                quiet = ops.get(end)[0] == '=' ? quiet + 1 : 0;
                end++;
            }
            end = Math.min(n, end - Math.max(0, quiet - CONTEXT));
            int lineA = 1;
            int lineB = 1;
            for (int j = 0; j < start; j++) {
                lineA += ops.get(j)[0] != '+' ? 1 : 0;
                lineB += ops.get(j)[0] != '-' ? 1 : 0;
            }
            int countA = 0;
            int countB = 0;
            StringBuilder body = new StringBuilder();
            for (int j = start; j < end; j++) {
                char op = (char) ops.get(j)[0];
                int index = ops.get(j)[1];
                String text = op == '+' ? b.get(index) : a.get(index);
                body.append(op == '=' ? ' ' : op).append(text).append('\n');
                countA += op != '+' ? 1 : 0;
                countB += op != '-' ? 1 : 0;
            }
            out.append("@@ -").append(lineA).append(',').append(countA).append(" +").append(lineB).append(',')
                    .append(countB).append(" @@\n").append(body);
            k = end;
        }
        return out.toString();
    }

    /** Edit operations: {@code {'=', indexInA}}, {@code {'-', indexInA}}, {@code {'+', indexInB}}. */
    private static List<int[]> ops(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<int[]> ops = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            ops.add(new int[] {'=', i});
        }
        int n = a.size() - prefix - suffix;
        int m = b.size() - prefix - suffix;
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                ops.add(new int[] {'-', prefix + i});
            }
            for (int j = 0; j < m; j++) {
                ops.add(new int[] {'+', prefix + j});
            }
        } else {
            int[][] lcs = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    lcs[i][j] = a.get(prefix + i).equals(b.get(prefix + j)) ? lcs[i + 1][j + 1] + 1
                            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < n || j < m) {
                if (i < n && j < m && a.get(prefix + i).equals(b.get(prefix + j))) {
                    ops.add(new int[] {'=', prefix + i});
                    i++;
                    j++;
                } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                    ops.add(new int[] {'-', prefix + i});
                    i++;
                } else {
                    ops.add(new int[] {'+', prefix + j});
                    j++;
                }
            }
        }
        for (int s = 0; s < suffix; s++) {
            ops.add(new int[] {'=', a.size() - suffix + s});
        }
        return ops;
    }
}
