#!/bin/bash
# Tests the Debian package as an administrator meets it: lintian clean and hardened, then
# installed with apt into a fresh Debian 12 root (debootstrap, minbase): the service user and
# the file modes, the shipped config checked and the plugins listed as the service user, then
# apt remove (config and data stay) and apt purge (nothing of the package left). No systemd
# runs in the root: a policy-rc.d says "start no services", as in any chroot.
# Usage: deploy/test-package.sh [lobsync_VERSION_ARCH.deb]   (without one, package.sh builds it)
#   BASE_DIR=dir   the debootstrap base, made once, reused (default /var/cache/lobsync-test/bookworm)
#   ROOT_DIR=dir   the scratch root, made anew each run (default /tmp/lobsync-test-root)
#   MIRROR=url     Debian mirror (default http://deb.debian.org/debian)
# Needs root, lintian, hardening-check (devscripts) and debootstrap: deploy/package-deps.sh.
# Exit 0: all passed; 1: a check failed (the line starting with FAIL says which); 2: it could
# not run.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
BASE=${BASE_DIR:-/var/cache/lobsync-test/bookworm}
ROOT=${ROOT_DIR:-/tmp/lobsync-test-root}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
started=$(date +%s)

step() { echo "== [$(( $(date +%s) - started ))s] $*"; }
ok() { echo "   ok: $*"; }
fail() { echo "FAIL: $*"; exit 1; }
cannot() { echo "CANNOT RUN: $*"; exit 2; }
in_root() { chroot "$ROOT" "$@"; }
# "owner:group mode" of a path in the root.
perms() { in_root stat -c '%U:%G %a' "$1" 2>/dev/null; }
expect_perms() {
  local got; got=$(perms "$1")
  [[ $got == "$2" ]] || fail "$1 is '${got:-missing}', expected '$2'"
  ok "$1 $2"
}

[[ $(id -u) == 0 ]] || cannot "needs root (debootstrap, chroot)"
for tool in lintian debootstrap hardening-check; do
  command -v "$tool" >/dev/null || cannot "$tool not found: run deploy/package-deps.sh"
done

step "the package"
if [[ $# -ge 1 ]]; then
  deb=$(readlink -f "$1")
else
  deb=$("$SRC/deploy/package.sh") || fail "deploy/package.sh failed"
fi
[[ -f $deb ]] || cannot "no such package: $deb"
ok "$deb"

step "lintian --fail-on error,warning $(basename "$deb")"
# Lintian warns when it runs as root; the package is read-only input, so that is harmless.
lintian --fail-on error,warning "$deb" >"$ROOT.lintian" 2>&1
lintian_rc=$?
grep -v 'running with root privileges' "$ROOT.lintian"
[[ $lintian_rc == 0 ]] || fail "lintian reports errors or warnings (exit $lintian_rc)"
ok "no errors, no warnings"

step "hardening-check --nocfprotection: the program and every plugin"
# PIE, stack protector, fortify, RELRO and BIND_NOW must all be there. Control-flow protection
# (-fcf-protection) is left out: Debian 12's dpkg-buildflags does not give it (its trixie does).
rm -rf "$ROOT.deb" && mkdir -p "$ROOT.deb" && dpkg-deb -x "$deb" "$ROOT.deb" || cannot "dpkg-deb -x $deb failed"
hardening-check --nocfprotection "$ROOT.deb/usr/bin/lobsync" "$ROOT.deb"/usr/lib/lobsync/plugins/*.so >"$ROOT.hardening" 2>&1 ||
  { cat "$ROOT.hardening"; fail "hardening-check: a hardening feature is missing"; }
grep -c '^ Immediate binding: yes' "$ROOT.hardening" | sed 's/^/   ok: all hardened: /; s/$/ files/'
rm -rf "$ROOT.deb"

step "a fresh Debian 12 root"
release() { for m in sys dev proc; do umount -R "$ROOT/$m" 2>/dev/null; done; }
if [[ ! -x $BASE/bin/bash ]]; then
  echo "   debootstrap --variant=minbase bookworm $BASE (once; later runs reuse it)"
  mkdir -p "$(dirname "$BASE")"
  debootstrap --variant=minbase bookworm "$BASE" "$MIRROR" >"$BASE.log" 2>&1 ||
    { rm -rf "$BASE"; cannot "debootstrap failed: see $BASE.log"; }
fi
release
grep -q " $ROOT/" /proc/mounts && cannot "something is still mounted under $ROOT"
rm -rf "$ROOT"
cp -a "$BASE" "$ROOT"
trap release EXIT
mount -t proc proc "$ROOT/proc" && mount --rbind /dev "$ROOT/dev" && mount -t sysfs sys "$ROOT/sys" ||
  cannot "mounting /proc, /dev, /sys failed"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
# A Debian 12 server has the updates and security suites too (dpkg-shlibdeps may ask for
# library versions from them, as the build machine has them).
cat >"$ROOT/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb ${MIRROR%/debian}/debian-security bookworm-security main
EOF
# The standard way to say "start no services here" (invoke-rc.d, deb-systemd-invoke).
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
cp "$deb" "$ROOT/tmp/"
ok "$ROOT (from $BASE)"

step "apt-get install ./$(basename "$deb")"
export DEBIAN_FRONTEND=noninteractive
in_root apt-get update -qq >"$ROOT.apt.log" 2>&1 || { tail -n 20 "$ROOT.apt.log"; fail "apt-get update failed"; }
in_root sh -c "cd /tmp && apt-get install -y --no-install-recommends ./$(basename "$deb")" >>"$ROOT.apt.log" 2>&1 ||
  { tail -n 30 "$ROOT.apt.log"; fail "apt-get install failed (log: $ROOT.apt.log)"; }
sed -n '/^lobsync is installed/,/operations.md/p' "$ROOT.apt.log"
[[ $(in_root dpkg-query -W -f '${Status}' lobsync) == "install ok installed" ]] || fail "lobsync is not installed"
in_root dpkg -L lobsync | sort >"$ROOT.files"
ok "installed, $(wc -l <"$ROOT.files") paths (dpkg -L)"

step "the service user"
user=$(in_root getent passwd lobsync) || fail "no user lobsync"
IFS=: read -r _ _ uid _ _ home shell <<<"$user"
[[ $uid -lt 1000 ]] || fail "lobsync is not a system user (uid $uid)"
[[ $home == /var/lib/lobsync && $shell == /usr/sbin/nologin ]] || fail "lobsync: home $home, shell $shell"
in_root getent group lobsync >/dev/null || fail "no group lobsync"
ok "$user"

step "files, owners and modes"
expect_perms /etc/lobsync "root:lobsync 750"
expect_perms /etc/lobsync/lobsync.json "root:lobsync 640"
expect_perms /etc/lobsync/secrets "root:lobsync 750"
expect_perms /var/lib/lobsync "lobsync:lobsync 700"
expect_perms /usr/bin/lobsync "root:root 755"
grep -qx /etc/lobsync/lobsync.json <(in_root cat /var/lib/dpkg/info/lobsync.conffiles) ||
  fail "/etc/lobsync/lobsync.json is not a conffile"
ok "/etc/lobsync/lobsync.json is a conffile"
for f in /lib/systemd/system/lobsync.service /usr/share/man/man1/lobsync.1.gz \
  /usr/share/doc/lobsync/copyright /usr/share/doc/lobsync/changelog.Debian.gz \
  /usr/share/doc/lobsync/operations.md /usr/share/doc/lobsync/config-reference.md \
  /usr/share/doc/lobsync/examples/lobsync.example.json /usr/share/doc/lobsync/plugins/smtp/README.md \
  /usr/share/doc/lobsync/plugins/somtoday/README.md /usr/share/doc/lobsync/plugins/sdk/roster-records.md; do
  grep -qx "$f" "$ROOT.files" || fail "the package lacks $f"
done
ok "unit, manual page, copyright, changelog, guides, plugin READMEs, example config"
[[ ! -e $ROOT/etc/systemd/system/multi-user.target.wants/lobsync.service ]] || fail "the service was enabled at install"
ok "the service is not enabled"

step "as the service user: lobsync config check /etc/lobsync/lobsync.json"
# /var/lib/lobsync is the service's working folder (WorkingDirectory= in the unit).
as_lobsync() { in_root runuser -u lobsync -- sh -c 'cd /var/lib/lobsync && exec "$@"' lobsync "$@"; }
out=$(as_lobsync lobsync config check /etc/lobsync/lobsync.json 2>&1); rc=$?
echo "$out" | sed 's/^/   | /'
[[ $rc == 0 ]] || fail "the shipped config does not pass config check (exit $rc)"
ok "exit 0"

step "as the service user: lobsync plugins"
out=$(as_lobsync lobsync plugins 2>&1); rc=$?
echo "$out" | sed 's/^/   | /'
[[ $rc == 0 ]] || fail "lobsync plugins failed (exit $rc)"
shipped=$(grep -c '^/usr/lib/lobsync/plugins/lobsync-.*\.so$' "$ROOT.files")
listed=$(as_lobsync lobsync plugins --json 2>/dev/null | grep -c '"status": "loaded"')
[[ $shipped -gt 0 && $listed == "$shipped" ]] || fail "$listed plugins loaded, $shipped shipped"
ok "all $shipped shipped plugins load"

step "as the service user: lobsync status (makes the store, the data the purge must remove)"
out=$(as_lobsync lobsync status 2>&1); rc=$?
echo "$out" | sed 's/^/   | /'
[[ $rc == 0 ]] || fail "lobsync status failed (exit $rc)"
expect_perms /var/lib/lobsync/lobsync.db "lobsync:lobsync 600"
# What an administrator adds by hand, which the docs say a purge deletes.
in_root install -m 0640 -o root -g lobsync /dev/null /etc/lobsync/secrets/smtp
in_root install -m 0600 -o root -g root /dev/null /etc/default/lobsync

step "apt-get remove lobsync (config and data stay)"
in_root apt-get remove -y lobsync >>"$ROOT.apt.log" 2>&1 || { tail -n 20 "$ROOT.apt.log"; fail "apt-get remove failed"; }
[[ $(in_root dpkg-query -W -f '${Status}' lobsync) == "deinstall ok config-files" ]] ||
  fail "after remove: $(in_root dpkg-query -W -f '${Status}' lobsync)"
[[ ! -e $ROOT/usr/bin/lobsync ]] || fail "/usr/bin/lobsync is still there"
for f in /etc/lobsync/lobsync.json /etc/lobsync/secrets/smtp /etc/default/lobsync /var/lib/lobsync/lobsync.db; do
  [[ -e $ROOT$f ]] || fail "remove deleted $f"
done
ok "program gone; config, secrets and the store kept"

step "apt-get purge lobsync (nothing of the package left)"
in_root apt-get purge -y lobsync >>"$ROOT.apt.log" 2>&1 || { tail -n 20 "$ROOT.apt.log"; fail "apt-get purge failed"; }
[[ -z $(in_root dpkg-query -W -f '${Status}' lobsync 2>/dev/null) ]] || fail "dpkg still knows lobsync"
left=()
while read -r path; do
  # Folders other packages share (/usr, /usr/share/doc, /lib -> usr/lib, ...) stay;
  # lobsync's own must go.
  if [[ -d $ROOT$path ]]; then
    [[ $path == *lobsync* ]] && left+=("$path")
  elif [[ -e $ROOT$path || -L $ROOT$path ]]; then
    left+=("$path")
  fi
done <"$ROOT.files"
for path in /etc/lobsync /etc/default/lobsync /var/lib/lobsync \
  /var/lib/systemd/deb-systemd-helper-enabled/lobsync.service.dsh-also; do
  [[ -e $ROOT$path ]] && left+=("$path")
done
[[ ${#left[@]} == 0 ]] || fail "left after purge: ${left[*]}"
ok "every path of dpkg -L, /etc/lobsync, /etc/default/lobsync and /var/lib/lobsync are gone"
in_root getent passwd lobsync >/dev/null || fail "the user lobsync was removed, the docs say it is kept"
ok "the system user lobsync is kept (as deploy/README.md says)"

release
trap - EXIT
rm -rf "$ROOT" "$ROOT.files" "$ROOT.lintian" "$ROOT.hardening"
echo "PASS: lobsync package test, $(( $(date +%s) - started ))s (apt log: $ROOT.apt.log)"
