#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/fuzz_*.cpp) with clang in build-fuzz/ and runs
# each for SECONDS (default 60), from its seeds (tests/fuzz/seeds/NAME) and the corpus it
# grew before (build-fuzz/corpus/NAME). A crash or a failed property stops that harness;
# its input is kept as build-fuzz/crashes/NAME-crash-… and the script exits 1.
#   tests/fuzz/run.sh [--seconds N] [NAME...]      e.g. tests/fuzz/run.sh --seconds 600 import
# Exits 77 (ctest: skipped) when clang++ is not installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=60
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
if ! command -v clang++ >/dev/null; then
  echo "clang++ 未安装，跳过模糊测试 / clang++ not installed: fuzzing skipped (scripts/deps.sh installs it)"
  exit 77
fi
mkdir -p build-fuzz
exec 9>build-fuzz/.build.lock
flock 9
if [ ! -f build-fuzz/CMakeCache.txt ]; then
  gen=()
  command -v ninja >/dev/null && gen=(-G Ninja)
  cmake -S . -B build-fuzz "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSB_FUZZ=ON \
        -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang >/dev/null
fi
cmake --build build-fuzz --parallel "$(nproc)" >build-fuzz/build.log 2>&1 || { cat build-fuzz/build.log; exit 1; }
if [ ${#names[@]} -eq 0 ]; then
  for exe in build-fuzz/tests/fuzz/fuzz_*; do names+=("${exe##*/fuzz_}"); done
fi
mkdir -p build-fuzz/crashes
failed=0
total=0
for name in "${names[@]}"; do
  exe=build-fuzz/tests/fuzz/fuzz_$name
  corpus=build-fuzz/corpus/$name
  mkdir -p "$corpus"
  dirs=("$corpus")
  [ -d "tests/fuzz/seeds/$name" ] && dirs+=("tests/fuzz/seeds/$name")
  log=build-fuzz/$name.log
  if ! "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="build-fuzz/crashes/$name-" "${dirs[@]}" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz_$name: 发现崩溃或性质不成立 / crash or failed property — input saved in build-fuzz/crashes/$name-*"
    failed=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  total=$((total + ${runs:-0}))
  echo "fuzz_$name: ${runs:-0} inputs in ${seconds} s, corpus $(ls "$corpus" | wc -l) files"
done
echo "fuzzed inputs in all: $total"
exit $failed
