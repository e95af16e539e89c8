#!/usr/bin/env bash
# Installs the Debian packages SchoolBuild needs to build, test, run and package
# (dpkg-dev for dpkg-shlibdeps, librsvg2-bin for the icons, lintian for scripts/package.sh,
# clang and its sanitizer runtimes for the libFuzzer harnesses of tests/fuzz).
# Idempotent and quiet when everything is already there.
set -euo pipefail
PKGS=(build-essential cmake ninja-build pkg-config
      libwxgtk3.2-dev wx-common libsoci-dev libsqlite3-dev sqlite3 libboost-date-time-dev
      doctest-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev python3
      postgresql libpq-dev fonts-wqy-microhei xvfb xauth imagemagick poppler-utils gettext wx3.2-i18n
      dpkg-dev librsvg2-bin man-db lintian clang libclang-rt-14-dev
      libzip-dev libpugixml-dev libfreexl-dev libreoffice-calc-nogui)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "安装依赖 / installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "需要 root 或 sudo 来安装: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
