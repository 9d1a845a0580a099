#!/usr/bin/env bash
# Each test program of a build run whole, twice, in random orders (gtest's
# --gtest_shuffle, a new seed each time, printed so that a failure can be run
# again as it was); the two orders of a program run side by side. ctest runs
# every test in a process of its own and cannot see a test that passes only
# after another, or one that leaves the process (a static, the environment, a
# shared repository) changed for the next: here they fail.
#
# Usage: tests/shuffle.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: tests/shuffle.sh BUILD_DIR}
mapfile -t programs < <(find "$build" -name '*_tests' -type f -perm -u+x | sort)
if [ "${#programs[@]}" -eq 0 ]; then
  echo "shuffle: no test programs under $build" >&2
  exit 1
fi
# The walk-through ctest made, when there is one; else e2e_tests makes its own.
if [ -f "$build/tests/walkthrough-fixture/demo/catalog.db" ]; then
  export DOSSIER_WALKTHROUGH="$build/tests/walkthrough-fixture/demo"
fi
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
for program in "${programs[@]}"; do
  name=$(basename "$program")
  pids=() seeds=()
  start=$SECONDS
  for run in 1 2; do
    seed=$(( (RANDOM * 32768 + RANDOM) % 99999 + 1 ))
    seeds+=("$seed")
    # A program that hangs fails here, as a test past its timeout does under ctest.
    timeout 900 "$program" --gtest_shuffle --gtest_random_seed="$seed" --gtest_brief=1 \
      > "$logs/$name.$run" 2>&1 &
    pids+=($!)
  done
  for run in 1 2; do
    if ! wait "${pids[$((run - 1))]}"; then
      cat "$logs/$name.$run"
      echo "shuffle: $program failed in a random order; again:" \
           "$program --gtest_shuffle --gtest_random_seed=${seeds[$((run - 1))]}" >&2
      exit 1
    fi
  done
  echo "shuffle: $name passed in orders ${seeds[0]} and ${seeds[1]} ($((SECONDS - start)) s)"
done
