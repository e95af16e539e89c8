#!/usr/bin/env bash
# Builds SchoolBuild and opens the window on the default database
# (created with the demo county on first start). Extra arguments go to the program.
set -euo pipefail
cd "$(dirname "$0")"
scripts/deps.sh
scripts/configure.sh schoolbuild schoolbuild-cli
exec build/src/ui/schoolbuild "$@"
