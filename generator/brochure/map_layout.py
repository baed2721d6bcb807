"""Where a name fits on the print map: boxes, text widths, and the places beside a point.

Pure geometry in SVG units, apart from any map: the route map (print_map.py)
asks it where each name can go without covering a marker, another name or the
frame, preferably off the routes.
"""

from __future__ import annotations

import unicodedata
from typing import Sequence

GAP = 4  # the least space between two markers, or a marker and a name

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def overlaps(a: Box, b: Box, gap: float = 0) -> bool:
    return a[0] - gap < b[2] and b[0] - gap < a[2] and a[1] - gap < b[3] and b[1] - gap < a[3]


# Advance widths of Noto Sans Regular, in thousandths of the font size (Bold is about 5 % wider).
_ADVANCE = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.;:'’·–-()",
    (561, 615, 480, 615, 564, 344, 615, 618, 258, 258, 534, 258, 935, 618, 605, 615, 615, 413, 479, 361, 618, 508, 786,
     529, 510, 470, 639, 650, 632, 730, 556, 519, 728, 741, 339, 273, 619, 524, 907, 760, 781, 605, 781, 622, 549, 556,
     731, 600, 930, 586, 566, 572, *[572] * 10, 260, 268, 268, 268, 268, 225, 175, 268, 500, 322, 300, 300),
))
_BASE = {"đ": "d", "Đ": "D"}


def text_width(text: str, size: float, weight: int = 400) -> float:
    """The width of `text` in Noto Sans, a little generous; a letter with diacritics counts as its base letter."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        base = _BASE.get(char) or unicodedata.normalize("NFD", char)[0]
        width += _ADVANCE.get(base, 900)  # other scripts and symbols: about a square each
    return width / 1000 * size * (1.06 if weight >= 600 else 1.0) * 1.04


Segment = tuple[tuple[float, float], tuple[float, float]]


def _crosses(segment: Segment, box: Box) -> bool:
    """Whether a straight line from one point to another passes through `box` (Liang-Barsky clipping)."""
    (x1, y1), (x2, y2) = segment
    low, high = 0.0, 1.0
    for p, q in ((x1 - x2, x1 - box[0]), (x2 - x1, box[2] - x1), (y1 - y2, y1 - box[1]), (y2 - y1, box[3] - y1)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            low = max(low, q / p)
        else:
            high = min(high, q / p)
    return low <= high


def place_name(anchor: Box, gap: float, text: str, size: float, weight: int, obstacles: list[Box],
           frame: Box, routes: Sequence[Segment] = ()) -> tuple[float, float, str, Box] | None:
    """Where a name fits beside `anchor` (right, left, above, below...): (x, baseline, text-anchor, its box).

    A place off the routes is preferred; a name may cross a route (its halo keeps it legible),
    never a marker, another name or the frame.
    """
    width = text_width(text, size, weight)
    up, down = 0.98 * size, 0.3 * size  # above and below the baseline, with Vietnamese diacritics
    x0, y0, x1, y1 = anchor
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    middle = cy + (up - down) / 2
    candidates = [
        (x1 + gap, middle, "start"),
        (x0 - gap, middle, "end"),
        (x1 + gap * 0.6, y0 - gap * 0.4, "start"),
        (x1 + gap * 0.6, y1 + gap * 0.4 + up, "start"),
        (cx, y0 - gap - down, "middle"),
        (cx, y1 + gap + up, "middle"),
        (x0 - gap * 0.6, y0 - gap * 0.4, "end"),
        (x0 - gap * 0.6, y1 + gap * 0.4 + up, "end"),
    ]
    fitting = []
    for x, baseline, align in candidates:
        left = x if align == "start" else x - width if align == "end" else x - width / 2
        box = (left, baseline - up, left + width, baseline + down)
        inside = frame[0] <= box[0] and frame[1] <= box[1] and box[2] <= frame[2] and box[3] <= frame[3]
        if inside and not any(overlaps(box, other, GAP) for other in obstacles):
            fitting.append((x, baseline, align, box))
    clear = [spot for spot in fitting if not any(_crosses(segment, spot[3]) for segment in routes)]
    return (clear or fitting or [None])[0]
