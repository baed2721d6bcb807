"""The itinerary map for print: vector SVG drawn from the stops' coordinates.

No tiles and no network. The map shows, inside a frame:
- each day's stops joined in visiting order, one colour per day;
- numbered markers at the stops' own points: stops at (nearly) one point share
  one marker that lists their numbers ("4, 5"), in segments of their days'
  colours, instead of being moved off their place;
- a dashed ring round a marker whose position is an area's reference point
  (or approximate), which a line of the legend explains;
- the start, labelled, and the hotel (a bed on a dark square);
- the project's towns (content/_places/towns.yml) that fall inside the frame:
  a town's name goes beside its dot where it covers no marker and no other
  name (beside the marker, without a dot, when a stop stands on the town),
  preferably off the routes; a town that finds no such place is left out;
  cities go first;
- a north arrow; below the frame, a legend of the days and a scale bar.
There is no province outline: PyPI and Debian package no openly licensed
boundary of Vietnam's provinces (Debian's Natural Earth data, for R, has the
provinces of a few large countries only), and the tool fetches nothing.

WeasyPrint draws SVG text letter by letter, which breaks scripts that join or
stack letters (Khmer, Lao): a brochure in such a script passes no day names,
start or ring explanation, and prints that legend in HTML under the map.

Pure and deterministic: numbers and names in, SVG markup out, every text
escaped (html.escape), the same input giving the same bytes. Text widths are
estimated (the SVG is laid out before any font is at hand), generously.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Sequence

from ..places import distance_km
from .map_layout import GAP, Box, Segment, overlaps, place_name, text_width

WIDTH = 1000  # SVG units across, by default; the figure is scaled to the page's width, so a narrower
# map (A5's) prints its names and markers larger against it
ASPECT = 0.6  # the frame's height to its width
INSET = 64  # between the outermost stops and the frame: room for markers and names
MIN_SPAN = 0.12  # degrees (about 13 km): the least a map shows, however close its stops
R = 16  # a marker's radius
HOTEL = 15  # half the side of the hotel's square

INK, PAPER, EDGE, WHITE = "#2b1a14", "#f6f1e7", "#b9a98f", "#ffffff"
# One colour per day, in order (then again): dark enough for white numbers, told
# apart by lightness and hue (red-brown, blue, bluish green, purple, ochre...).
DAY_COLOURS = ("#8c2f1b", "#1f5fa6", "#00806a", "#8e3f86", "#a86400", "#3b4a5a", "#5a7d1a")
TOWN_STYLE = {  # rank: (font size, weight, text colour, dot radius)
    1: (25, 700, "#262626", 6.5),
    2: (22, 600, "#3a3a3a", 5.5),
    3: (19, 400, "#555555", 4.0),
}
LEGEND_SIZE = 19


@dataclass(frozen=True)
class MapStop:
    number: int  # as printed in the programme
    day: int  # 0 for the first day
    lat: float
    lon: float
    approximate: bool = False  # the point stands for an area, or is approximate


@dataclass(frozen=True)
class MapTown:
    name: str  # in the brochure's language
    lat: float
    lon: float
    rank: int = 2  # 1 city, 2 town, 3 smaller town


@dataclass(frozen=True)
class MapLabels:
    """The words of the map, in the brochure's language."""

    title: str  # the map's accessible name
    days: tuple[str, ...]  # "Day 1", "Day 2"... one per day of the visit; none: no legend of the days
    start: str  # "": the start is not named on the map
    approximate: str  # what a dashed ring means; "": not explained below the map
    hotel: str = ""  # what the hotel's marker is called in the legend; "": not named below the map
    fonts: str = "Noto Sans, sans-serif"


def day_colour(day: int) -> str:
    return DAY_COLOURS[day % len(DAY_COLOURS)]


@dataclass(frozen=True)
class _View:
    """An equirectangular view, squeezed by the cosine of the middle latitude: true to scale at this size."""

    lat0: float
    lon0: float
    scale: float  # SVG units per degree of latitude
    squeeze: float
    width: float
    height: float

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return self.width / 2 + (lon - self.lon0) * self.squeeze * self.scale, self.height / 2 - (lat - self.lat0) * self.scale

    def km_across(self) -> float:
        half = self.width / 2 / (self.squeeze * self.scale)
        return distance_km((self.lat0, self.lon0 - half), (self.lat0, self.lon0 + half))


def _view(stops: Sequence[MapStop], width: float, hotel: tuple[float, float] | None = None) -> _View:
    height = round(width * ASPECT)
    lats, lons = [s.lat for s in stops], [s.lon for s in stops]
    if hotel:
        lats, lons = [*lats, hotel[0]], [*lons, hotel[1]]
    lat0, lon0 = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    squeeze = math.cos(math.radians(lat0))
    span_x = max((max(lons) - min(lons)) * squeeze, MIN_SPAN)
    span_y = max(max(lats) - min(lats), MIN_SPAN)
    return _View(lat0, lon0, min((width - 2 * INSET) / span_x, (height - 2 * INSET) / span_y), squeeze, width, height)


# ---------------------------------------------------------------- markers


@dataclass
class _Marker:
    stops: list[MapStop]
    x: float
    y: float

    def segments(self) -> list[tuple[int, str]]:
        """(day, numbers) runs in visiting order: '4, 5', '1–4' for three or more in a row."""
        runs: list[tuple[int, list[int]]] = []
        for stop in sorted(self.stops, key=lambda s: s.number):
            if runs and runs[-1][0] == stop.day:
                runs[-1][1].append(stop.number)
            else:
                runs.append((stop.day, [stop.number]))
        return [(day, _numbers(numbers)) for day, numbers in runs]

    def widths(self) -> list[float]:
        parts = self.segments()
        if len(parts) == 1 and len(self.stops) == 1:
            return [max(2 * R, text_width(parts[0][1], 19, 700) + 12)]
        return [max(2 * R, text_width(text, 19, 700) + 18) for _, text in parts]

    def box(self, pad: float = 0) -> Box:
        half = sum(self.widths()) / 2
        return (self.x - half - pad, self.y - R - pad, self.x + half + pad, self.y + R + pad)

    @property
    def approximate(self) -> bool:
        return any(s.approximate for s in self.stops)


def _numbers(numbers: list[int]) -> str:
    out, i = [], 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{numbers[i]}–{numbers[j]}")
        else:
            out.extend(str(n) for n in numbers[i:j + 1])
        i = j + 1
    return ", ".join(out)


def group_stops(stops: Sequence[MapStop], view: _View) -> list[_Marker]:
    """Markers that would overlap become one, at the middle of their stops' points (closest pair first)."""
    points = {id(s): view.xy(s.lat, s.lon) for s in stops}
    markers = [_Marker([s], *points[id(s)]) for s in stops]
    while True:
        best: tuple[float, int, int] | None = None
        for i, a in enumerate(markers):
            for j in range(i + 1, len(markers)):
                b = markers[j]
                if overlaps(a.box(), b.box(), GAP):
                    d = math.hypot(a.x - b.x, a.y - b.y)
                    if best is None or d < best[0]:
                        best = (d, i, j)
        if best is None:
            return markers
        _, i, j = best
        members = sorted(markers[i].stops + markers[j].stops, key=lambda s: s.number)
        x = sum(points[id(s)][0] for s in members) / len(members)
        y = sum(points[id(s)][1] for s in members) / len(members)
        markers[i] = _Marker(members, x, y)
        del markers[j]


def _marker_svg(marker: _Marker) -> list[str]:
    out = []
    widths = marker.widths()
    total = sum(widths)
    x0, y0 = marker.x - total / 2, marker.y - R
    if marker.approximate:  # dashed ring: a reference point, not the place itself
        ring = 7
        out.append(f'<rect x="{x0 - ring:.1f}" y="{y0 - ring:.1f}" width="{total + 2 * ring:.1f}" height="{2 * (R + ring):.1f}" '
                   f'rx="{R + ring:.1f}" fill="none" stroke="{INK}" stroke-width="2.2" stroke-dasharray="5 4"/>')
    segments = marker.segments()
    # Drawn from the last segment to the first, each a capsule from the left end to its own right end.
    ends = [x0 + sum(widths[: k + 1]) for k in range(len(widths))]
    for k in reversed(range(len(segments))):
        day = segments[k][0]
        out.append(f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{ends[k] - x0:.1f}" height="{2 * R}" rx="{R}" '
                   f'fill="{day_colour(day)}" stroke="{WHITE}" stroke-width="3"/>')
    for k, (_, text) in enumerate(segments):
        middle = (ends[k] - widths[k] / 2) if len(segments) > 1 else marker.x
        out.append(f'<text x="{middle:.1f}" y="{marker.y + 6.5:.1f}" font-size="19" font-weight="700" fill="{WHITE}" '
                   f'text-anchor="middle">{escape(text)}</text>')
    return out


# ---------------------------------------------------------------- names


def _text_svg(x: float, baseline: float, align: str, text: str, size: float, weight: int, colour: str) -> list[str]:
    """A name with a halo of the map's paper under it, so that it reads across a route."""
    common = f'x="{x:.1f}" y="{baseline:.1f}" font-size="{size}" font-weight="{weight}" text-anchor="{align}"'
    return [
        f'<text {common} fill="{PAPER}" stroke="{PAPER}" stroke-width="5" stroke-linejoin="round">{escape(text)}</text>',
        f'<text {common} fill="{colour}">{escape(text)}</text>',
    ]


# ---------------------------------------------------------------- the map


def _nice_length(km: float) -> int:
    """A round scale-bar length no longer than `km`."""
    for length in (200, 100, 50, 20, 10, 5, 2, 1):
        if length <= km:
            return length
    return 1


def itinerary_svg(stops: Sequence[MapStop], towns: Sequence[MapTown], labels: MapLabels, width: int = WIDTH,
                  hotel: tuple[float, float] | None = None) -> str:
    """The route map; "" when no stop has a place on it.

    `width`: SVG units across. Names and markers keep their sizes in these
    units, so a smaller width prints them larger against the page (A5).
    `hotel`: where the delegation stays, marked with a bed.
    """
    if not stops:
        return ""
    view = _view(stops, width, hotel)
    w, h = view.width, view.height
    markers = group_stops(stops, view)
    of_stop = {id(s): m for m in markers for s in m.stops}
    inner: Box = (8, 8, w - 8, h - 8)  # where names may go

    body: list[str] = [f'<rect x="0" y="0" width="{w}" height="{h}" fill="{PAPER}"/>']

    # routes: each day's stops in visiting order, on a casing of the paper's colour that keeps crossings apart
    days = sorted({s.day for s in stops})
    routes: list[Segment] = []
    for day in days:
        path: list[tuple[float, float]] = []
        for stop in sorted((s for s in stops if s.day == day), key=lambda s: s.number):
            m = of_stop[id(stop)]
            if not path or path[-1] != (m.x, m.y):
                path.append((m.x, m.y))
        routes += list(zip(path, path[1:]))
        if len(path) > 1:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in path)
            body.append(f'<polyline points="{points}" fill="none" stroke="{PAPER}" stroke-width="11" '
                        f'stroke-linejoin="round" stroke-linecap="round"/>')
            body.append(f'<polyline points="{points}" fill="none" stroke="{day_colour(day)}" stroke-width="5" '
                        f'stroke-linejoin="round" stroke-linecap="round"/>')

    arrow: Box = (w - 52, 12, w - 14, 92)  # the north arrow, top right
    marker_boxes = [m.box(9 if m.approximate else 2) for m in markers]
    if hotel:
        hx, hy = view.xy(*hotel)
        marker_boxes.append((hx - HOTEL, hy - HOTEL, hx + HOTEL, hy + HOTEL))
    obstacles = [*marker_boxes, arrow]
    dots: list[str] = []
    names: list[str] = []

    # the start, named beside its marker, before any town takes the place
    first = min(stops, key=lambda s: s.number)
    start = of_stop[id(first)]
    spot = labels.start and place_name(start.box(9 if start.approximate else 3), 6, labels.start, 20, 700, obstacles, inner, routes)
    start_name: list[str] = []
    if spot:
        x, baseline, align, box = spot
        start_name = _text_svg(x, baseline, align, labels.start, 20, 700, day_colour(first.day))
        obstacles.append(box)

    # towns: cities first, then in the list's order; only those inside the frame with room for their name
    for _, town in sorted(enumerate(towns), key=lambda item: (item[1].rank, item[0])):
        size, weight, colour, radius = TOWN_STYLE.get(town.rank, TOWN_STYLE[3])
        x, y = view.xy(town.lat, town.lon)
        dot: Box = (x - radius, y - radius, x + radius, y + radius)
        if not (inner[0] <= dot[0] and inner[1] <= dot[1] and dot[2] <= inner[2] and dot[3] <= inner[3]):
            continue
        under = [box for box in marker_boxes if overlaps(dot, box, 1)]
        if any(overlaps(dot, other, 1) for other in obstacles if other not in under):
            continue  # under a name, or the arrow
        # A town under a marker is named beside the marker, which stands at the town.
        spot = place_name(under[0] if under else dot, 5, town.name, size, weight, obstacles, inner, routes)
        if not spot:
            continue
        lx, baseline, align, box = spot
        names += _text_svg(lx, baseline, align, town.name, size, weight, colour)
        obstacles.append(box)
        if under:
            continue
        obstacles.append(dot)
        if town.rank == 1:
            dots.append(f'<rect x="{dot[0]:.1f}" y="{dot[1]:.1f}" width="{2 * radius:.1f}" height="{2 * radius:.1f}" '
                        f'fill="{colour}" stroke="{PAPER}" stroke-width="2"/>')
        else:
            dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" stroke="{PAPER}" stroke-width="1.5"/>')

    body += dots + names
    if hotel:
        body += _hotel_svg(*view.xy(*hotel))
    for marker in markers:
        body += _marker_svg(marker)
    body += start_name

    ax, ay = arrow[0] + 19, arrow[1] + 6
    body.append(f'<polygon points="{ax},{ay} {ax - 13},{ay + 38} {ax},{ay + 29} {ax + 13},{ay + 38}" fill="{INK}"/>')
    body.append(f'<text x="{ax}" y="{ay + 66}" font-size="21" font-weight="700" fill="{INK}" text-anchor="middle">N</text>')
    body.append(f'<rect x="0.75" y="0.75" width="{w - 1.5}" height="{h - 1.5}" fill="none" stroke="{EDGE}" stroke-width="1.5"/>')

    legend, height = _legend(days, any(s.approximate for s in stops), bool(hotel), view, labels)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {height:.0f}" role="img" '
            f'aria-label="{escape(labels.title)}" font-family="{escape(labels.fonts)}">')
    return "\n".join([head, *body, *legend, "</svg>"])


def _lines(text: str, size: float, width: float) -> list[str]:
    """`text` broken between words into lines no wider than `width` (a long word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _hotel_svg(x: float, y: float, size: float = HOTEL) -> list[str]:
    """A bed on a dark square: where the delegation stays."""
    s = size
    return [
        f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" rx="3" fill="{INK}" '
        f'stroke="{WHITE}" stroke-width="2"/>',
        f'<rect x="{x - s * 0.62:.1f}" y="{y + s * 0.05:.1f}" width="{s * 1.24:.1f}" height="{s * 0.3:.1f}" fill="{WHITE}"/>',
        f'<rect x="{x - s * 0.62:.1f}" y="{y - s * 0.45:.1f}" width="{s * 0.16:.1f}" height="{s * 1.0:.1f}" fill="{WHITE}"/>',
        f'<rect x="{x - s * 0.36:.1f}" y="{y - s * 0.3:.1f}" width="{s * 0.34:.1f}" height="{s * 0.26:.1f}" rx="2" fill="{WHITE}"/>',
        f'<rect x="{x + s * 0.46:.1f}" y="{y - s * 0.05:.1f}" width="{s * 0.16:.1f}" height="{s * 0.5:.1f}" fill="{WHITE}"/>',
    ]


def _legend(days: list[int], approximate: bool, hotel: bool, view: _View, labels: MapLabels) -> tuple[list[str], float]:
    """Below the frame: the days' colours (wrapping) with the scale bar at the right, then what a dashed ring means."""
    out: list[str] = []
    w, row, top = view.width, 38, view.height + 14
    km = view.km_across()
    length = _nice_length(km / 5)
    bar = length / km * w
    scale_text = f"{length} km"
    right = w - bar - text_width(scale_text, LEGEND_SIZE) - 12  # where the scale bar starts
    x, y = 0.0, top
    for day in days if labels.days else ():  # no day names: the page prints the legend
        text = labels.days[day] if day < len(labels.days) else str(day + 1)
        width = 44 + text_width(text, LEGEND_SIZE)
        if x > 0 and x + width > (right - 24 if y == top else w):
            x, y = 0.0, y + row
        middle = y + row / 2
        colour = day_colour(day)
        out.append(f'<line x1="{x + 2:.1f}" y1="{middle:.1f}" x2="{x + 34:.1f}" y2="{middle:.1f}" stroke="{colour}" '
                   f'stroke-width="5" stroke-linecap="round"/>')
        out.append(f'<circle cx="{x + 18:.1f}" cy="{middle:.1f}" r="7" fill="{colour}" stroke="{WHITE}" stroke-width="2"/>')
        out.append(f'<text x="{x + 44:.1f}" y="{middle + 6.5:.1f}" font-size="{LEGEND_SIZE}" fill="{INK}">{escape(text)}</text>')
        x += width + 28
    if hotel and labels.hotel:
        width = 44 + text_width(labels.hotel, LEGEND_SIZE)
        if x > 0 and x + width > (right - 24 if y == top else w):
            x, y = 0.0, y + row
        middle = y + row / 2
        out += _hotel_svg(x + 18, middle, 12)
        out.append(f'<text x="{x + 44:.1f}" y="{middle + 6.5:.1f}" font-size="{LEGEND_SIZE}" fill="{INK}">'
                   f'{escape(labels.hotel)}</text>')
    middle = top + row / 2  # the scale bar, on the first row
    out.append(f'<rect x="{right:.1f}" y="{middle - 3:.1f}" width="{bar:.1f}" height="6" fill="{INK}"/>')
    for tick in (right, right + bar):
        out.append(f'<rect x="{tick - 1:.1f}" y="{middle - 8:.1f}" width="2" height="16" fill="{INK}"/>')
    out.append(f'<text x="{right + bar + 8:.1f}" y="{middle + 6.5:.1f}" font-size="{LEGEND_SIZE}" fill="{INK}">'
               f'{escape(scale_text)}</text>')
    y += row
    if approximate and labels.approximate:
        lines = _lines(labels.approximate, LEGEND_SIZE, w - 48)
        middle = y + row / 2
        out.append(f'<circle cx="18" cy="{middle:.1f}" r="8" fill="{EDGE}"/>')
        out.append(f'<circle cx="18" cy="{middle:.1f}" r="14" fill="none" stroke="{INK}" stroke-width="2.2" '
                   f'stroke-dasharray="5 4"/>')
        for k, line in enumerate(lines):
            out.append(f'<text x="44" y="{middle + 6.5 + k * 26:.1f}" font-size="{LEGEND_SIZE}" fill="{INK}">{escape(line)}</text>')
        y += row + (len(lines) - 1) * 26
    return out, y + 4
