#!/usr/bin/env python3
"""Bytes and files of a kepu build's output by kind (sums of file lengths,
not disk blocks), the figure README Performance gives for the output size.

    python3 bench/output_bytes.py OUTPUT_FOLDER
"""
import os
import re
import sys
from collections import defaultdict

# The first matching pattern (on the path inside the output) names the kind.
KINDS = [
    ("print editions", r"^print/"),
    ("WeChat editions", r"^wechat/"),
    ("share cards", r"/share\.png$"),
    ("search", r"^(search/|search\.json|search-)"),
    ("term pages", r"^(tags|categories)/[^/]+/index\.html$"),
    ("term pagers", r"^(tags|categories)/.+/page/"),
    ("pagers", r"/page/\d+/index\.html$"),
    ("lists", r"^([^/]+/)?index\.html$"),
    ("article pages", r"\.html$"),
    ("feeds", r"\.(xml|ics|json)$"),
]


def kind(path):
    for name, pattern in KINDS:
        if re.search(pattern, path):
            return name
    return "other"


def main(root):
    sizes, counts = defaultdict(int), defaultdict(int)
    for folder, _, files in os.walk(root):
        for name in files:
            full = os.path.join(folder, name)
            k = kind(os.path.relpath(full, root).replace(os.sep, "/"))
            sizes[k] += os.path.getsize(full)
            counts[k] += 1
    mib = lambda n: n / 1024 / 1024
    print(f"| kind | MiB | files |\n|---|---:|---:|")
    for k in sorted(sizes, key=sizes.get, reverse=True):
        print(f"| {k} | {mib(sizes[k]):.1f} | {counts[k]:,} |")
    print(f"| **total** | **{mib(sum(sizes.values())):.1f}** | **{sum(counts.values()):,}** |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
