#!/usr/bin/env bash
# Configures build/ once (Ninja if present), then builds the given targets (default: all).
# Builds are serialised with a lock: two ninja runs in one build tree corrupt its logs.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
exec 9>build/.build.lock
flock 9
if [ ! -f build/CMakeCache.txt ]; then
  gen=()
  command -v ninja >/dev/null && gen=(-G Ninja)
  cmake -S . -B build "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build build --parallel "$(nproc)" ${1:+--target "$@"}
