"""Former communes and addresses, converted offline from vietnamadminunits' own tables."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.places import CurrentUnit, Gazetteer


@pytest.fixture
def offline(monkeypatch):
    """vietnamadminunits asks an online geocoder for a street in a split commune: make that fail loudly."""
    import vietnamadminunits.converter.converter_2025 as conversion
    import vietnamadminunits.parser.utils as utils

    def online(address):
        raise AssertionError(f"asked the online geocoder for {address!r}")

    monkeypatch.setattr(utils, "get_geo_location", online)
    monkeypatch.setattr(conversion, "get_geo_location", online)
    return Gazetteer()


def test_a_former_address_converts_without_going_online(offline):
    # a village in a commune of former Bình Định that was split in two: its main part, to be confirmed
    assert offline.convert_former("thôn 3, xã An Nghĩa, huyện An Lão, tỉnh Bình Định") == CurrentUnit("Xã An Hòa", "Gia Lai")
    assert offline.convert_former("làng Mơ Nú, xã Ia Kênh, thành phố Pleiku, tỉnh Gia Lai") == CurrentUnit("Xã Gào", "Gia Lai")
    assert offline.convert_former("huyện Đak Đoa, tỉnh Gia Lai") is None  # no commune named


def test_what_a_former_commune_is_part_of_now(offline):
    assert offline.former_commune("Gia Lai", "Xã Ia Kênh") == ["Xã Gào"]
    assert offline.former_commune("Gia Lai", "Ia Kênh") == ["Xã Gào"]  # without its type
    assert offline.former_commune("Gia Lai", "Thị trấn Chư Ty") == ["Xã Đức Cơ"]
    assert offline.former_commune("Gia Lai", "Phường Trần Phú") == ["Phường Quy Nhơn"]  # former Bình Định
    assert offline.former_commune("Gia Lai", "Xã An Nghĩa") == ["Xã An Hòa", "Xã An Toàn"]  # split
    assert offline.former_commune("Gia Lai", "Xã Krông") == []  # a typo, not a former name
    assert offline.former_commune("Đắk Lắk", "Xã Ia Kênh") == []  # another province's past


def test_reference_points_are_kept_for_the_next_run_without_the_package(tmp_path):
    first = Gazetteer(tmp_path)
    point = first.reference_point("Gia Lai", "Phường An Khê")
    assert point and 13.9 < point[0] < 14.1 and 108.6 < point[1] < 108.8
    assert first.reference_point("Gia Lai", "Xã Không Có") is None
    first.save()
    [kept] = tmp_path.glob("points-*.json")

    # a new run answers from the cache: vietnamadminunits (a third of a second to import) is not loaded
    script = (f"import sys; from pathlib import Path; from generator.places import Gazetteer; g = Gazetteer(Path({str(tmp_path)!r}));"
              "print(g.reference_point('Gia Lai', 'Phường An Khê'), g.reference_point('Gia Lai', 'Xã Không Có'),"
              "'vietnamadminunits' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[0] == f"{point} None False"

    kept.write_text("{not json", encoding="utf-8")  # damaged (a run stopped by hand, a disk full): asked again
    assert Gazetteer(tmp_path).reference_point("Gia Lai", "Phường An Khê") == point
    kept.write_text('{"Gia Lai|Phường An Khê": "far away"}', encoding="utf-8")
    assert Gazetteer(tmp_path).reference_point("Gia Lai", "Phường An Khê") == point
