#!/usr/bin/env bash
# Start-up of `./ppl eval` on one claim against a bare JVM start, measured in one run, alternating
# the commands so that the machine's load weighs on each alike. Prints the median wall time of each
# and its ratio to the bare start, also for ./ppl with the policy cache off (PPL_CACHE=0).
# Usage: bench/startup.sh [runs, default 15]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-15}"
claim="$here/examples/claims/contract-example.json"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
javac -d "$work" "$work/Hello.java"
"$here/ppl" eval "$claim" > /dev/null    # builds the jar (and the class data archive) if needed

now() { date +%s%N; }
PPL_CACHE=0 "$here/ppl" eval "$claim" > /dev/null
declare -a bare=() version=() ppl=() nocache=()
for ((i = 0; i < runs; i++)); do
  t=$(now); java -cp "$work" Hello > /dev/null; bare+=($(( $(now) - t )))
  t=$(now); java -version 2> /dev/null; version+=($(( $(now) - t )))
  t=$(now); "$here/ppl" eval "$claim" > /dev/null; ppl+=($(( $(now) - t )))
  t=$(now); PPL_CACHE=0 "$here/ppl" eval "$claim" > /dev/null; nocache+=($(( $(now) - t )))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
b=$(median "${bare[@]}"); v=$(median "${version[@]}"); p=$(median "${ppl[@]}"); n=$(median "${nocache[@]}")
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
printf '%-44s %8.3f s\n' "java -cp . Hello (bare JVM start)" "$(echo "$b / 1000000000" | bc -l)"
printf '%-44s %8.3f s\n' "java -version" "$(echo "$v / 1000000000" | bc -l)"
printf '%-44s %8.3f s   %.2f x bare JVM start\n' "./ppl eval contract-example.json" "$(echo "$p / 1000000000" | bc -l)" \
  "$(echo "$p / $b" | bc -l)"
printf '%-44s %8.3f s   %.2f x bare JVM start\n' "PPL_CACHE=0 ./ppl eval (no policy cache)" "$(echo "$n / 1000000000" | bc -l)" \
  "$(echo "$n / $b" | bc -l)"
echo "target (issue 11): ./ppl eval within 3 x the bare JVM start"
