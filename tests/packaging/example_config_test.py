#!/usr/bin/python3
"""The example config's commented-out roster source, mailer, planning and admin are valid once
uncommented: what an administrator gets after following the steps at the top of the file.

usage: example_config_test.py LOBSYNC_BINARY PLUGIN_DIR EXAMPLE_CONFIG
The blocks are uncommented by dropping the lines that are only "/*" or "*/"; the secret files
they reference are made (mode 0600) in a scratch folder, the plugin folder and store point at
the build. `lobsync config check` must then pass with no problem and no warning, and with
public_url uncommented as well.
"""
import os
import subprocess
import sys
import tempfile


def main():
    binary, plugin_dir, example = sys.argv[1:4]
    text = open(example, encoding="utf-8").read()
    lines = text.splitlines()
    blocks = sum(1 for line in lines if line.strip() == "/*")
    if blocks < 3:
        print(f"{example}: expected the roster source, mailer and planning/admin as /* */ blocks, found {blocks}")
        return 1
    live = "\n".join(line for line in lines if line.strip() not in ("/*", "*/"))
    live = live.replace('// "public_url"', '"public_url"')
    with tempfile.TemporaryDirectory() as scratch:
        secrets = os.path.join(scratch, "secrets")
        os.mkdir(secrets, 0o700)
        for name in ("somtoday", "smtp"):
            fd = os.open(os.path.join(secrets, name), os.O_WRONLY | os.O_CREAT, 0o600)
            os.write(fd, b"not-a-real-secret\n")
            os.close(fd)
        live = live.replace("/etc/lobsync/secrets", secrets)
        live = live.replace('"/usr/lib/lobsync/plugins"', f'"{plugin_dir}"')
        live = live.replace("/var/lib/lobsync/", scratch + "/")
        path = os.path.join(scratch, "lobsync.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(live)
        r = subprocess.run([binary, "config", "check", path], capture_output=True, text=True)
        print(r.stdout + r.stderr, end="")
        # The example's holiday dates belong to one school year; in a later year config check
        # rightly warns that the year has none. That warning is the administrator's reminder,
        # not a flaw of the example.
        warnings = [line for line in r.stderr.splitlines()
                    if "warning" in line and "/planning/holidays:" not in line]
        if r.returncode != 0 or warnings:
            print("the example config with its blocks uncommented is not clean")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
