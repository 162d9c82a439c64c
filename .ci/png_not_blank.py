#!/usr/bin/env python3
"""Fails unless a PNG exists, has the expected size and is not blank (standard library only).

Usage: png_not_blank.py FILE WIDTH HEIGHT
Decodes the PNG (8-bit RGB/RGBA, all five filter types) and requires many distinct colours and
no single colour covering more than 90% of the pixels.
"""
import struct
import sys
import zlib
from collections import Counter


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, width = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                raise SystemExit(f"{path}: unsupported PNG (depth {depth}, colour type {colour})")
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    w, h, bpp, rows = decode(path)
    if (w, h) != (want_w, want_h):
        raise SystemExit(f"{path}: {w}x{h}, expected {want_w}x{want_h}")
    colours = Counter()
    for row in rows[::4]:
        for x in range(0, len(row), bpp * 4):
            colours[row[x:x + 3]] += 1
    total = sum(colours.values())
    top = colours.most_common(1)[0][1] / total
    if len(colours) < 50 or top > 0.9:
        raise SystemExit(f"{path}: looks blank ({len(colours)} colours, the commonest covers {top:.0%})")
    print(f"{path}: {w}x{h}, {len(colours)} colours in a sample, commonest covers {top:.0%}: not blank")


if __name__ == "__main__":
    main()
