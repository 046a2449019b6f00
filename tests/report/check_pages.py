#!/usr/bin/python3
"""Fails when a rendered page (binary PGM from pdftoppm -gray) is blank: fewer than 0.05 % dark pixels
above the footer (the bottom 12 % of the page, where every page has the report title and page number)."""
import sys


def dark_share(path):
    with open(path, "rb") as f:
        data = f.read()
    # Header: P5 width height maxval, separated by white space.
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    pos += 1
    assert fields[0] == b"P5", path
    w, h = int(fields[1]), int(fields[2])
    body = int(h * 0.88)
    pixels = data[pos:pos + w * body]
    return sum(1 for p in pixels if p < 128) / max(1, len(pixels))


bad = 0
for page in sys.argv[1:]:
    share = dark_share(page)
    if share < 0.0005:
        print(f"{page}: blank ({share:.4%} dark pixels)", file=sys.stderr)
        bad += 1
sys.exit(1 if bad or not sys.argv[1:] else 0)
