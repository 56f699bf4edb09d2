#!/bin/sh
# Installs what deploy/package.sh and deploy/test-package.sh need beyond deploy/install-deps.sh:
# Debian's packaging tools, lintian, hardening-check (devscripts) and debootstrap. The build
# dependencies themselves are those of deploy/debian/control; install-deps.sh has them all.
# Safe to run again; run as root.
set -eu
cd "$(dirname "$0")/.."
deploy/install-deps.sh
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends \
  dpkg-dev debhelper lintian devscripts debootstrap \
  >/dev/null
