#!/usr/bin/env bash
# Benchmark (not a test) of the Spark jobs on this machine: the gate's answers and a tiny Table 2
# with one task slot (local[1]) and with two (local[2]), each in a fresh JVM with a cold response
# cache, and the per-executor model load. Prints the lines results/bench/spark.md quotes.
# Usage: spark/bench/spark-bench.sh [OUT_DIR]   (take the shared CPU lock around it)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-/tmp/seat-spark-bench}"
rm -rf "$out"; mkdir -p "$out"
cd "$here"
for master in 'local[1]' 'local[2]'; do
  echo "== gate, --master $master"
  start=$(date +%s.%N)
  ./seat spark gate --master "$master" --limit 48 -D batchSize=8 -D runId=bench \
    -D "results=$out/gate-${master//[^0-9]/}" > "$out/gate-${master//[^0-9]/}.log" 2>&1 || true
  end=$(date +%s.%N)
  grep -E "seat spark: .*(loaded|answers in)" "$out/gate-${master//[^0-9]/}.log"
  grep -E "^[0-9]+ checks:" "$out/gate-${master//[^0-9]/}.log"
  printf 'whole command (JVM, Spark, answers, gate): %.1f s\n' "$(echo "$end - $start" | bc)"
done
printf '[' > "$out/qa.json"
for i in $(seq 0 15); do printf '%s{"question": "What is the code of contract %d?", "answer": "Code %d."}' \
  "$([ "$i" = 0 ] || echo ,)" "$i" "$((100 + 7 * i))" >> "$out/qa.json"; done
printf ']' >> "$out/qa.json"
for master in 'local[1]' 'local[2]'; do
  echo "== experiment table2 (base + full + seat, 2 epochs on 16 QA), --master $master"
  start=$(date +%s.%N)
  ./seat spark experiment table2 --master "$master" --base models/tiny-base --data "$out/qa.json" --methods full,seat \
    --seeds 0 --sweep none --epochs 2 --batch-size 4 --eval-limit 8 --no-idk-cs \
    --out "$out/t2-${master//[^0-9]/}" > "$out/t2-${master//[^0-9]/}.log" 2>&1
  end=$(date +%s.%N)
  grep -E "runs to do" "$out/t2-${master//[^0-9]/}.log"
  printf 'whole command: %.1f s\n' "$(echo "$end - $start" | bc)"
done
