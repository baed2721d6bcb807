"""The maps stage: the overview map of a site (folium), and the data of record maps.

folium writes the overview map's Leaflet skeleton: the map, one marker-cluster
group, one switchable layer per kind, the layer control, and the fit to the
site's records. It never sees a text: branca renders each element's script and
then parses the result again as a template, so any text handed to folium (a
record's name, a site's tile address or attribution) would run as Jinja on the
build machine. Everything that comes from content or from the label catalogue
is therefore published once, as JSON in a data block of the page
(`OverviewMap.data`), and the shared script reads it from there.

What folium would load from CDNs (Leaflet, Bootstrap, jQuery, Font Awesome) is
not used: the page loads Leaflet and the cluster plugin from the site itself,
and only folium's map element and script are placed into the page. folium's
random ids are replaced by a counter, so the same catalogue gives the same bytes.

Markers, popups, the tile layer and the layer control's names are made in the
browser by one shared script (generator/theme/assets/javascripts/heritage-map.js)
from compact rows of data; popups are built with textContent and the names that
Leaflet shows as HTML (attribution, layer names) are escaped first, so no
content becomes markup. Record pages do not use folium: each carries its point
and its neighbours as data, and the shared script draws a small map once it
scrolls into view.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any

import folium
from branca.element import MacroElement
from folium.map import Layer
from folium.plugins import MarkerCluster
from folium.template import Template

from ..catalogue import RecordEntry
from ..models.vocabulary import KINDS
from ..places import distance_km

# Kinds in the order the layer control lists them: those that have a place.
MAP_KINDS = tuple(kind.name for kind in KINDS if kind.located)
NEIGHBOURS = 5
NEIGHBOUR_KM = 60
KM_PER_DEGREE = 111.2  # of latitude, and of longitude at the equator


@dataclass(frozen=True)
class MarkerRow:
    """One marker: what its popup shows, with links relative to the page it is on."""

    lat: float
    lon: float
    name: str
    kind_label: str
    detail: str  # the highest designation, or the OCOP stars
    href: str
    thumbnail: str
    approximate: bool
    kind: str

    def as_list(self) -> list:
        return [self.lat, self.lon, self.name, self.kind_label, self.detail, self.href, self.thumbnail,
                1 if self.approximate else 0, self.kind]


@dataclass(frozen=True)
class KindLayer:
    kind: str
    label: str
    rows: tuple[MarkerRow, ...]


@dataclass(frozen=True)
class OverviewMap:
    layers: tuple[KindLayer, ...]
    tiles: str
    attribution: str

    @property
    def bounds(self) -> list[list[float]]:
        points = [(row.lat, row.lon) for layer in self.layers for row in layer.rows]
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        return [[min(lats), min(lons)], [max(lats), max(lons)]]

    def data(self, labels: dict[str, str]) -> dict[str, Any]:
        """Everything the page's script needs, as plain JSON values (printed with `tojson`)."""
        return {
            **tile_data(self.tiles, self.attribution),
            "labels": labels,
            "layers": [
                {"kind": layer.kind, "label": layer.label, "rows": [row.as_list() for row in layer.rows]}
                for layer in self.layers
            ],
        }


def tile_data(tiles: str, attribution: str) -> dict[str, str]:
    """A site's tile setting for Leaflet, which shows the attribution as HTML: escaped here, once."""
    return {"tiles": tiles, "attribution": html.escape(attribution)}


class KindMarkers(Layer):
    """One kind's markers, as a layer that the layer control switches on and off.

    All kinds share one marker-cluster group, so that nearby markers of
    different kinds cluster together instead of covering each other. The
    layer refers to its rows by position in the page's map data: folium
    prints only that number.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = heritageKindLayer({{ this.cluster.get_name() }}, {{ this.index|int }});
        {% endmacro %}
        """
    )

    def __init__(self, cluster: MarkerCluster, index: int):
        super().__init__(name=f"layer {index}", overlay=True, control=False, show=True)
        self._name = "KindMarkers"
        self.cluster, self.index = cluster, index


class MapData(MacroElement):
    """The tile layer and the layer control, which the page's script makes from its map data."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = heritageOverview({{ this._parent.get_name() }}, [
                {%- for layer in this.layers %}{{ layer.get_name() }}{{ ", " if not loop.last }}{% endfor -%}
            ]);
        {% endmacro %}
        """
    )

    def __init__(self, layers: list[KindMarkers]):
        super().__init__()
        self._name = "MapData"
        self.layers = layers


@dataclass(frozen=True)
class MapFragment:
    element: str  # the map's <div>
    script: str  # the Leaflet code that fills it
    map_name: str


def render_overview(overview: OverviewMap) -> MapFragment:
    """folium's map element and script for the overview map, with stable names and no text in them."""
    south_west, north_east = overview.bounds
    center = [(south_west[0] + north_east[0]) / 2, (south_west[1] + north_east[1]) / 2]
    # The cluster group needs the map's zoom range before the tile layer (made by the page's script) exists.
    fmap = folium.Map(location=center, zoom_start=8, tiles=None, control_scale=True, width="100%", height="100%",
                      maxZoom=18)
    cluster = MarkerCluster(control=False, showCoverageOnHover=False, maxClusterRadius=60)
    cluster.add_to(fmap)
    layers = [KindMarkers(cluster, index) for index in range(len(overview.layers))]
    for layer in layers:
        layer.add_to(fmap)
    MapData(layers).add_to(fmap)
    fmap.fit_bounds(overview.bounds, padding=(24, 24), max_zoom=13)
    _stable_names(fmap)
    root = fmap.get_root()
    root.render()
    return MapFragment(root.html.render().strip(), root.script.render().strip(), fmap.get_name())


def _stable_names(element: folium.Element, counter: list[int] | None = None) -> None:
    """Replace folium's random ids (uuid4) by a counter, in tree order."""
    counter = counter if counter is not None else [0]
    counter[0] += 1
    element._id = str(counter[0])
    for child in element._children.values():
        _stable_names(child, counter)


class NeighbourIndex:
    """The nearest located records of a site, for a record map's secondary markers.

    Records sit in a grid of CELL-degree squares; a lookup searches rings of
    squares outwards and stops once no farther ring can hold a nearer record.
    A province's thousand products crowd into a few communes, so comparing
    every record with every other would cost seconds.
    """

    CELL = 0.02  # degrees, about 2.2 km

    def __init__(self, located: list[RecordEntry]):
        self._grid: dict[tuple[int, int], list[RecordEntry]] = {}
        for entry in sorted(located, key=lambda e: e.id):
            self._grid.setdefault(self._cell(entry.record.location.coordinates), []).append(entry)

    def _cell(self, point: tuple[float, float]) -> tuple[int, int]:
        return int(point[0] // self.CELL), int(point[1] // self.CELL)

    def near(self, entry: RecordEntry) -> list[RecordEntry]:
        here = entry.record.location.coordinates
        row, col = self._cell(here)
        # Candidates are ranked by a flat-earth distance (no trigonometry per pair), exact within
        # a fraction of a percent at this scale; the nearest few are then measured properly.
        squeeze = math.cos(math.radians(here[0]))
        limit = (NEIGHBOUR_KM / KM_PER_DEGREE) ** 2
        found: list[tuple[float, str, RecordEntry]] = []
        # One cell spans at least CELL * 100 km anywhere in Vietnam (latitude under 24°).
        rings = int(NEIGHBOUR_KM / (self.CELL * 100)) + 1
        for ring in range(rings + 1):
            for cell in _ring(row, col, ring):
                for other in self._grid.get(cell, ()):
                    if other.id != entry.id:
                        lat, lon = other.record.location.coordinates
                        flat = (lat - here[0]) ** 2 + ((lon - here[1]) * squeeze) ** 2
                        if flat <= limit * 1.01:
                            found.append((flat, other.id, other))
            if len(found) >= NEIGHBOURS:
                found.sort()
                reach = ring * self.CELL * 100 / KM_PER_DEGREE
                if found[NEIGHBOURS - 1][0] <= reach * reach:
                    break
        found.sort()
        measured = sorted(
            (distance_km(here, other.record.location.coordinates), other_id, other)
            for _, other_id, other in found[: NEIGHBOURS * 3]
        )
        return [other for km, _, other in measured if km <= NEIGHBOUR_KM][:NEIGHBOURS]


def _ring(row: int, col: int, ring: int):
    """The cells at exactly `ring` steps (Chebyshev distance) from (row, col)."""
    if ring == 0:
        yield (row, col)
        return
    for d in range(-ring, ring + 1):
        yield (row - ring, col + d)
        yield (row + ring, col + d)
    for d in range(-ring + 1, ring):
        yield (row + d, col - ring)
        yield (row + d, col + ring)
