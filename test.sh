#!/usr/bin/env bash
# Builds everything and runs every test (GUI tests under Xvfb). Arguments go to ctest,
# e.g. ./test.sh -R money   or   ./test.sh -L core
# The Debian package's test (label "package") needs the package that scripts/package.sh
# builds, so it runs only when asked for: scripts/package.sh && ./test.sh -L package
set -euo pipefail
cd "$(dirname "$0")"
scripts/deps.sh
scripts/configure.sh
cd build
exclude=(--label-exclude '^package$')
case " $* " in *package*) exclude=() ;; esac
ctest --output-on-failure --timeout 600 "${exclude[@]}" "$@"
