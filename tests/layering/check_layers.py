#!/usr/bin/python3
"""Checks that the daemon's folders depend one way only, as tests/layering/layers.txt orders them.

Usage: check_layers.py SOURCE_ROOT
Reads every #include "folder/..." in daemon/ and every #include in plugins/, and prints each
include that goes sideways or up (file, line, the include, the two levels). Exits 1 if there is
one, 2 if a daemon folder is missing from layers.txt, 0 otherwise.
"""
import os
import re
import sys

INCLUDE = re.compile(r'\s*#\s*include\s+"([^"]+)"')


def read_layers(path):
    level = {}
    n = 0
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].split()
        if not line:
            continue
        for folder in line:
            level[folder] = n
        n += 1
    return level


def sources(root):
    for base, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith((".h", ".hpp", ".cpp")):
                yield os.path.join(base, name)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    level = read_layers(os.path.join(root, "tests/layering/layers.txt"))
    daemon = os.path.join(root, "daemon")
    problems = []
    unknown = set()
    for path in sources(daemon):
        rel = os.path.relpath(path, daemon)
        if os.sep not in rel:
            continue  # main.cpp stands above everything
        folder = rel.split(os.sep, 1)[0]
        if folder not in level:
            unknown.add(folder)
            continue
        for number, text in enumerate(open(path, encoding="utf-8"), 1):
            m = INCLUDE.match(text)
            if not m or "/" not in m.group(1):
                continue
            target = m.group(1).split("/", 1)[0]
            if target == folder or target == "lobsync":  # own folder; the plugin SDK
                continue
            if target not in level:
                continue  # not a daemon folder
            if level[target] >= level[folder]:
                way = "sideways" if level[target] == level[folder] else "up"
                problems.append(f"daemon/{rel}:{number}: {folder} includes {m.group(1)} ({way})")
    plugins = os.path.join(root, "plugins")
    for path in sources(plugins):
        rel = os.path.relpath(path, root)
        for number, text in enumerate(open(path, encoding="utf-8"), 1):
            m = INCLUDE.match(text)
            if m and m.group(1).split("/", 1)[0] in level:
                problems.append(f"{rel}:{number}: a plugin includes the daemon's {m.group(1)}")
    if unknown:
        print("daemon folders missing from tests/layering/layers.txt: " + ", ".join(sorted(unknown)))
        return 2
    for p in problems:
        print(p)
    print(f"{len(problems)} include(s) against the layering")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
