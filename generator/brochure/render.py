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
from ..models.vocabulary import EMERGENCY_NUMBERS, KIND
from ..output import PDF_CREATOR
from ..presentation.markdown import markdown_to_safe_html
from .plan import BrochurePlan
from .print_map import MapLabels, MapStop, MapTown, day_colour, itinerary_svg

TEMPLATES = Path(__file__).parent.parent / "templates" / "brochure"
PAPER = {"A4": (210, 297), "A5": (148, 210)}
MAP_WIDTH = {"A4": 1000, "A5": 720}  # the route map's units across: A5 prints its names and markers larger
IMAGE_URL = "heritage-image:"  # + a record id: see _fetcher
SHEET = 4  # pages on one folded sheet of a booklet
FOLLOWERS = ("gifts", "contacts")  # the anchors of what may follow the last stop
TRIES = 3  # layouts with whole texts before giving up on them: each one drops the stops that no longer fit
SVG_SCRIPTS = {"Latn", "Cyrl", "Grek"}  # scripts whose letters WeasyPrint's SVG text draws right one by one


def qr_svg(url: str) -> Markup:
    """A QR code as inline SVG: sharp at any print size."""
    return Markup(segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True))


def render_html(plan: BrochurePlan, images: Mapping[str, Path], towns: Sequence[Town], css: str, bleed: bool = False,
                notes: int = 0, whole: frozenset[str] = frozenset()) -> str:
    """The brochure as HTML for WeasyPrint.

    `notes`: blank note pages before the back cover; `whole`: the anchors of the
    stops that have a page to themselves, which print their whole description.
    """
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
        kind_colour=lambda kind: KIND[kind].colour, emergency=EMERGENCY_NUMBERS,  # a stop's rule, as its marker on the website's map
        notes=notes, whole=whole, legend_in_page=map_legend_in_page(plan),
        approximate=any(s.approximate for day in plan.days for s in day.stops if s.number),
    )


def route_map(plan: BrochurePlan, towns: Sequence[Town]) -> str:
    """The visit's route map: its days' located stops, and the project's towns named in the brochure's language.

    In a script that SVG text cannot shape (see print_map), the map carries no
    words of the language: the towns keep their English names and the page
    prints the legend (`map_legend_in_page`).
    """
    stops = [MapStop(s.number, day, *s.coordinates, s.approximate)
             for day, today in enumerate(plan.days) for s in today.stops if s.number and s.coordinates]
    in_svg = not map_legend_in_page(plan)
    labels = MapLabels(
        plan.labels("brochure_route"),
        tuple(plan.labels("brochure_day", n=n) for n in range(1, len(plan.days) + 1)) if in_svg else (),
        plan.labels("brochure_map_start") if in_svg else "",
        plan.labels("brochure_map_approximate") if in_svg else "",
        hotel=plan.labels("contact.hotel") if in_svg else "",
        fonts=", ".join([*language(plan.lang).fonts, "sans-serif"]),
    )
    towns_here = [MapTown(t.name_in(plan.lang if in_svg else "en"), *t.coordinates, t.rank) for t in towns]
    return itinerary_svg(stops, towns_here, labels, MAP_WIDTH[plan.paper], plan.hotel)


def map_legend_in_page(plan: BrochurePlan) -> bool:
    """Whether the route map's legend is printed in the page rather than drawn in the map."""
    return language(plan.lang).script not in SVG_SCRIPTS


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


def _stop_pages(document) -> dict[str, tuple[int, int]]:
    """Each stop's anchor: the page it starts on, and the page where what follows it starts."""
    at: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:  # a stop that runs over keeps its anchor on each of its pages: the first counts
            at.setdefault(name, number)
    order = sorted((number, name) for name, number in at.items() if name.startswith("stop-") or name in FOLLOWERS)
    return {name: (number, following) for (number, name), (following, _) in zip(order, order[1:]) if name.startswith("stop-")}


def _alone(document) -> frozenset[str]:
    """The stops that start a page and leave the rest of it empty: those may print their whole text."""
    pages = _stop_pages(document)
    starts = [number for number, _ in pages.values()]
    return frozenset(name for name, (number, following) in pages.items() if starts.count(number) == 1 and following == number + 1)


def write_pdf(compose: Callable[[int, frozenset[str]], str], out: Path, images: Mapping[str, Path]) -> None:
    """The PDF of `compose(notes, whole)`, with as many note pages as make its page count a multiple of four.

    Laid out twice as a rule: once with short texts, to count the pages and see
    which stops have a page to themselves; then with those stops' whole text and
    the note pages, which is the one printed if every such stop still fits its
    page and nothing else moved. Otherwise the stops that no longer fit drop
    their whole text and it is laid out again (at most TRIES times, then none
    keeps it).
    """
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # font-config chatter is not the editor's business
    partial = out.with_name(out.name + ".partial")
    out.parent.mkdir(parents=True, exist_ok=True)
    options = {"pdf_variant": "pdf/ua-1", "uncompressed_pdf": False}

    def layout(notes: int, whole: frozenset[str]):
        return HTML(string=compose(notes, whole), url_fetcher=_fetcher(images)).render(**options)

    short = layout(0, frozenset())
    notes = -len(short.pages) % SHEET  # a folded booklet's sheets carry four pages each: note pages fill the last
    document = None
    whole = _alone(short)
    for _ in range(TRIES):
        if not whole:
            break
        longer = layout(notes, whole)
        pages = _stop_pages(longer)
        fits = frozenset(name for name in whole if pages[name][1] == pages[name][0] + 1)
        if fits == whole:
            if len(longer.pages) == len(short.pages) + notes:  # nothing else was pushed on
                document = longer
            break
        whole = fits
    if document is None:
        document = layout(notes, frozenset()) if notes else short
    document.metadata.generator = PDF_CREATOR  # how `heritage brochure --out` knows a file it may replace
    try:
        document.write_pdf(partial, **options)
        partial.replace(out)  # never half a brochure at the published path
    finally:
        partial.unlink(missing_ok=True)  # stopped or failed while writing
