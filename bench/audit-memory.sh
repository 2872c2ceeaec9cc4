#!/usr/bin/env bash
# Peak memory and throughput of `ppl audit` over a large synthetic corpus under a small heap: the
# generator (dev.ppl.audit.SyntheticPractice) writes N claims as NDJSON to a temporary file, then
# `java -Xmx512m -jar target/ppl-0.1.0-cli.jar audit` reads it with a GC log. Prints the claims, the
# wall time, the peak resident set (/usr/bin/time -v), the largest heap in use after a collection
# (GC log) and the load average. Usage: bench/audit-memory.sh [claims, default 1000000] [heap, default 512m]
# Needs the jar (mvn -B -o -DskipTests package) and about 1.5 KB of disk per claim in $TMPDIR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
claims="${1:-1000000}"
heap="${2:-512m}"
jar="${PPL_JAR:-$here/target/ppl-0.1.0-cli.jar}"
[ -f "$jar" ] || { echo "no $jar: run mvn -B -o -DskipTests package first" >&2; exit 66; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/Generate.java" <<'JAVA'
import dev.ppl.audit.SyntheticPractice;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;

public class Generate {
    static final class Enough extends RuntimeException {}

    public static void main(String[] a) throws Exception {
        long wanted = Long.parseLong(a[1]);
        // about 14.8 claims per patient and year (a fifth of patients come rarely; provider 4 weekly)
        int patients = (int) Math.max(360, wanted / 14);
        long[] n = {0};
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(a[0]))) {
            try {
                SyntheticPractice.of(7, 6, patients, 2025).generate(c -> {
                    if (n[0] == wanted) {
                        throw new Enough();
                    }
                    out.write(c);
                    out.write('\n');
                    n[0]++;
                }, null);
            } catch (Enough done) {
                // the corpus is cut at the wanted number of claims, mid-December at most
            }
        }
        System.out.println(n[0]);
    }
}
JAVA
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "generating $claims claims (load average $(load))"
made=$(java -cp "$jar" "$work/Generate.java" "$work/claims.ndjson" "$claims")
echo "generated $made claims, $(du -h "$work/claims.ndjson" | cut -f1) of NDJSON"
echo "auditing with -Xmx$heap (load average before: $(load))"
start=$(date +%s%N)
/usr/bin/time -v -o "$work/time.txt" java -Xmx"$heap" -Xlog:gc:file="$work/gc.log" -jar "$jar" audit --json \
  --patient-key-file <(printf '0123456789abcdef0123') "$work/claims.ndjson" > "$work/audit.json" 2> "$work/stderr.txt" || true
end=$(date +%s%N)
echo "load average after: $(load)"
# the summary line, or where the run failed (the first lines of a stack trace)
grep -m1 -A8 -E "Exception|Error" "$work/stderr.txt" || tail -3 "$work/stderr.txt"
secs=$(echo "($end - $start) / 1000000000" | bc -l)
printf 'wall time %.1f s, %.0f claims/s\n' "$secs" "$(echo "$made / $secs" | bc -l)"
grep -E "Maximum resident set size|Exit status|Elapsed" "$work/time.txt"
# unified GC log lines end in "Pause ... 123M->45M(512M) 6.789ms": the largest heap after a collection
awk 'match($0, /->[0-9]+M\(/) { v = substr($0, RSTART + 2, RLENGTH - 4) + 0; if (v > max) max = v; n++ }
     END { printf "GC: %d collections, largest heap in use after a collection %d MB\n", n, max }' "$work/gc.log"
grep -o '"claims" : [0-9]*' "$work/audit.json" || { echo "the audit wrote no result" >&2; exit 1; }
