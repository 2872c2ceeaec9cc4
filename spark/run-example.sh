#!/usr/bin/env bash
# PPL on Spark, end to end on local[2] (docs/spark.md): generate a synthetic corpus without embedded
# history, evaluate it with history from the corpus on Spark, run `ppl eval --history-from-corpus` on
# the same files, and check the two outputs are the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
CLAIMS=${1:-100000}
OUT=spark/target/example
rm -rf "$OUT" && mkdir -p "$OUT"

JAR=spark/target/ppl-spark-0.1.0.jar
# the jar, and Spark's jars from the build for running without a Spark distribution (the spark module
# runs last in the reactor, so its class path is the one left in the file)
mvn -B -q -o -f all -pl ../spark -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=provided \
  -Dmdep.outputFile="$PWD/$OUT/spark.classpath"
FLAGS=$(sed -n 's|.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*|\1|p' spark/pom.xml)

PATIENTS=$(( (CLAIMS * 100 + 1475) / 1476 ))
java -cp "$JAR:$(cat $OUT/spark.classpath)" dev.ppl.spark.GenerateCorpus "$OUT/corpus" "$PATIENTS" 16

start=$(date +%s)
if [ -n "${SPARK_HOME:-}" ]; then
  "$SPARK_HOME/bin/spark-submit" --master 'local[2]' --driver-memory 2g --class dev.ppl.spark.EvaluateJob "$JAR" \
    --history-window 365 --output "$OUT/decisions" "$OUT/corpus"
else
  # shellcheck disable=SC2086
  java -Xmx2g $FLAGS -Dspark.master='local[2]' -Dspark.ui.enabled=false \
    -cp "$JAR:$(cat $OUT/spark.classpath)" dev.ppl.spark.EvaluateJob \
    --history-window 365 --output "$OUT/decisions" "$OUT/corpus"
fi
echo "Spark: $(( $(date +%s) - start )) s"

start=$(date +%s)
./ppl eval --threads 2 --history-from-corpus --history-window 365d -o "$OUT/eval.ndjson" "$OUT/corpus" 2>"$OUT/eval.stderr" || true
echo "ppl eval: $(( $(date +%s) - start )) s"

cat "$OUT"/decisions/part-* > "$OUT/spark.ndjson"
if cmp -s "$OUT/spark.ndjson" "$OUT/eval.ndjson"; then
  echo "the same $(wc -l < "$OUT/eval.ndjson") decisions, byte for byte: $OUT/spark.ndjson"
else
  echo "the outputs differ: diff $OUT/spark.ndjson $OUT/eval.ndjson" >&2
  exit 1
fi
