"""Former communes and addresses, converted offline from vietnamadminunits' own tables."""

from __future__ import annotations

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
