"""The catalogue's vocabularies, each defined once: kinds, recognition levels, OCOP groups.

Everything else derives from these tables: the models' allowed values (and so
the JSON Schema, the `new` templates and the docs), the order in which pages
and maps list them, the keys of their labels in the interface catalogues, the
colours of map markers (the theme's CSS is generated from them) and of the
drawn covers, and which kinds need a place on the map.

Order matters: a table lists its entries in the order visitors see them.
Adding a kind means adding a row here (and its labels to each language's
catalogue); adding a level or an OCOP group, the same.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Kind:
    name: str  # as records write it: `kind: archaeological-site`
    collection: str  # the folder under content/ and the first part of its pages' addresses
    located: bool  # needs coordinates and shows on maps (intangible heritage is province-wide)
    colour: str  # map markers and the dots of the map's layer control
    cover: tuple[RGB, RGB, RGB]  # a drawn cover's background, motif and accent text
    motif: str  # what a drawn cover shows (presentation/covers.py draws each)

    @property
    def label(self) -> str:
        """Key of one record's kind in the interface catalogues ("Historical relic")."""
        return f"kind.{self.name}"

    @property
    def plural(self) -> str:
        """Key of the kind as a heading for several ("Historical relics")."""
        return f"kinds.{self.name}"


@dataclass(frozen=True)
class Level:
    name: str  # as designations write it: `level: national`
    group: str  # the browse page it is listed under: <lang>/levels/<group>/
    mentions: str = ""  # how prose names it, in Vietnamese or English (a regular expression, any case)

    @property
    def label(self) -> str:
        return f"level.{self.name}"


@dataclass(frozen=True)
class Category:
    name: str  # one of the six OCOP product groups

    @property
    def label(self) -> str:
        return f"category.{self.name}"


KINDS: tuple[Kind, ...] = (
    Kind("archaeological-site", "heritage", True, "#7a4a00", ((94, 58, 24), (128, 84, 40), (244, 213, 141)), "strata"),
    Kind("historical-relic", "heritage", True, "#8c2f1b", ((140, 47, 27), (168, 70, 46), (247, 214, 140)), "rays"),
    Kind("intangible-heritage", "heritage", False, "#5a3a7a", ((70, 44, 96), (100, 70, 130), (240, 206, 120)), "gong"),
    Kind("natural-heritage", "heritage", True, "#2e6b3a", ((34, 84, 50), (52, 112, 70), (214, 236, 170)), "ridges"),
    Kind("ocop-product", "products", True, "#1f5f8b", ((24, 76, 112), (40, 102, 146), (255, 214, 102)), "stars"),
    # Events happen at a place (a record, or a location of their own) and at a time: no map marker of their own.
    Kind("festival", "events", False, "#9c3d00", ((150, 58, 12), (184, 88, 34), (255, 222, 150)), "gong"),
    Kind("ceremony", "events", False, "#6b4a1f", ((96, 64, 30), (128, 92, 50), (246, 220, 160)), "gong"),
    Kind("anniversary", "events", False, "#7d1f2c", ((120, 30, 44), (150, 56, 70), (250, 214, 150)), "rays"),
    Kind("exhibition", "events", False, "#3f4f7a", ((56, 70, 110), (82, 98, 140), (236, 220, 170)), "strata"),
    Kind("performance", "events", False, "#5a2e6e", ((86, 44, 104), (114, 70, 134), (244, 206, 130)), "gong"),
    Kind("fair", "events", False, "#2f6a5a", ((40, 96, 82), (62, 124, 106), (240, 224, 150)), "stars"),
)

# Highest recognition first: a record is listed under the highest level it holds.
LEVELS: tuple[Level, ...] = (
    Level("unesco-world-heritage", "unesco", r"world heritage site|di sản (văn hóa |thiên nhiên )?thế giới"),
    Level("unesco-intangible", "unesco",
          r"intangible cultural heritage of humanity|representative list|phi vật thể đại diện (của|cho) nhân loại"),
    Level("unesco-biosphere", "unesco", r"biosphere reserve|dự trữ sinh quyển"),
    Level("asean-heritage-park", "asean", r"asean heritage park|vườn di sản asean"),
    Level("national-treasure", "national-treasure", r"national treasure|bảo vật quốc gia"),  # an object or collection
    Level("special-national", "special-national", r"special national|quốc gia đặc biệt"),
    Level("national", "national",
          r"(?<!special )national (historic(al)? |scenic |architectural |archaeological )?(relic|monument)"
          r"|national intangible|di tích (lịch sử |danh lam thắng cảnh |kiến trúc nghệ thuật )?(cấp )?quốc gia(?! đặc biệt)"
          r"|di sản văn hóa phi vật thể quốc gia"),
    Level("provincial", "provincial", r"provincial (historic(al)? |scenic )?(relic|monument)|di tích (lịch sử )?cấp tỉnh"),
)

CATEGORIES: tuple[Category, ...] = tuple(
    Category(name) for name in ("food", "beverage", "herbal", "handicraft", "ornamental", "rural-tourism")
)

# What an item of a visit's timed programme is; a `visit` item names a record.
PROGRAMME_ITEMS: tuple[str, ...] = (
    "arrival", "courtesy-call", "meeting", "talks", "signing", "visit", "performance", "meal", "travel", "free-time",
    "departure",
)

# Viet Nam's emergency numbers, each with the key of what it is called; every visit's brochure prints them.
EMERGENCY_NUMBERS: tuple[tuple[str, str], ...] = (
    ("113", "emergency_police"), ("114", "emergency_fire"), ("115", "emergency_ambulance"),
)

# Who a contact of a visit is, for the delegation.
CONTACT_KINDS: tuple[str, ...] = ("liaison", "interpreter", "hotel", "transport", "medical", "other")

# Kinds whose yearly occurrences are counted from their `since` year: "the 60th anniversary".
COUNTED_KINDS = frozenset({"anniversary"})

KIND = {kind.name: kind for kind in KINDS}
LEVEL = {level.name: level for level in LEVELS}
CATEGORY = {category.name: category for category in CATEGORIES}
LEVEL_GROUPS: tuple[str, ...] = tuple(dict.fromkeys(level.group for level in LEVELS))  # in order, once each
KIND_COLLECTION: dict[str, str] = {kind.name: kind.collection for kind in KINDS}


def kinds_of(collection: str) -> tuple[str, ...]:
    return tuple(kind.name for kind in KINDS if kind.collection == collection)


def is_located(kind: str) -> bool:
    """Whether records of this kind need a place on the map."""
    return KIND[kind].located


def highest_level(levels) -> str | None:
    """The highest of some designation levels, or None."""
    held = set(levels)
    return next((level.name for level in LEVELS if level.name in held), None)


def level_rank(level: str | None) -> int:
    """0 for the highest level; a record without designations ranks last."""
    return [entry.name for entry in LEVELS].index(level) if level else len(LEVELS)


def marker_css() -> str:
    """The theme's colours of map markers and layer-control dots, one rule per kind."""
    return "".join(
        f".hs-marker--{kind.name}, .hs-dot--{kind.name} {{ background: {kind.colour}; }}\n" for kind in KINDS if kind.located
    )
