#!/usr/bin/env bash
# Builds the Debian package dist/schoolbuild_VERSION_amd64.deb from a Release build in
# build-release/ (build/ stays the everyday build with the tests), then runs lintian on it.
# Test the package with:  (cd build && ctest -L package --output-on-failure)
# Extra arguments go to lintian's report only (e.g. --info).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
mkdir -p build-release dist
exec 9>build-release/.build.lock
flock 9

# Debian's compiler and linker flags (hardening, reproducible paths), without -g: the
# package is stripped anyway, and debug info doubles the build time.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
export DEB_CFLAGS_MAINT_STRIP=-g DEB_CXXFLAGS_MAINT_STRIP=-g
cppflags=$(dpkg-buildflags --get CPPFLAGS)
cxxflags="$(dpkg-buildflags --get CXXFLAGS) $cppflags"
cflags="$(dpkg-buildflags --get CFLAGS) $cppflags"
ldflags=$(dpkg-buildflags --get LDFLAGS)
# Dates in the man pages and the changelog: the last commit's, so a rebuild is identical.
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH

gen=()
command -v ninja >/dev/null && [ ! -f build-release/CMakeCache.txt ] && gen=(-G Ninja)
cmake -S . -B build-release "${gen[@]}" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  -DSB_BUILD_TREE_PATHS=OFF -DCMAKE_INSTALL_PREFIX=/usr \
  -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_C_FLAGS="$cflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" \
  >/dev/null
cmake --build build-release --parallel "$(nproc)"
(cd build-release && cpack -G DEB >/dev/null)

version=$(sed -n 's/^project(SchoolBuild VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
deb=schoolbuild_${version}_$(dpkg --print-architecture).deb
[ -f "build-release/$deb" ] || { echo "cpack did not write build-release/$deb" >&2; exit 1; }
rm -f dist/schoolbuild_*.deb
cp "build-release/$deb" "dist/$deb"
echo "dist/$deb: $(du -h "dist/$deb" | cut -f1)"

# lintian: errors fail the build; warnings and the rest are shown.
if ! lintian --fail-on error "$@" "dist/$deb"; then
  echo "lintian found errors in dist/$deb" >&2
  exit 1
fi
