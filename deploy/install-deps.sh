#!/bin/sh
# Installs everything lobsync needs to build, run and test on Debian 12 (bookworm), from
# Debian's own packages only. Safe to run again; run as root.
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  ca-certificates tzdata git \
  g++ cmake ninja-build pkg-config file \
  libboost-dev libcurl4-openssl-dev nlohmann-json3-dev libspdlog-dev libfmt-dev \
  libsqlite3-dev sqlite3 libcli11-dev libhowardhinnant-date-dev libzip-dev \
  libgtest-dev libgmock-dev libbenchmark-dev \
  libssl-dev libpugixml-dev libmimalloc-dev curl python3 openssl \
  python3-aiosmtpd python3-cryptography python3-icalendar python3-jsonschema radicale \
  chromium chromium-driver python3-selenium \
  >/dev/null
