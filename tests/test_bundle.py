"""`heritage bundle`: the offline edition, opened from file:// in real Chromium.

The bundled Gia Lai site is bundled once for the module and unzipped; the tests
read its files (every link of every page must lead to a file of the bundle) and
open it from disk, where Chromium allows no fetch and no web worker: search must
find "cong chieng", the map must show every marker on the province's outline,
and no request may leave the machine.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import Visit, copy_bundled_project, in_project
from generator.output import BUNDLE_MARK
from generator.site.offline import page_link, rewrite_links


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """The bundled project, its Gia Lai site's offline edition as a zip, and that zip unzipped."""
    work = tmp_path_factory.mktemp("bundle")
    root = copy_bundled_project(work / "project")
    out = work / "gia-lai.zip"
    result = in_project(root, "bundle", "--site", "gia-lai", "--out", str(out))
    assert result.status == 0, result.err
    assert "gia-lai/index.html" in result.err  # says what to open
    with zipfile.ZipFile(out) as archive:
        archive.extractall(work / "unzipped")
    return root, out, work / "unzipped" / "gia-lai"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append((tag, name, value))


def _links(page: Path) -> list[tuple[str, str, str]]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def _missing_files(page) -> list[str]:
    """The files a page asked for and did not find, as they happen. A file that is not there fails with
    ERR_FILE_NOT_FOUND; a load that the test's next step cuts short (a favicon, the search frame's script
    on a page left at once) fails with ERR_ABORTED, and is no fault."""
    missing: list[str] = []
    page.on("requestfailed", lambda request: missing.append(f"{request.failure} {request.url}")
            if "ERR_ABORTED" not in (request.failure or "") else None)
    return missing


def _target(page: Path, href: str) -> Path | None:
    """The file a relative link leads to from `page`; None for a link to another host or scheme."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return (page.parent / unquote(parts.path)).resolve()


def test_page_links_name_the_index_of_a_folder():
    assert page_link("../heritage/go-da/") == "../heritage/go-da/index.html"
    assert page_link("../heritage/go-da/#sources") == "../heritage/go-da/index.html#sources"
    assert page_link("..") == "../index.html" and page_link("./") == "./index.html"
    assert page_link("map/?q=1") == "map/index.html?q=1"
    for kept in ("https://x.example/", "#top", "geo:13,108", "mailto:a@b.vn", "../assets/x.css", "", "//cdn.example/a/"):
        assert page_link(kept) == kept


def test_only_the_links_of_tags_change_never_text():
    page = ('<a class="x" href="../map/">Map</a> <p>write href="a/" or src="b/" &lt;a href="c/"&gt;</p>'
            '<meta http-equiv="refresh" content="0; url=vi/"><img src="../i.png" alt=\'href="d/"\'>')
    assert rewrite_links(page) == (
        '<a class="x" href="../map/index.html">Map</a> <p>write href="a/" or src="b/" &lt;a href="c/"&gt;</p>'
        '<meta http-equiv="refresh" content="0; url=vi/index.html"><img src="../i.png" alt=\'href="d/"\'>')


def test_the_zip_holds_one_folder_with_nothing_that_needs_a_server(edition):
    _, out, site = edition
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert archive.comment == BUNDLE_MARK.encode("ascii")
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}  # no clock in the output
    assert {name.split("/")[0] for name in names} == {"gia-lai"}
    assert {"gia-lai/index.html", "gia-lai/vi/index.html", "gia-lai/en/index.html",
            "gia-lai/vi/search/search_index.js", "gia-lai/en/assets/javascripts/offline.js"} <= set(names)
    served_only = [n for n in names if n.endswith((".br", ".gz", "/404.html", "sitemap.xml", "robots.txt")) or "/admin/" in n]
    assert served_only == []


def test_every_link_of_every_page_leads_to_a_file_of_the_edition(edition):
    _, _, site = edition
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    broken, outside = [], []
    for page in pages:
        for tag, attribute, value in _links(page):
            target = _target(page, value)
            if target is None:
                # Loaded from another host (not a link the visitor follows), or a metadata link to the real site.
                if attribute == "src" or (tag == "link" and not value.startswith(("https://disan.gialai.example/"))):
                    outside.append(f"{page.relative_to(site)}: {value}")
                continue
            if not target.is_file() or not target.is_relative_to(site):
                broken.append(f"{page.relative_to(site)}: {value}")
    assert broken == [] and outside == []


def test_the_search_index_is_a_script_whose_locations_are_files(edition):
    _, _, site = edition
    for lang in ("vi", "en"):
        script = (site / lang / "search" / "search_index.js").read_text(encoding="utf-8")
        assert script.startswith("var __index = ") and script.isascii()
        index = json.loads(script.removeprefix("var __index = ").rstrip().removesuffix(";"))
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert locations and all((site / lang / location).is_file() for location in locations), locations


def test_it_opens_from_disk_in_chromium_with_search_maps_and_no_outside_request(edition, browser):
    _, _, site = edition
    v = Visit(browser, 1280, 900)
    requests: list[str] = []
    v.page.on("request", lambda request: requests.append(request.url))
    missing = _missing_files(v.page)
    try:
        v.page.goto((site / "index.html").as_uri())  # the browser's language (English) is chosen
        v.page.wait_for_url(re.compile(r".*/gia-lai/en/index\.html$"))

        v.page.goto((site / "vi" / "index.html").as_uri())
        v.page.click(".md-search__input")
        v.page.locator("input.md-search__input").press_sequentially("cong chieng", delay=15)
        v.page.wait_for_selector(".md-search-result__item", timeout=20_000)
        assert "Cồng chiêng" in v.page.locator(".md-search-result").inner_text()
        v.page.locator(".md-search-result__item a").first.click()
        v.page.wait_for_url(re.compile(r".*/vi/heritage/khong-gian-van-hoa-cong-chieng/index\.html.*"))

        v.page.goto((site / "vi" / "map" / "index.html").as_uri())
        data = json.loads(v.page.locator("#hs-map-data").text_content())
        expected = sum(len(layer["rows"]) for layer in data["layers"])
        v.page.wait_for_selector("path.hs-outline")
        shown = v.page.evaluate("""() => {
            let n = document.querySelectorAll('.hs-overview .hs-marker').length;
            document.querySelectorAll('.hs-overview .marker-cluster span').forEach(s => n += parseInt(s.textContent, 10));
            return n; }""")
        assert expected > 30 and shown == expected
        assert "Pleiku" in v.page.locator(".hs-town-label").all_inner_texts()
        assert "Natural Earth" in v.page.locator(".leaflet-control-attribution").inner_text()
        assert v.page.locator(".hs-map-offline").count() == 0  # no "tiles could not load" note: there are none
        # A popup's link opens the record's page from disk.
        v.page.locator(".hs-overview .hs-marker").first.click()
        v.page.locator(".hs-popup__link").click()
        v.page.wait_for_url(re.compile(r".*/vi/[a-z]+/[a-z0-9-]+/index\.html$"))

        v.page.goto((site / "en" / "heritage" / "roc-tung-go-da" / "index.html").as_uri())
        v.page.locator(".hs-map--record").scroll_into_view_if_needed()
        v.page.wait_for_selector(".hs-map--record path.hs-outline")
        assert v.page.locator(".hs-map--record .hs-marker").count() >= 2

        v.page.goto((site / "en" / "events" / "index.html").as_uri())
        v.page.click(".md-header__option .md-select button")
        v.page.click("a.md-select__link[hreflang=vi]")
        v.page.wait_for_url(re.compile(r".*/vi/events/index\.html$"))
    finally:
        v.close()
    assert v.errors == [] and missing == []
    assert [url for url in requests if not url.startswith(("file://", "data:", "blob:", "about:"))] == []


def test_a_language_chosen_gives_an_edition_in_that_language_only(tmp_path, browser):
    root = copy_bundled_project(tmp_path / "project")
    out = tmp_path / "partners.zip"
    result = in_project(root, "bundle", "--site", "doi-tac", "--lang", "km", "--out", str(out))
    assert result.status == 0, result.err
    with zipfile.ZipFile(out) as archive:
        archive.extractall(tmp_path / "unzipped")
    site = tmp_path / "unzipped" / "doi-tac"
    assert sorted(p.name for p in site.iterdir() if p.is_dir()) == ["data", "km", "media"]
    home = (site / "km" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="vi"' not in home.split("<body", 1)[1]  # no switch to a language that is not there
    v = Visit(browser, 1280, 900)
    missing = _missing_files(v.page)
    try:
        v.page.goto((site / "index.html").as_uri())
        v.page.wait_for_url(re.compile(r".*/doi-tac/km/index\.html$"))
        v.page.click(".md-search__input")
        v.page.locator("input.md-search__input").press_sequentially("Gia Lai", delay=15)
        v.page.wait_for_selector(".md-search-result__item", timeout=20_000)
    finally:
        v.close()
    assert v.errors == [] and missing == [] and v.outside == []


def test_the_same_project_gives_the_same_zip(edition, tmp_path):
    root, out, _ = edition
    again = tmp_path / "again.zip"
    assert in_project(root, "bundle", "--site", "gia-lai", "--out", str(again)).status == 0
    assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(out.read_bytes()).digest()
    # A second run replaces its own zip.
    assert in_project(root, "bundle", "--site", "gia-lai", "--out", str(again)).status == 0


def test_mistakes_are_refused_before_anything_is_written(project: Path, tmp_path: Path):
    refused = in_project(project, "bundle", "--site", "main", "--out", str(project / "content" / "x.zip"))
    assert refused.status == 1 and "content/" in refused.err and not (project / "content" / "x.zip").exists()
    refused = in_project(project, "bundle", "--site", "main", "--out", str(tmp_path / "site.tar"))
    assert refused.status == 1 and ".zip" in refused.err and not (tmp_path / "site.tar").exists()
    theirs = tmp_path / "photos.zip"
    with zipfile.ZipFile(theirs, "w") as archive:
        archive.writestr("photo.txt", "an office's own archive")
    before = theirs.read_bytes()
    refused = in_project(project, "bundle", "--site", "main", "--out", str(theirs))
    assert refused.status == 1 and "not an offline edition made by heritage" in refused.err
    assert theirs.read_bytes() == before
    wrong = in_project(project, "bundle", "--site", "main", "--lang", "km", "--out", str(tmp_path / "x.zip"))
    assert wrong.status == 1 and "Traceback" not in wrong.err
    assert wrong.problem_lines == ["sites/main.yml:4: languages: the site 'main' is not published in km; its languages are vi, en"]
    assert not (tmp_path / "x.zip").exists()
    unknown = in_project(project, "bundle", "--site", "nowhere", "--out", str(tmp_path / "x.zip"))
    assert unknown.status == 1 and "'nowhere' is not a site" in unknown.err


def test_a_broken_outline_is_reported_at_its_place(project: Path):
    outline = project / "content" / "_places" / "province.geojson"
    outline.parent.mkdir(parents=True)
    outline.write_text('{\n  "type": "Polygon",\n  "coordinates": [[[108, 14], [109, 14], [109, 13]\n}\n', encoding="utf-8")
    result = in_project(project, "check")
    assert result.status == 1
    assert result.problem_lines == [
        "content/_places/province.geojson:4: this is not valid JSON (Expecting ',' delimiter): the province's outline "
        "is a GeoJSON file, as QGIS or geojson.io export it"]
    outline.write_text(json.dumps({"type": "Feature", "properties": {}, "geometry": {
        "type": "MultiPolygon", "coordinates": [[[[108, 14], [109, 14], [109, 13], [108, 14]]], [[[14, 108], [14, 109], [13, 109], [14, 108]]]]}}),
        encoding="utf-8")
    result = in_project(project, "check")
    assert result.status == 1
    assert result.problem_lines == [
        "content/_places/province.geojson:1: geometry.coordinates[1][0][0]: [14, 108] is not a point [longitude, latitude] in "
        "degrees (longitude from -180 to 180, latitude from -90 to 90; GeoJSON puts the longitude first)"]
    outline.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    assert in_project(project, "check").problem_lines == [
        "content/_places/province.geojson:1: holds no Polygon or MultiPolygon: the outline must be the province's polygons, "
        "as a GeoJSON FeatureCollection, Feature or geometry"]


HOSTILE = '</script><img src=x onerror=alert(1)> {{ 7*6007 }} "\' \u2028'


def test_hostile_town_names_and_attribution_stay_text(project: Path, tmp_path: Path, browser):
    places = project / "content" / "_places"
    places.mkdir(parents=True)
    (places / "towns.yml").write_text(f"towns:\n  - {{name: {json.dumps(HOSTILE)}, rank: 1, coordinates: [13.99, 108.67]}}\n",
                                      encoding="utf-8")
    (places / "province.geojson").write_text(json.dumps({"type": "Feature", "properties": {"attribution": HOSTILE}, "geometry": {
        "type": "Polygon", "coordinates": [[[107.5, 13.0], [109.3, 13.0], [109.3, 14.7], [107.5, 14.7], [107.5, 13.0]]]}}),
        encoding="utf-8")
    out = tmp_path / "main.zip"
    result = in_project(project, "bundle", "--site", "main", "--out", str(out))
    assert result.status == 0, result.err
    with zipfile.ZipFile(out) as archive:
        archive.extractall(tmp_path / "unzipped")
    site = tmp_path / "unzipped" / "main"
    script = (site / "en" / "assets" / "javascripts" / "offline.js").read_text(encoding="utf-8")
    assert script.isascii() and "42049" not in script  # a script file of its own: no markup around it to end
    v = Visit(browser, 1280, 900)
    dialogs: list[str] = []
    v.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        v.page.goto((site / "en" / "map" / "index.html").as_uri())
        v.page.wait_for_selector(".hs-town-label")
        label = v.page.locator(".hs-town-label").inner_text()
        assert "</script><img src=x onerror=alert(1)> {{ 7*6007 }}" in label
        assert "<img src=x onerror=alert(1)>" in v.page.locator(".leaflet-control-attribution").inner_text()
        assert v.page.locator(".hs-overview img[src=x]").count() == 0
    finally:
        v.close()
    assert dialogs == [] and v.errors == []


def test_the_bundled_outline_is_read_and_holds_the_bundled_records(bundled: Path):
    """The bundled project's outline is valid, and every located record of its sites lies inside it, or within
    5 km of it: a 1:10 000 000 outline cuts corners off the coast (Quy Nhơn's peninsula)."""
    from generator.catalogue import CheckContext
    from generator.project import Project
    from generator.reading import load_catalogue

    ctx = CheckContext(Project(bundled))
    catalogue = load_catalogue(ctx)
    assert catalogue.outline is not None and catalogue.outline.source == "Outline: Natural Earth"
    ring = catalogue.outline.polygons[0][0]
    edges = list(zip(ring, ring[1:]))

    def inside(lon: float, lat: float) -> bool:  # ray casting
        hits = False
        for (x1, y1), (x2, y2) in edges:
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                hits = not hits
        return hits

    def km_to_edge(lon: float, lat: float) -> float:  # flat-earth distance, fine over a few kilometres
        scale = math.cos(math.radians(lat))
        best = math.inf
        for (x1, y1), (x2, y2) in edges:
            ax, ay, bx, by = (x1 - lon) * scale, y1 - lat, (x2 - lon) * scale, y2 - lat
            length = (bx - ax) ** 2 + (by - ay) ** 2
            t = max(0.0, min(1.0, -(ax * (bx - ax) + ay * (by - ay)) / length)) if length else 0.0
            best = min(best, math.hypot(ax + t * (bx - ax), ay + t * (by - ay)) * 111.2)
        return best

    located = [(entry.id, entry.record.location.coordinates) for entry in catalogue.records.values()
               if getattr(entry.record, "location", None) and entry.record.location.coordinates]
    assert len(located) > 30
    assert [rid for rid, (lat, lon) in located if not inside(lon, lat) and km_to_edge(lon, lat) > 5] == []
