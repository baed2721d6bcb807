"""Vietnam's administrative units since the 1 July 2025 reform, offline.

`vietnam-provinces` lists the 34 provinces and their wards and communes (the
official names); `vietnamadminunits` converts a pre-reform address to the new
unit and gives each unit a reference point. Neither is asked anything online.
"""

from __future__ import annotations

import difflib
import math
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


_PROVINCE_PREFIXES = ("tỉnh ", "thành phố ", "tp. ", "tp ")


@dataclass(frozen=True)
class CurrentUnit:
    commune: str
    province: str


@dataclass(frozen=True)
class Address:
    """Where a record is now: its commune (official name) and province."""

    commune: str | None
    province: str | None
    derived: bool = False  # the commune was converted from `former_address`, to be confirmed


@dataclass
class Gazetteer:
    """Lookups built once per run (loading the packages' data takes a moment)."""

    _points: dict[tuple[str, str], tuple[float, float] | None] = field(default_factory=dict)
    _conversions: dict[str, CurrentUnit | None] = field(default_factory=dict)

    @cached_property
    def _provinces(self) -> dict[str, tuple[str, int]]:
        from vietnam_provinces import Province

        out = {}
        for province in Province.iter_all():
            short = province.name
            for prefix in ("Thành phố ", "Tỉnh "):
                short = short.removeprefix(prefix)
            out[_key(short)] = (short, province.code)
        return out

    @cached_property
    def _communes(self) -> dict[int, dict[str, str]]:
        from vietnam_provinces import Ward

        out: dict[int, dict[str, str]] = {}
        for ward in Ward.iter_all():
            out.setdefault(ward.province_code, {})[_key(ward.name)] = ward.name
        return out

    def province(self, name: str) -> str | None:
        """The official short name ('Gia Lai') of a province, or None."""
        key = _key(name)
        for prefix in _PROVINCE_PREFIXES:
            key = key.removeprefix(prefix)
        found = self._provinces.get(key)
        return found[0] if found else None

    def suggest_province(self, name: str) -> str | None:
        names = [short for short, _ in self._provinces.values()]
        return _closest(name, names)

    def commune(self, province: str, name: str) -> str | None:
        """The official name of a commune or ward of `province`, or None."""
        found = self._provinces.get(_key(province))
        if not found:
            return None
        return self._communes.get(found[1], {}).get(_key(name))

    def suggest_commune(self, province: str, name: str) -> str | None:
        found = self._provinces.get(_key(province))
        if not found:
            return None
        names = list(self._communes.get(found[1], {}).values())
        # "An Bình" for "Phường An Bình": the unit's type was left out
        bare = [n for n in names if _key(n).split(" ", 1)[-1] == _key(name)]
        return bare[0] if len(bare) == 1 else _closest(name, names)

    def reference_point(self, province: str, commune: str) -> tuple[float, float] | None:
        """A commune's reference point, to tell whether coordinates are plausible."""
        key = (province, commune)
        if key not in self._points:
            from vietnamadminunits import parse_address

            unit = parse_address(f"{commune}, {province}")
            ok = unit.ward and _key(unit.ward) == _key(commune) and unit.latitude is not None
            self._points[key] = (float(unit.latitude), float(unit.longitude)) if ok else None
        return self._points[key]

    def towns(self, province: str, apart_km: float = 15) -> list[tuple[str, float, float]]:
        """The province's wards (its towns), at least `apart_km` apart, for a map's reference points."""
        from vietnam_provinces import VietNamDivisionType, Ward

        found = self._provinces.get(_key(province))
        if not found:
            return []
        short, code = found
        names = sorted(w.name for w in Ward.iter_by_province(code) if w.division_type == VietNamDivisionType.PHUONG)
        points = {name: point for name in names if (point := self.reference_point(short, name))}
        # A town's central ward has the most wards around it: it names the town on a map.
        crowd = {name: sum(distance_km(p, q) < apart_km / 2 for q in points.values()) for name, p in points.items()}
        out: list[tuple[str, float, float]] = []
        for name in sorted(points, key=lambda n: (-crowd[n], n)):
            point = points[name]
            if all(distance_km(point, (lat, lon)) >= apart_km for _, lat, lon in out):
                out.append((name.removeprefix("Phường "), *point))
        return out

    def convert_former(self, address: str) -> CurrentUnit | None:
        """The current commune and province of a pre-1 July 2025 address."""
        if address not in self._conversions:
            from vietnamadminunits import convert_address

            unit = convert_address(address)
            province = self.province(unit.province) if unit.province else None
            self._conversions[address] = CurrentUnit(unit.ward, province) if unit.ward and province else None
        return self._conversions[address]


def _closest(name: str, names: list[str]) -> str | None:
    by_key = {_key(n): n for n in names}
    match = difflib.get_close_matches(_key(name), list(by_key), n=1, cutoff=0.75)
    return by_key[match[0]] if match else None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine), good to a few metres at this scale."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# Mainland, islands and the Hoàng Sa and Trường Sa archipelagos: a generous box,
# meant to catch swapped or mistyped coordinates, not to draw a border.
VIETNAM_BOX = ((8.0, 23.5), (102.0, 117.9))


def in_vietnam(lat: float, lon: float) -> bool:
    (lat_lo, lat_hi), (lon_lo, lon_hi) = VIETNAM_BOX
    return lat_lo <= lat <= lat_hi and lon_lo <= lon <= lon_hi
