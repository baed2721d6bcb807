"""The itinerary map for print: vector SVG drawn from the stops' coordinates.

No tiles and no network: numbered markers in visiting order joined by the
route, a few reference towns, a scale bar and a north arrow. Pure: numbers and
names in, SVG markup out (every text escaped).
"""

from __future__ import annotations

import math
from html import escape

from ..places import distance_km

WIDTH, HEIGHT, MARGIN = 1000, 620, 70
RED, INK, PAPER, TOWN = "#8c2f1b", "#2b1a14", "#f6f1e7", "#5f5f5f"


def _nice_length(km: float) -> int:
    """A round scale-bar length no longer than `km`."""
    for length in (100, 50, 20, 10, 5, 2, 1):
        if length <= km:
            return length
    return 1


def itinerary_svg(points: list[tuple[int, float, float]], towns: list[tuple[str, float, float]], title: str) -> str:
    """`points`: (number, lat, lon) in visiting order; `towns`: (name, lat, lon)."""
    if not points:
        return ""
    lats = [p[1] for p in points]
    lons = [p[2] for p in points]
    pad_lat = max(0.05, (max(lats) - min(lats)) * 0.15)
    pad_lon = max(0.05, (max(lons) - min(lons)) * 0.15)
    south, north, west, east = min(lats) - pad_lat, max(lats) + pad_lat, min(lons) - pad_lon, max(lons) + pad_lon
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x, span_y = (east - west) * squeeze, north - south
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
    off_x = (WIDTH - span_x * scale) / 2
    off_y = (HEIGHT - span_y * scale) / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return off_x + (lon - west) * squeeze * scale, off_y + (north - lat) * scale

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}" stroke="{INK}" stroke-width="2"/>',
    ]
    for name, lat, lon in towns:
        if south <= lat <= north and west <= lon <= east:
            x, y = xy(lat, lon)
            out.append(f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{TOWN}"/>')
            out.append(f'<text x="{x + 10:.1f}" y="{y + 6:.1f}" font-size="22" fill="{TOWN}">{escape(name)}</text>')

    placed: list[tuple[float, float]] = []
    spots = []
    for number, lat, lon in points:
        x, y = xy(lat, lon)
        while any(abs(x - px) < 30 and abs(y - py) < 30 for px, py in placed):  # stops at one reference point
            x += 34
        placed.append((x, y))
        spots.append((number, x, y))
    route = " ".join(f"{x:.1f},{y:.1f}" for _, x, y in spots)
    out.append(f'<polyline points="{route}" fill="none" stroke="{RED}" stroke-width="4" stroke-dasharray="12 8"/>')
    for number, x, y in spots:
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="17" fill="{RED}" stroke="#fff" stroke-width="3"/>')
        out.append(f'<text x="{x:.1f}" y="{y + 7:.1f}" font-size="20" font-weight="bold" fill="#fff" text-anchor="middle">{number}</text>')

    # scale bar, bottom left
    km_across = distance_km((south, west), (south, east))
    length = _nice_length(km_across / 4)
    bar = length / km_across * (span_x * scale)
    out.append(f'<rect x="{MARGIN - 40}" y="{HEIGHT - 46}" width="{bar:.1f}" height="8" fill="{INK}"/>')
    out.append(f'<text x="{MARGIN - 40}" y="{HEIGHT - 56}" font-size="20" fill="{INK}">{length} km</text>')
    # north arrow, top right
    ax, ay = WIDTH - 50, 40
    out.append(f'<polygon points="{ax},{ay} {ax - 14},{ay + 40} {ax},{ay + 30} {ax + 14},{ay + 40}" fill="{INK}"/>')
    out.append(f'<text x="{ax}" y="{ay + 66}" font-size="22" font-weight="bold" fill="{INK}" text-anchor="middle">N</text>')
    out.append("</svg>")
    return "\n".join(out)
