#!/usr/bin/python3
"""The manual page (deploy/lobsync.1) describes every command that `lobsync --help` lists.

usage: manpage_test.py LOBSYNC_BINARY MANPAGE
Commands with subcommands (config, outbox, links, tokens) are asked for theirs. A command is
described when a .TP tag of the page starts with its words ("outbox retry", "plan").
"""
import re
import subprocess
import sys


def subcommands(binary, *words):
    """The subcommand names in CLI11's help of `lobsync WORDS --help`."""
    text = subprocess.run([binary, *words, "--help"], capture_output=True, text=True, check=True).stdout
    names, in_list = [], False
    for line in text.splitlines():
        if line.strip().startswith("Subcommands:"):
            in_list = True
        elif in_list and re.match(r"^\s{2}\S", line):
            names.append(line.split()[0])
        elif in_list and line.strip() and not line.startswith(" "):
            in_list = False
    return names


def tags(manpage):
    """The words of every .TP tag, roff escapes and font macros removed."""
    lines = open(manpage, encoding="utf-8").read().splitlines()
    out = []
    for previous, line in zip(lines, lines[1:]):
        if previous.strip() == ".TP":
            text = re.sub(r"^\.(B|I|BI|BR|IR|RB)\s+", "", line)
            text = re.sub(r"\\f[BIRP]", "", text).replace("\\-", "-").replace('"', " ")
            out.append(text.split())
    return out


def main():
    binary, manpage = sys.argv[1], sys.argv[2]
    described = tags(manpage)
    commands = []
    for name in subcommands(binary):
        nested = subcommands(binary, name)
        commands += [[name, sub] for sub in nested] if nested else [[name]]
    if len(commands) < 10:
        print(f"only {len(commands)} commands read from {binary} --help: is its format still CLI11's?")
        return 1
    missing = [" ".join(c) for c in commands if not any(t[: len(c)] == c for t in described)]
    for name in missing:
        print(f"{manpage}: no .TP entry for `lobsync {name}`")
    print(f"{len(commands) - len(missing)} of {len(commands)} commands described")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
