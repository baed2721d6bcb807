"""Vietnam's administrative units since the 1 July 2025 reform, offline.

`vietnam-provinces` lists the 34 provinces and their wards and communes (the
official names); `vietnamadminunits` converts a pre-reform address to the new
unit and gives each unit a reference point. Neither is asked anything online:
`vietnamadminunits.convert_address` asks an online geocoder when an address
names a street in a commune that was split, so conversions here read the
package's offline tables instead (`FormerUnits`).
"""

from __future__ import annotations

import difflib
import json
import math
import os
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


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

    cache: Path | None = None  # a folder to keep reference points in between runs (see reference_point)
    _conversions: dict[str, CurrentUnit | None] = field(default_factory=dict)
    _points_found: bool = False  # points not yet in the cache

    @cached_property
    def _points_file(self) -> Path | None:
        try:
            return self.cache / f"points-{version('vietnamadminunits')}.json" if self.cache else None
        except PackageNotFoundError:
            return None

    @cached_property
    def _points(self) -> dict[str, list[float] | None]:
        """Reference points found in earlier runs, by "province|commune"; a damaged file counts as none."""
        try:
            points = json.loads(self._points_file.read_text(encoding="utf-8")) if self._points_file else {}
        except (OSError, ValueError):
            return {}
        return points if isinstance(points, dict) else {}

    def save(self) -> None:
        """Keep the reference points found in this run for the next (best effort: the cache is only a shortcut)."""
        if not (self._points_found and self._points_file):
            return
        partial = self._points_file.with_name(f"{self._points_file.name}.{os.getpid()}")
        try:
            self._points_file.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(self._points, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            partial.replace(self._points_file)  # whole, even with two runs at once
            self._points_found = False
        except OSError:
            partial.unlink(missing_ok=True)

    @cached_property
    def _former(self) -> "FormerUnits":
        return FormerUnits()

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
        return self.commune_without_type(province, name) or _closest(name, list(self._communes.get(found[1], {}).values()))

    def commune_without_type(self, province: str, name: str) -> str | None:
        """'Phường An Bình' for 'An Bình': the unit's type was left out (when only one unit fits)."""
        found = self._provinces.get(_key(province))
        names = self._communes.get(found[1], {}).values() if found else []
        bare = [n for n in names if _key(n).split(" ", 1)[-1] == _key(name)]
        return bare[0] if len(bare) == 1 else None

    def reference_point(self, province: str, commune: str) -> tuple[float, float] | None:
        """A commune's reference point, to tell whether coordinates are plausible.

        Kept in the cache: importing `vietnamadminunits` to ask takes a third
        of a second, which every check, build and brochure would pay.
        """
        key = f"{province}|{commune}"
        point = self._points.get(key, False)
        if point is False or not (point is None or isinstance(point, list) and len(point) == 2):
            from vietnamadminunits import parse_address

            unit = parse_address(f"{commune}, {province}")
            ok = unit.ward and _key(unit.ward) == _key(commune) and unit.latitude is not None
            point = self._points[key] = [float(unit.latitude), float(unit.longitude)] if ok else None
            self._points_found = True
        return (float(point[0]), float(point[1])) if point else None

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
            found = self._former.convert(address)
            province = found and self.province(found[1])
            commune = province and (self.commune(province, found[0]) or found[0])
            self._conversions[address] = CurrentUnit(commune, province) if commune else None
        return self._conversions[address]

    def former_commune(self, province: str, name: str) -> list[str]:
        """The communes and wards that a pre-1 July 2025 unit of `province` called `name` is now part of."""
        return [self.commune(province, now) or now for now in self._former.now_part_of(province, name)]


class FormerUnits:
    """The offline tables of `vietnamadminunits`: units before 1 July 2025 and what became of them."""

    def __init__(self) -> None:
        from vietnamadminunits.converter import converter_2025 as conversion
        from vietnamadminunits.parser import parser_from_2025 as current, parser_legacy as former

        # current province key -> its short name ("tinhgialai" -> "Gia Lai"), and back from each former one
        self.province_name = {key: value["provinceShort"] for key, value in current.DICT_PROVINCE.items()}
        self.became = {old: new for new, olds in conversion.DICT_PROVINCE.items() for old in olds}
        ward_names = {
            (province, ward): info["ward"]
            for table in (current.DICT_PROVINCE_WARD_NO_ACCENTED, current.DICT_PROVINCE_WARD_ACCENTED)
            for province, wards in table.items()
            for ward, info in wards.items()
        }
        # "province_district_ward" before -> the current units it went to, the main one first
        self.now: dict[str, list[str]] = {}
        for province, wards in conversion.DICT_PROVINCE_WARD_NO_DIVIDED.items():
            for ward, olds in wards.items():
                for old in olds:
                    self.now[old] = [ward_names[(province, ward)]]
        for province, olds in conversion.DICT_PROVINCE_WARD_DIVIDED.items():
            for old, parts in olds.items():
                parts = sorted(parts, key=lambda part: not part["isDefaultNewWard"])
                self.now[old] = [ward_names[(province, part["newWardKey"])] for part in parts]
        # current province -> former unit's name (with and without its type) -> former keys
        self.names: dict[str, dict[str, list[str]]] = {}
        for table in (former.DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED, former.DICT_PROVINCE_DISTRICT_WARD_ACCENTED):
            for old_province, districts in table.items():
                by_name = self.names.setdefault(_key(self.province_name[self.became[old_province]]), {})
                for district, wards in districts.items():
                    for ward, info in wards.items():
                        for name in (info["ward"], info["wardShort"]):
                            if isinstance(name, str):  # island districts have no communes (NaN)
                                by_name.setdefault(_key(name), []).append(f"{old_province}_{district}_{ward}")

    def now_part_of(self, province: str, name: str) -> list[str]:
        """Current units that the former unit `name` of (what is now) `province` went to; [] when unknown."""
        out: list[str] = []
        for old in self.names.get(_key(province), {}).get(_key(name), []):
            out += [unit for unit in self.now.get(old, []) if unit not in out]
        return out

    def convert(self, address: str) -> tuple[str, str] | None:
        """(current commune, current province) of a former address; the main part when the commune was split."""
        from vietnamadminunits import ParseMode, parse_address

        old = parse_address(address, mode=ParseMode.LEGACY, keep_street=False, level=3)
        if not (old.province_key and old.district_key and old.ward_key):
            return None
        now = self.now.get(f"{old.province_key}_{old.district_key}_{old.ward_key}")
        return (now[0], self.province_name[self.became[old.province_key]]) if now else None


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
