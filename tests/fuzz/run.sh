#!/usr/bin/env bash
# Runs each fuzz target for a bounded time: tests/fuzz/run.sh BUILD SECONDS TARGET...
# Each target starts from its seeds (tests/fuzz/corpus/<target>) and the
# corpus earlier runs grew (BUILD/fuzz/corpus/<target>); prints executions
# per second and the corpus size, and fails naming the input that crashed.
set -u
build=$1 seconds=$2
shift 2
root=$(cd "$(dirname "$0")" && pwd)
failed=0
for target in "$@"; do
  corpus="$build/fuzz/corpus/$target"
  artifacts="$build/fuzz/artifacts/$target"
  log="$build/fuzz/$target.log"
  mkdir -p "$corpus" "$artifacts"
  "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" "$root/corpus/$target" >"$log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  units=$(ls "$corpus" | wc -l)
  if [ "$status" -ne 0 ]; then
    failed=1
    echo "fuzz_$target: FAILED after ${runs:-?} runs; the input: $(ls -t "$artifacts" | head -1 | sed "s|^|$artifacts/|"); log: $log"
    grep -m 5 -E "ERROR|SUMMARY|runtime error" "$log" | sed 's/^/  /'
  else
    echo "fuzz_$target: ${runs:-0} runs in ${seconds} s ($(( ${runs:-0} / seconds )) exec/s), corpus $units inputs, nothing found"
  fi
done
exit $failed
