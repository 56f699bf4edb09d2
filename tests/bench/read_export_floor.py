#!/usr/bin/python3
"""The floor of a file-based roster sync: read every CSV file of an export folder with Python's
csv module and count the rows, nothing else (no mapping, no store). run_sync_bench.sh times it
beside lobsync on the same export.

    read_export_floor.py FOLDER
"""
import csv
import pathlib
import sys


def rows_of(path):
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Magister's older exports
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return sum(1 for _ in csv.reader(text.splitlines(), delimiter=delimiter))


def main():
    folder = pathlib.Path(sys.argv[1])
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".csv", ".txt") and p.is_file())
    total = sum(rows_of(p) for p in files)
    print(f'{{"status": "read", "records_read": {total}, "files": {len(files)}}}')


if __name__ == "__main__":
    main()
