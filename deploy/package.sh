#!/bin/sh
# Builds the lobsync Debian package with debhelper and prints the path of the .deb.
# Usage: deploy/package.sh [--install-deps]
#   --install-deps       first install what the build needs (root; Debian's packages only)
#   BUILD_DIR=/some/dir  build folder (default: build-package/ in the repository)
#   JOBS=N               parallel compile jobs (default 2)
#   LOBSYNC_CCACHE=1     compile through ccache (faster repeats; the build does not need it)
#
# The packaging is deploy/debian/. The build runs on a copy of the source tree in
# $BUILD_DIR/lobsync-<version>/ with that folder as debian/, so the checkout stays clean and
# dpkg-buildpackage's results (.deb, -dbgsym .deb, .buildinfo, .changes) land in $BUILD_DIR.
# Reproducible: the same sources and the same Debian packages give a byte-identical .deb
# (see "Reproducible" in deploy/README.md for what was measured).
set -eu

SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD_DIR:-"$SRC/build-package"}
JOBS=${JOBS:-2}

if [ "${1:-}" = "--install-deps" ]; then
  "$SRC/deploy/package-deps.sh"
fi
for tool in dpkg-buildpackage dh dpkg-parsechangelog; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "package.sh: $tool not found: run deploy/package-deps.sh (or package.sh --install-deps) as root" >&2
    exit 2
  }
done

version=$(dpkg-parsechangelog -l "$SRC/deploy/debian/changelog" -S Version)
tree="$BUILD/lobsync-${version%-*}"
export LC_ALL=C TZ=UTC
umask 022

# The sources as they are now (committed or not), without build folders or git's data.
rm -rf "$BUILD"
mkdir -p "$tree"
tar -C "$SRC" --exclude=./.git --exclude='./build*' --exclude=./out \
  --exclude="./${BUILD#"$SRC"/}" -cf - . | tar -C "$tree" -xf -
cp -R "$tree/deploy/debian" "$tree/debian"
cp "$tree/deploy/lobsync.service" "$tree/debian/lobsync.service"

if [ "${LOBSYNC_CCACHE:-0}" = 1 ]; then
  export LOBSYNC_CMAKE_ARGS="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
fi
# SOURCE_DATE_EPOCH comes from debian/changelog (dpkg-buildpackage) unless set; the build
# flags, hardening included, from dpkg-buildflags through debian/rules.
(cd "$tree" && dpkg-buildpackage -b -us -uc -j"$JOBS") >&2

deb="$BUILD/lobsync_${version}_$(dpkg --print-architecture).deb"
if [ ! -f "$deb" ]; then
  echo "package.sh: dpkg-buildpackage made no $deb" >&2
  exit 1
fi
echo "$deb"
