#!/bin/sh
# Builds the lobsync Debian package from a clean build folder and prints the path of the .deb.
# Usage: deploy/package.sh             (build folder: build-package/ in the repository)
#        BUILD_DIR=/some/dir deploy/package.sh
# Needs the build dependencies (deploy/install-deps.sh) and dpkg-dev (for dpkg-shlibdeps).
#
# Reproducible: same sources and same Debian packages give a byte-identical .deb. The build
# folder is recreated, file times in the package are clamped to SOURCE_DATE_EPOCH (the last
# commit's time unless set), build paths are mapped out of the binaries, and precompiled
# headers are off (GCC's .gch files differ from run to run and leak into the debug info).
set -eu

SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD_DIR:-"$SRC/build-package"}
JOBS=${JOBS:-2}

for tool in cmake ninja cpack dpkg-shlibdeps; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "package.sh: $tool not found (install cmake, ninja-build and dpkg-dev)" >&2
    exit 2
  }
done

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git -C "$SRC" log -1 --format=%ct 2>/dev/null || echo 0)
fi
export SOURCE_DATE_EPOCH
export LC_ALL=C TZ=UTC
umask 022

rm -rf "$BUILD"
cmake -S "$SRC" -B "$BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_INSTALL_PREFIX=/usr \
  -DLOBSYNC_BUILD_TESTS=OFF \
  -DLOBSYNC_BUILD_BENCHMARKS=OFF \
  -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON \
  -DCMAKE_CXX_FLAGS="-ffile-prefix-map=$SRC=. -ffile-prefix-map=$BUILD=." >&2
ninja -C "$BUILD" -j "$JOBS" >&2
(cd "$BUILD" && cpack -G DEB >&2)

deb=$(find "$BUILD" -maxdepth 1 -name 'lobsync_*.deb' | head -n 1)
if [ -z "$deb" ]; then
  echo "package.sh: cpack made no .deb" >&2
  exit 1
fi
echo "$deb"
