"""The places that a project's own maps draw: content/_places/.

- towns.yml: the towns that maps name. The brochure's route map draws the towns
  that fall inside its frame, so one list serves every visit, wherever it goes;
- province.geojson: the province's outline, drawn under the offline edition's
  maps (which have no tiles), as GeoJSON polygons in WGS 84.

Project data, not code: the tool knows no province. A file that does not exist
is no list or no outline, and no error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pydantic import BaseModel, Field

from .fields import STRICT, Coordinates, LocalizedName, Text, describe

TOWNS_FILE = "_places/towns.yml"  # under content/: folders starting with "_" are not collections
OUTLINE_FILE = "_places/province.geojson"
MAX_TOWNS = 500


class Town(BaseModel):
    model_config = STRICT
    name: Text = Field(
        **describe(
            "The name printed on maps, in every language that 'names' does not give.",
            "Tên in trên bản đồ, cho mọi ngôn ngữ mà 'names' không ghi riêng.",
            examples=["Pleiku"],
        ),
    )
    names: Optional[LocalizedName] = Field(
        None,
        **describe(
            "The name in a language that writes it differently, e.g. {km: ...}.",
            "Tên trong ngôn ngữ viết khác đi, ví dụ {km: ...}.",
        ),
    )
    coordinates: Coordinates = Field(
        **describe(
            "[latitude, longitude] in WGS 84 of the point the map marks.",
            "[vĩ độ, kinh độ] theo WGS 84 của điểm bản đồ đánh dấu.",
            examples=[[14.0074, 108.046]],
        ),
    )
    rank: int = Field(
        2,
        ge=1,
        le=3,
        **describe(
            "1 a city (named first and largest), 2 a town, 3 a smaller town (left out first where space is short).",
            "1 thành phố (ghi trước, chữ lớn nhất), 2 thị xã/thị trấn, 3 nơi nhỏ hơn (bỏ trước khi chật chỗ).",
        ),
    )
    commune: Optional[Text] = Field(
        None,
        **describe(
            "The ward or commune whose reference point the coordinates are, when they are one.",
            "Phường/xã mà tọa độ là điểm đại diện của nó, nếu đúng như vậy.",
            examples=["Phường Pleiku"],
        ),
    )
    province: Optional[Text] = Field(
        None,
        **describe("The province of that ward or commune.", "Tỉnh của phường/xã đó.", examples=["Gia Lai"]),
    )

    def name_in(self, lang: str) -> str:
        return (self.names or {}).get(lang, self.name)


class Places(BaseModel):
    """content/_places/towns.yml"""

    model_config = STRICT
    towns: list[Town] = Field(
        default_factory=list,
        max_length=MAX_TOWNS,
        **describe("Towns that visitors know, for printed maps.", "Các đô thị khách biết, cho bản đồ in."),
    )


Ring = tuple[tuple[float, float], ...]  # (longitude, latitude) points, as GeoJSON orders them


@dataclass(frozen=True)
class Outline:
    """content/_places/province.geojson: the polygons of the province, each an outer ring and its holes."""

    polygons: tuple[tuple[Ring, ...], ...]
    source: str  # where the outline comes from, shown under the map

    def as_geojson(self) -> dict:
        return {"type": "MultiPolygon", "coordinates": [[[list(p) for p in ring] for ring in poly] for poly in self.polygons]}
