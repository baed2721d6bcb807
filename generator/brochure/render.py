"""Rendering a brochure plan to a print-ready PDF: Jinja2 HTML, print CSS, WeasyPrint.

Fonts come from the system (Debian's fonts-noto-core: Noto Sans with Khmer and
Lao) and are embedded and subset by WeasyPrint. The PDF is tagged (PDF/UA),
carries its title, author and language, and has page numbers; `bleed` adds
3 mm of bleed with crop marks for a print shop. QR codes and the itinerary map
are vector graphics.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Mapping, Sequence

import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..languages import language
from ..models.towns import Town
from ..output import PDF_CREATOR
from ..presentation.markdown import markdown_to_safe_html
from .plan import BrochurePlan
from .print_map import MapLabels, MapStop, MapTown, day_colour, itinerary_svg

TEMPLATES = Path(__file__).parent.parent / "templates" / "brochure"
PAPER = {"A4": (210, 297), "A5": (148, 210)}
MAP_WIDTH = {"A4": 1000, "A5": 720}  # the route map's units across: A5 prints its names and markers larger
IMAGE_URL = "heritage-image:"  # + a record id: see _fetcher
SHEET = 4  # pages on one folded sheet of a booklet


def qr_svg(url: str) -> Markup:
    """A QR code as inline SVG: sharp at any print size."""
    return Markup(segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True))


def render_html(plan: BrochurePlan, images: Mapping[str, Path], towns: Sequence[Town], css: str, bleed: bool = False,
                notes: int = 0) -> str:
    """The brochure as HTML for WeasyPrint; `notes` blank note pages go before the last page."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["markdown"] = lambda text: Markup(markdown_to_safe_html(text))
    env.filters["qr"] = qr_svg
    width, height = PAPER[plan.paper]
    page_css = f"@page {{ size: {width}mm {height}mm; {'bleed: 3mm; marks: crop;' if bleed else ''} }}"
    route = Markup(route_map(plan, towns)) if plan.days else Markup("")
    image_urls = {key: IMAGE_URL + key for key in images}
    return env.get_template("brochure.html.j2").render(
        plan=plan, t=plan.labels, css=Markup(css + "\n" + page_css), route=route, images=image_urls,
        day_colour=day_colour,  # a day's numbers in its colour on the map
        notes=notes,
    )


def route_map(plan: BrochurePlan, towns: Sequence[Town]) -> str:
    """The visit's route map: its days' located stops, and the project's towns named in the brochure's language."""
    stops = [MapStop(s.number, day, *s.coordinates, s.approximate)
             for day, today in enumerate(plan.days) for s in today.stops if s.number and s.coordinates]
    labels = MapLabels(
        plan.labels("brochure_route"), tuple(plan.labels("brochure_day", n=n) for n in range(1, len(plan.days) + 1)),
        plan.labels("brochure_map_start"), plan.labels("brochure_map_approximate"),
        ", ".join([*language(plan.lang).fonts, "sans-serif"]),
    )
    towns_here = [MapTown(t.name_in(plan.lang), *t.coordinates, t.rank) for t in towns]
    return itinerary_svg(stops, towns_here, labels, MAP_WIDTH[plan.paper])


def _fetcher(images: Mapping[str, Path]):
    """WeasyPrint's only source of files: the brochure's own images, by record id.

    Their addresses name no folder, so the PDF (WeasyPrint names each image
    after its address) is the same wherever the project lies; and nothing
    else, from the network or the disk, can be loaded into a brochure.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class BrochureImages(URLFetcher):
        def fetch(self, url: str, headers=None) -> URLFetcherResponse:
            key = url.removeprefix(IMAGE_URL)
            if not (url.startswith(IMAGE_URL) and key in images):
                raise ValueError(f"a brochure loads only its own images, not {url}")
            kind = "image/webp" if images[key].suffix == ".webp" else "image/jpeg"
            return URLFetcherResponse(url, images[key].read_bytes(), {"Content-Type": kind})

    return BrochureImages(fail_on_errors=True)


def write_pdf(compose: Callable[[int], str], out: Path, images: Mapping[str, Path]) -> None:
    """The PDF of `compose(notes)`, with as many note pages as make its page count a multiple of four."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # font-config chatter is not the editor's business
    partial = out.with_name(out.name + ".partial")
    out.parent.mkdir(parents=True, exist_ok=True)
    options = {"pdf_variant": "pdf/ua-1", "uncompressed_pdf": False}
    document = HTML(string=compose(0), url_fetcher=_fetcher(images)).render(**options)
    missing = -len(document.pages) % SHEET
    if missing:  # a folded booklet's sheets carry four pages each: fill the last one with note pages
        document = HTML(string=compose(missing), url_fetcher=_fetcher(images)).render(**options)
    document.metadata.generator = PDF_CREATOR  # how `heritage brochure --out` knows a file it may replace
    try:
        document.write_pdf(partial, **options)
        partial.replace(out)  # never half a brochure at the published path
    finally:
        partial.unlink(missing_ok=True)  # stopped or failed while writing
