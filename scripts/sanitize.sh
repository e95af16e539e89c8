#!/usr/bin/env bash
# The whole suite under AddressSanitizer and UBSan (issue 13): builds build-asan/ with
# -DSB_SANITIZE=ON (g++; -fno-sanitize=vptr, Debian's SOCI has no typeinfo for it) and runs
# ctest there. Any report stops the program under test, so the test fails. Arguments go
# to ctest (scripts/sanitize.sh -L exchange). The fuzz label is left out (tests/fuzz/run.sh
# has its own sanitizers), and so is the package (it tests dist/). The PostgreSQL entries
# (label postgresql: the same suites again on a server, and migrate/roles) have not yet been
# run under the sanitizers — libpq's and SOCI's PostgreSQL backend need their own
# suppressions first; until then they run in ./test.sh without them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
mkdir -p build-asan
exec 9>build-asan/.build.lock
flock 9
if [ ! -f build-asan/CMakeCache.txt ]; then
  gen=()
  command -v ninja >/dev/null && gen=(-G Ninja)
  cmake -S . -B build-asan "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSB_SANITIZE=ON >/dev/null
fi
cmake --build build-asan --parallel "$(nproc)"
# Leaks: the GUI libraries (GTK, fontconfig, pango) keep allocations to the end by design;
# scripts/lsan.supp names them, every leak of ours still fails.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd build-asan
ctest --output-on-failure --timeout 1800 --label-exclude '^(package|fuzz|postgresql)$' "$@"
