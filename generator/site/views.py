"""What a site's planned pages hold: the view models that plan.py makes and the templates lay out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..catalogue import SiteEntry
from ..presentation.labels import Labels
from ..presentation.text import Text


@dataclass(frozen=True)
class Card:
    url: str  # relative to the language root
    name: Text
    summary: Text
    kind: str
    badge: str = ""
    stars: int = 0
    image: str = ""  # its photo or its kind's cover, relative to the language root


@dataclass(frozen=True)
class Fact:
    label: str
    values: tuple[str, ...]
    lang: str = ""  # set when the values are in another language than the page


@dataclass(frozen=True)
class Picture:
    """A photo for a <picture>: srcsets in WebP and JPEG, the fallback, the size that reserves its space."""

    webp: str
    jpeg: str
    src: str
    width: int
    height: int


@dataclass(frozen=True)
class Group:
    title: str
    cards: tuple[Card, ...]
    anchor: str = ""


@dataclass(frozen=True)
class Tile:
    label: str
    url: str
    count: int


@dataclass(frozen=True)
class PlannedPage:
    path: str  # the Markdown file inside the docs folder
    url: str  # relative to the language root, "" for the home page
    template: str
    title: str
    description: str
    view: Any
    jsonld: dict[str, Any] | None = None
    og_type: str = "website"
    in_nav: bool = False
    og_image: str = ""  # absolute; the site's card when empty
    og_image_size: tuple[int, int] = (1200, 630)
    search_text: str = ""  # what the search finds the page by besides its title; its description when empty


@dataclass(frozen=True)
class SitePlan:
    site: SiteEntry
    lang: str
    pages: tuple[PlannedPage, ...]
    nav: tuple[tuple[str, str], ...]
    labels: Labels = field(compare=False, repr=False, default=None)  # type: ignore[assignment]
    files: tuple[tuple[str, bytes], ...] = ()  # other files of the docs folder, by path: the events' calendar
