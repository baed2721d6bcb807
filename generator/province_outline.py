"""Reading and checking content/_places/province.geojson, the province's outline.

GeoJSON, because that is what QGIS, geojson.io and every boundary source
export: a FeatureCollection of Polygon or MultiPolygon features, one such
Feature, or a bare geometry. Problems name the place in the file as a JSON
path (`features[0].geometry.coordinates[0][5]`); JSON has no line numbers
for a value, so only a syntax error gives its line.
"""

from __future__ import annotations

import json
from typing import Any

from .catalogue import CheckContext
from .loading import read_text
from .messages import EnglishOnly
from .models.towns import OUTLINE_FILE, Outline, Ring
from .project import lies_within


class _Bad(Exception):
    def __init__(self, where: str, code: str, **params: Any):
        self.where, self.code, self.params = where, code, params


def read_outline(ctx: CheckContext) -> Outline | None:
    """The project's province outline; None when it keeps none, or after reporting why it cannot be used."""
    path = ctx.project.content / OUTLINE_FILE
    if not path.is_file():
        return None
    rel = ctx.project.rel(path)
    if not lies_within(path, ctx.project.root):  # a link elsewhere would draw another file's data
        ctx.problems.add(rel, 0, "", "file_links_outside")
        return None
    text = read_text(path, rel, ctx.problems)
    if text is None:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        ctx.problems.add(rel, exc.lineno, "", "outline_not_json", detail=EnglishOnly(exc.msg))
        return None
    try:
        polygons, attribution = _polygons(data)
    except _Bad as bad:
        ctx.problems.add(rel, 1, bad.where, bad.code, **bad.params)
        return None
    return Outline(tuple(polygons), attribution)


def _polygons(data: Any) -> tuple[list[tuple[Ring, ...]], str]:
    """Every polygon of the file, each feature's geometry found under its JSON path; and the attributions."""
    if isinstance(data, dict) and data.get("type") == "FeatureCollection" and isinstance(data.get("features"), list):
        features = [(f"features[{n}].geometry", feature) for n, feature in enumerate(data["features"])]
    elif isinstance(data, dict) and data.get("type") == "Feature":
        features = [("geometry", data)]
    else:
        features = [("", {"geometry": data})]  # a bare geometry
    polygons, attributions = [], []
    for where, feature in features:
        feature = feature if isinstance(feature, dict) else {}
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        if isinstance(props.get("attribution"), str) and props["attribution"] not in attributions:
            attributions.append(props["attribution"])
        geometry = feature.get("geometry") if isinstance(feature.get("geometry"), dict) else {}
        coordinates = f"{where}.coordinates" if where else "coordinates"
        if geometry.get("type") == "Polygon":
            polygons.append(_polygon(geometry.get("coordinates"), coordinates))
        elif geometry.get("type") == "MultiPolygon" and isinstance(geometry.get("coordinates"), list):
            polygons += [_polygon(polygon, f"{coordinates}[{n}]") for n, polygon in enumerate(geometry["coordinates"])]
    if not polygons:
        raise _Bad("", "outline_no_polygons")
    return polygons, "; ".join(attributions)


def _polygon(rings: Any, where: str) -> tuple[Ring, ...]:
    if not isinstance(rings, list) or not rings:
        raise _Bad(where, "outline_bad_ring")
    return tuple(_ring(ring, f"{where}[{n}]") for n, ring in enumerate(rings))


def _ring(ring: Any, where: str) -> Ring:
    if not isinstance(ring, list) or len(ring) < 4:
        raise _Bad(where, "outline_bad_ring")
    points = tuple(_point(point, f"{where}[{n}]") for n, point in enumerate(ring))
    if points[0] != points[-1]:
        raise _Bad(where, "outline_bad_ring")
    return points


def _point(point: Any, where: str) -> tuple[float, float]:
    numbers = isinstance(point, list) and len(point) in (2, 3) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in point)
    if not numbers or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
        raise _Bad(where, "outline_bad_point", value=json.dumps(point, ensure_ascii=False)[:60])
    return (float(point[0]), float(point[1]))
