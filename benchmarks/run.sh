#!/usr/bin/env bash
# Builds the benchmarks (profile `benchmarks`), runs JMH and RetainedHeap, and regenerates BENCHMARKS.md.
# Run from anywhere; about 25-30 minutes on 2 cores (MatMulBenchmark alone about 10, Conv2DBenchmark about 3).
# Extra arguments go to JMH (e.g. a benchmark regex: `benchmarks/run.sh Conv2DBenchmark`).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
mvn -q -B -Pbenchmarks package -DskipTests
java -jar benchmarks/target/benchmarks.jar -rf json -rff benchmarks/results.json "$@"
java -Xmx12g -cp benchmarks/target/benchmarks.jar io.scopegraph.benchmarks.RetainedHeap benchmarks/retained.tsv
java -Dbenchmarks.seconds=$(( $(date +%s) - start )) -cp benchmarks/target/benchmarks.jar \
  io.scopegraph.benchmarks.Report benchmarks/results.json benchmarks/retained.tsv BENCHMARKS.md
