"""The kinds' cover motifs, each drawn once as shapes: SVG for pages and cards, Pillow for sharing images.

A motif (named by the vocabulary's kind, models/vocabulary.py) is a list of
plain shapes on a 1200×630 canvas: rings of a gong for intangible heritage,
strata with a hand-axe for archaeology, a memorial's rays for history, the
highland's ridges for nature, an OCOP badge's stars for products. Pages show
the SVG (crisp at any size, a few hundred bytes, one file per kind for the
whole site); only the sharing image, which social networks read as a JPEG,
is drawn with Pillow from the same shapes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import ImageDraw

from ..models.vocabulary import RGB, Kind

WIDTH, HEIGHT = 1200, 630
Point = tuple[float, float]


@dataclass(frozen=True)
class Ring:
    centre: Point
    radius: float
    width: float = 0  # 0: a filled disc


@dataclass(frozen=True)
class Stroke:
    start: Point
    end: Point
    width: float


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]


Shape = Ring | Stroke | Polygon


def _gong(cx: float, cy: float) -> list[Shape]:
    return [*(Ring((cx, cy), radius, 7) for radius in range(40, 420, 38)), Ring((cx, cy), 40)]


def _strata(cx: float, cy: float) -> list[Shape]:  # with a hand-axe
    layers = [Stroke((WIDTH - 520, y + 12 * math.sin(index)), (WIDTH, y - 8), 14) for index, y in enumerate(range(40, HEIGHT, 70))]
    return [*layers, Polygon(((cx, cy - 150), (cx + 70, cy + 60), (cx, cy + 150), (cx - 70, cy + 60)))]


def _rays(cx: float, cy: float) -> list[Shape]:  # a memorial's
    rays = [Stroke((cx, cy), (cx + 420 * math.cos(step * math.pi / 12), cy + 420 * math.sin(step * math.pi / 12)), 10)
            for step in range(24)]
    return [*rays, Polygon(((cx - 45, cy - 160), (cx + 45, cy - 160), (cx + 45, cy + 160), (cx - 45, cy + 160)))]


def _ridges(cx: float, cy: float) -> list[Shape]:  # highland
    return [Polygon(((x, HEIGHT), (x + 220, HEIGHT - height), (x + 440, HEIGHT)))
            for x, height in ((WIDTH - 620, 330), (WIDTH - 480, 260), (WIDTH - 340, 360))]


def _stars(cx: float, cy: float) -> list[Shape]:  # an OCOP badge
    def star(x: float) -> Polygon:
        return Polygon(tuple((x + (24 if corner % 2 == 0 else 10) * math.cos(math.pi * corner / 5 - math.pi / 2),
                              cy + (24 if corner % 2 == 0 else 10) * math.sin(math.pi * corner / 5 - math.pi / 2))
                             for corner in range(10)))
    return [Ring((cx, cy), 150, 14), *(star(cx - 100 + index * 50) for index in range(5))]


# The motifs that the vocabulary's kinds name.
MOTIFS = {"gong": _gong, "strata": _strata, "rays": _rays, "ridges": _ridges, "stars": _stars}


def motif_shapes(kind: Kind) -> list[Shape]:
    return MOTIFS[kind.motif](WIDTH - 170, HEIGHT // 2)


def draw_shapes(draw: ImageDraw.ImageDraw, shapes: list[Shape], colour: RGB) -> None:
    for shape in shapes:
        if isinstance(shape, Ring):
            (x, y), r = shape.centre, shape.radius
            box = (x - r, y - r, x + r, y + r)
            draw.ellipse(box, outline=colour, width=int(shape.width)) if shape.width else draw.ellipse(box, fill=colour)
        elif isinstance(shape, Stroke):
            draw.line([shape.start, shape.end], fill=colour, width=int(shape.width))
        else:
            draw.polygon(shape.points, fill=colour)


def _hex(colour: RGB) -> str:
    return "#%02x%02x%02x" % colour


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def cover_svg(kind: Kind) -> str:
    """The kind's cover as an SVG document: its colours and motif, no text (the page prints the name).

    Cropped from the left when shown in a wider frame (a page's header band), so that the motif stays.
    """
    background, motif, _ = kind.cover
    parts = []
    for shape in motif_shapes(kind):
        if isinstance(shape, Ring):
            (x, y), r = shape.centre, shape.radius
            paint = f'fill="none" stroke-width="{_n(shape.width)}"' if shape.width else 'stroke="none"'
            parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r - shape.width / 2)}" {paint}/>')
        elif isinstance(shape, Stroke):
            (x1, y1), (x2, y2) = shape.start, shape.end
            parts.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke-width="{_n(shape.width)}"/>')
        else:
            parts.append('<polygon points="' + " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points) + '" stroke="none"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" preserveAspectRatio="xMaxYMid slice">'
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{_hex(background)}"/>'
            f'<g fill="{_hex(motif)}" stroke="{_hex(motif)}">' + "".join(parts) + "</g></svg>\n")
