#!/usr/bin/env python3
"""Fails unless a screenshot shows the atlas's map: the light theme's sea and focus-country land colours
each cover a share of it (within a small tolerance for antialiasing and colour management).

Usage: map_shown.py FILE
"""
import sys

from png_not_blank import decode

# theme.rs, light theme: the sea and the land of Iran, Iraq, Syria and Yemen.
SEA = (0xAE, 0xCB, 0xE0)
FOCUS_LAND = (0xF6, 0xDF, 0xAE)


def share(rows, bpp, colour, tol=6):
    hit = total = 0
    for row in rows[::4]:
        for x in range(0, len(row), bpp * 4):
            total += 1
            if all(abs(row[x + i] - colour[i]) <= tol for i in range(3)):
                hit += 1
    return hit / max(total, 1)


def main():
    path = sys.argv[1]
    _, _, bpp, rows = decode(path)
    sea, land = share(rows, bpp, SEA), share(rows, bpp, FOCUS_LAND)
    print(f"{path}: sea covers {sea:.0%}, the four countries' land {land:.0%}")
    if sea < 0.05 or land < 0.02:
        raise SystemExit(f"{path}: the map is not shown (sea {sea:.1%}, focus land {land:.1%})")


if __name__ == "__main__":
    main()
