#!/usr/bin/python3
"""Each plugin README carries the table of the plugin's settings between
<!-- settings:begin --> and <!-- settings:end -->. The table is what
`lobsync plugins --describe NAME --markdown` prints from the plugin's own declaration, so the
README cannot drift from the code: this check fails with a diff and the command that
regenerates the table. With --write it rewrites the tables instead (the regenerating command).

usage: check_settings_tables.py --lobsync BIN --plugin-dir DIR --source REPO [--write]
"""
import argparse
import difflib
import os
import pathlib
import subprocess
import sys

BEGIN = "<!-- settings:begin -->"
END = "<!-- settings:end -->"


def described(lobsync, plugin_dir, name):
    result = subprocess.run([lobsync, "plugins", "--plugin-dir", plugin_dir, "--describe", name, "--markdown"],
                            capture_output=True, text=True, check=False,
                            env={k: v for k, v in os.environ.items() if k != "LOBSYNC_CONFIG"})
    if result.returncode != 0:
        raise RuntimeError(f"lobsync plugins --describe {name} failed ({result.returncode}): {result.stderr}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lobsync", required=True)
    parser.add_argument("--plugin-dir", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    source = pathlib.Path(args.source)
    regenerate = (f"/usr/bin/python3 tests/docs/check_settings_tables.py --lobsync {args.lobsync} "
                  f"--plugin-dir {args.plugin_dir} --source {args.source} --write")
    failures = 0
    plugins = sorted(p for p in (source / "plugins").iterdir() if p.is_dir() and p.name != "sdk")
    for folder in plugins:
        readme = folder / "README.md"
        text = readme.read_text(encoding="utf-8")
        if BEGIN not in text or END not in text:
            print(f"{readme}: no {BEGIN} … {END} markers around the settings table")
            failures += 1
            continue
        head, rest = text.split(BEGIN, 1)
        current, tail = rest.split(END, 1)
        expected = "\n" + described(args.lobsync, args.plugin_dir, folder.name)
        if current == expected:
            continue
        if args.write:
            readme.write_text(head + BEGIN + expected + END + tail, encoding="utf-8")
            print(f"{readme}: settings table regenerated")
            continue
        failures += 1
        print(f"{readme}: the settings table differs from `lobsync plugins --describe {folder.name} --markdown`:")
        sys.stdout.writelines(difflib.unified_diff(current.splitlines(keepends=True), expected.splitlines(keepends=True),
                                                   f"{folder.name}/README.md", "lobsync plugins --describe"))
    if failures:
        print(f"\n{failures} README(s) out of date. Regenerate the tables with:\n  {regenerate}")
        return 1
    print(f"{len(plugins)} plugin READMEs match their declared settings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
