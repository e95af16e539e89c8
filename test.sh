#!/usr/bin/env bash
# Builds everything and runs every test (GUI tests under Xvfb). Arguments go to ctest,
# e.g. ./test.sh -R money   or   ./test.sh -L core
set -euo pipefail
cd "$(dirname "$0")"
scripts/deps.sh
scripts/configure.sh
cd build
ctest --output-on-failure --timeout 600 "$@"
