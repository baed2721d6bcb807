"""Maps: the overview map and record maps, as published files and in headless Chromium."""

from __future__ import annotations

import re
from urllib.request import urlopen

import pytest

from conftest import REPO, TILE_HOST
from generator.catalogue import CheckContext
from generator.models import KINDS
from generator.presentation.labels import Labels
from generator.project import Project
from generator.reading import load_catalogue

_BUNDLED = [e for e in load_catalogue(CheckContext(Project(REPO))).records.values()
            if e.record.location and e.record.location.coordinates]
LOCATED = len(_BUNDLED)  # the bundled records with coordinates (not the intangible heritage)
EXACT = sum(e.record.location.precision == "exact" for e in _BUNDLED)
PRODUCTS = sum(e.collection == "products" for e in _BUNDLED)


def _layers(lang: str) -> list[str]:
    """The map's layer names with their counts, as the layer control lists them: a kind each, in the vocabulary's order."""
    counts = {kind.name: sum(e.kind == kind.name for e in _BUNDLED) for kind in KINDS}
    return [f"{Labels(lang)(kind.plural)} ({counts[kind.name]})" for kind in KINDS if counts[kind.name]]
NOTE = {"vi": "Bản đồ nền cần kết nối Internet; các điểm vẫn dùng được.",
        "en": "The background map needs an internet connection; the markers still work."}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_map_html_has_stable_names_and_no_cdn(bundled_build, lang):
    html = (bundled_build / "gia-lai" / lang / "map" / "index.html").read_text(encoding="utf-8")
    assert "var map_1 = L.map(" in html and "heritageOverview(map_1, [kind_markers_3, " in html
    assert '<script type="application/json" id="hs-map-data">' in html
    assert not re.search(r"_[0-9a-f]{32}\b", html), "folium's random ids must not reach the page"
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrap", "fontawesome", "netdna", "unpkg"):
        assert cdn not in html.lower()
    for asset in ("leaflet.js", "leaflet.css", "leaflet.markercluster.js", "MarkerCluster.css"):
        assert (bundled_build / "gia-lai" / lang / "assets" / "maps" / asset).is_file()


def test_record_pages_carry_their_map_as_data(bundled_build):
    html = (bundled_build / "gia-lai/en/products/mat-ong-phuong-di/index.html").read_text(encoding="utf-8")
    assert 'class="hs-map hs-map--record"' in html and "data-map='" in html
    assert not re.search(r'<script[^>]+src="[^"]*leaflet', html)  # loaded by the page's script only when seen


def _open_map(v, site_url, lang):
    v.page.goto(f"{site_url}{lang}/map/")
    v.page.wait_for_selector(".leaflet-marker-icon")
    v.page.wait_for_timeout(500)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overview_map_shows_every_located_record(site_url, visit, lang):
    v = visit(width=1280, height=900)
    _open_map(v, site_url, lang)
    clustered = v.page.evaluate("() => [...document.querySelectorAll('.marker-cluster span')].reduce((n, s) => n + +s.textContent, 0)")
    single = v.page.locator(".leaflet-marker-icon.hs-marker").count()
    assert clustered + single == LOCATED
    layers = v.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert [text.strip() for text in layers] == _layers(lang)
    assert _layers("en")[-1] == f"OCOP products ({PRODUCTS})" and _layers("vi")[0].startswith("Di tích khảo cổ (")
    # the offline note, in the page's language: every tile request was refused
    assert v.page.locator(".hs-map-offline").inner_text() == NOTE[lang]
    assert v.errors == [] and v.failed == []
    assert v.outside and all(url.startswith(TILE_HOST) for url in v.outside)


def test_layers_switch_off_and_on(site_url, visit):
    v = visit(width=1280, height=900)
    _open_map(v, site_url, "en")
    count = "() => [...document.querySelectorAll('.marker-cluster span')].reduce((n, s) => n + +s.textContent, 0) + document.querySelectorAll('.leaflet-marker-icon.hs-marker').length"
    v.page.get_by_label(f"OCOP products ({PRODUCTS})").uncheck()
    v.page.wait_for_timeout(300)
    assert v.page.evaluate(count) == LOCATED - PRODUCTS
    v.page.get_by_label(f"OCOP products ({PRODUCTS})").check()
    v.page.wait_for_timeout(300)
    assert v.page.evaluate(count) == LOCATED


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_popups_link_to_existing_pages_in_the_same_language(site_url, visit, lang):
    v = visit(width=1280, height=900)
    _open_map(v, site_url, lang)
    popups = v.page.evaluate("""() => {
        const found = [];
        map_1.eachLayer(layer => {
            if (!(layer instanceof L.MarkerClusterGroup)) return;
            layer.getLayers().forEach(marker => {
                const box = marker.getPopup()._content(marker);
                found.push({name: box.querySelector('.hs-popup__name').textContent, href: box.querySelector('a').href,
                            approximate: !!box.querySelector('.hs-popup__approximate')});
            });
        });
        return found;
    }""")
    assert len(popups) == LOCATED
    for popup in popups:
        assert popup["href"].startswith(f"{site_url}{lang}/")
        with urlopen(popup["href"]) as response:
            page = response.read().decode("utf-8")
        assert popup["name"] in page.replace("&#39;", "'")
    roc_tung = next(p for p in popups if "roc-tung-go-da" in p["href"])
    assert not roc_tung["approximate"]  # Gò Đá's coordinates are exact; commune reference points are not
    assert sum(p["approximate"] for p in popups) == LOCATED - EXACT


def test_a_real_popup_opens_from_the_keyboard(site_url, visit):
    v = visit(width=1280, height=900)
    _open_map(v, site_url, "en")
    marker = v.page.locator(".leaflet-marker-icon.hs-marker").first
    marker.focus()
    marker.press("Enter")
    link = v.page.locator(".leaflet-popup .hs-popup__link")
    link.wait_for()
    assert link.inner_text() == "Open the page"
    link.click()
    v.page.wait_for_load_state()
    assert re.search(r"/en/(heritage|products)/[a-z0-9-]+/$", v.page.url)


def test_record_map_loads_only_when_scrolled_into_view(site_url, visit):
    v = visit()  # a phone: the map is below the first screen
    requested = []
    v.page.on("request", lambda request: requested.append(request.url))
    v.page.goto(f"{site_url}vi/heritage/can-cu-khu-10/")
    v.page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "leaflet" in url or "heritage-map" in url or url.startswith(TILE_HOST)]
    v.page.locator(".hs-map--record").scroll_into_view_if_needed()
    v.page.wait_for_selector(".hs-map--record .leaflet-marker-icon")
    assert v.page.locator(".hs-map--record .hs-marker--near").count() >= 1  # neighbours of the site
    assert v.page.locator(".hs-map--record .hs-map-offline").inner_text() == NOTE["vi"]
    assert any(url.endswith("/assets/maps/leaflet.js") for url in requested)
    assert v.errors == [] and v.failed == []


def test_map_page_script_and_style_weight(site_url, visit):
    """The overview map adds at most 225 KB of decoded scripts and styles to a page without a map."""

    def weight(path):
        v = visit(width=1280, height=900)
        sizes = []
        v.page.on("response", lambda r: sizes.append(len(r.body())) if r.request.resource_type in ("script", "stylesheet") and r.ok else None)
        v.page.goto(f"{site_url}en/{path}")
        v.page.wait_for_load_state("networkidle")
        inline = v.page.evaluate("() => [...document.querySelectorAll('script:not([src]), style')].reduce((n, e) => n + new TextEncoder().encode(e.textContent).length, 0)")
        return sum(sizes) + inline

    added = weight("map/") - weight("products/")
    print(f"map page adds {added / 1024:.1f} KB of scripts and styles")
    assert 0 < added <= 225 * 1024


def test_neighbours_are_the_nearest_records(tmp_path):
    """The grid lookup gives exactly what measuring every pair gives."""
    import sys

    from conftest import REPO
    from generator.catalogue import CheckContext
    from generator.reading import load_catalogue
    from generator.places import distance_km
    from generator.project import Project
    from generator.site.maps import NEIGHBOUR_KM, NEIGHBOURS, NeighbourIndex

    sys.path.insert(0, str(REPO))
    from bench.synthetic import write_project

    catalogue = load_catalogue(CheckContext(Project(write_project(300, tmp_path / "synthetic"))))
    located = list(catalogue.records.values())
    index = NeighbourIndex(located)
    for entry in located:
        here = entry.record.location.coordinates
        measured = sorted((distance_km(here, o.record.location.coordinates), o.id) for o in located if o.id != entry.id)
        expected = [i for km, i in measured if km <= NEIGHBOUR_KM][:NEIGHBOURS]
        assert [o.id for o in index.near(entry)] == expected
