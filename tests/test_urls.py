"""Links between pages: the fast relative_url agrees with posixpath.relpath."""

from __future__ import annotations

import posixpath

import pytest

from generator.presentation.urls import relative_url

PAGES = ["", "heritage/", "heritage/roc-tung-go-da/", "map/", "tags/", "tags/an-khe/", "products/x/"]
TARGETS = PAGES + ["../media/a/b-w480.webp", "../data/", "assets/maps/leaflet.js", "../media/cards/vi/x-600.webp"]


@pytest.mark.parametrize("current", PAGES)
@pytest.mark.parametrize("target", TARGETS)
def test_relative_url_matches_relpath(target, current):
    expected = posixpath.relpath(target or ".", current.rstrip("/") or ".")
    if expected == ".":
        expected = "./"
    elif (target.endswith("/") or not target) and not expected.endswith("/"):
        expected += "/"
    assert relative_url(target, current) == expected


def test_outside_links_are_kept():
    assert relative_url("https://example.org/", "heritage/x/") == "https://example.org/"
    assert relative_url("geo:13.9,108.6", "heritage/x/") == "geo:13.9,108.6"
