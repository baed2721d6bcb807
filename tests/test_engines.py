"""The bundled sites built with both engines, MkDocs and Zensical (issue 19), and compared.

Each engine builds the same project; the two outputs must hold the same
pages, every link inside a page must lead to a file of its own output, the
language switch must lead to the same page in the other language, and a
search typed without diacritics (or a Khmer or Lao word from the middle of a
name) must find its page, in Chromium, in both.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import pytest

from conftest import _Quiet, copy_bundled_project, run
from generator.build import build_sites
from generator.catalogue import CheckContext
from generator.project import Project
from generator.site.engines import Engine

ENGINES = ("mkdocs", "zensical")
SITES = ("gia-lai", "an-khe", "doi-tac")
LINK = re.compile(r'<(?:a|link|script|img|source)\b[^>]*?\s(?:href|src)="([^"]*)"', re.I)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The bundled project built by each engine, each output served at its own address."""
    servers = {engine: ThreadingHTTPServer(("127.0.0.1", 0), _Quiet) for engine in ENGINES}
    urls = {engine: f"http://127.0.0.1:{server.server_address[1]}/" for engine, server in servers.items()}
    outputs = {}
    for engine in ENGINES:
        project = copy_bundled_project(tmp_path_factory.mktemp(engine) / "project", url=urls[engine])
        result = run("--project", str(project), "build", "--engine", engine)
        assert result.status == 0, result.err
        assert "Build finished" not in result.out + result.err  # Zensical's own progress is not the editor's business
        outputs[engine] = project / "public"
        servers[engine].RequestHandlerClass = functools.partial(_Quiet, directory=str(outputs[engine]))  # <site>/<lang>/
        threading.Thread(target=servers[engine].serve_forever, daemon=True).start()
    yield outputs, urls
    for server in servers.values():
        server.shutdown()


def _pages(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*.html")}


def test_both_engines_make_the_same_pages_and_sitemaps(built):
    outputs, _ = built
    for site in SITES:
        mkdocs, zensical = outputs["mkdocs"] / site, outputs["zensical"] / site
        assert _pages(mkdocs) == _pages(zensical), site
        assert len(_pages(mkdocs)) > 50
        for lang_map in mkdocs.glob("*/sitemap.xml"):  # each language's own, written by the engine
            other = zensical / lang_map.relative_to(mkdocs)
            locs = [re.findall(r"<loc>([^<&]*)</loc>", path.read_text(encoding="utf-8")) for path in (lang_map, other)]
            assert len(locs[0]) > 20 and sorted(urlsplit(u).path for u in locs[0]) == sorted(urlsplit(u).path for u in locs[1])
        assert (zensical / "sitemap.xml").is_file() and (zensical / "data").is_dir()  # the site's root files too


@pytest.mark.parametrize("engine", ENGINES)
def test_every_link_inside_a_page_leads_to_a_file_of_its_own_output(built, engine):
    outputs, urls = built
    for site in SITES:
        root = outputs[engine] / site
        missing = []
        for page in root.rglob("*.html"):
            base = "/" + page.relative_to(root).as_posix()
            for link in LINK.findall(page.read_text(encoding="utf-8")):
                target = urljoin(base, link.replace("&amp;", "&"))
                if urlsplit(link).scheme or link.startswith(("#", "//")):
                    continue  # another host (the canonical address, map tiles' credits), or this page
                path = root / unquote(urlsplit(target).path).lstrip("/")
                if not (path.is_file() or (path / "index.html").is_file()):
                    missing.append((base, link))
        assert missing == [], (site, missing[:5])


@pytest.mark.parametrize("engine", ENGINES)
def test_the_language_switch_leads_to_the_same_page(built, engine):
    outputs, _ = built
    root = outputs[engine] / "doi-tac"
    checked = 0
    for page in (root / "en").rglob("index.html"):
        here = "/" + page.relative_to(root).as_posix()
        switch = dict(re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)"[^>]*class="md-select__link"', page.read_text(encoding="utf-8")))
        same = {lang: urljoin(here, href) for href, lang in switch.items()}
        assert same == {lang: here.replace("/en/", f"/{lang}/", 1).removesuffix("index.html") for lang in ("vi", "en", "km", "lo")}
        checked += 1
    assert checked > 50


def _search(page, url: str, engine: str, query: str) -> list[str]:
    page.goto(url)
    if engine == "zensical":  # its search is a dialog of its own
        page.click(".md-search__button")
        page.locator("input[aria-controls]").press_sequentially(query, delay=15)
        results = page.locator(f"[id='{page.locator('input[aria-controls]').get_attribute('aria-controls')}'] a[role=option]")
    else:
        page.click(".md-search__input")
        page.locator("input.md-search__input").press_sequentially(query, delay=15)
        page.locator("input.md-search__input").press("End")  # the key event that Khmer or Lao letters lack here
        results = page.locator(".md-search-result__item > a")
    # Both search as one types: wait for the results of the whole query (each link carries it, ?h=...),
    # and for them to settle (a link may get the new query before its list does).
    before: list = []
    for _ in range(60):
        links = [urlsplit(href) for href in results.evaluate_all("els => els.map(e => e.href)")]
        if links and links == before and all(parse_qs(link.query).get("h") == [query] for link in links):
            break
        before = links
        time.sleep(0.25)
    return [link.path for link in links]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("where, query, page", [
    ("gia-lai/en/", "cong chieng", "heritage/khong-gian-van-hoa-cong-chieng/"),
    ("gia-lai/vi/", "Roc Tung", "heritage/roc-tung-go-da/"),
    ("doi-tac/km/", "វប្បធម៌", "heritage/khong-gian-van-hoa-cong-chieng/"),  # a word from the middle of the name
    ("doi-tac/lo/", "ວັດທະນະທຳ", "heritage/khong-gian-van-hoa-cong-chieng/"),
])
def test_a_search_finds_the_page_in_both(built, visit, engine, where, query, page):
    _, urls = built
    v = visit(width=1280, height=900)
    found = _search(v.page, urls[engine] + where, engine, query)
    assert f"/{where}{page}" in found[:5], found
    assert v.errors == [] and v.failed == [] and v.outside == []


@pytest.mark.parametrize("engine", ENGINES)
def test_the_map_shows_the_places_in_both(built, visit, engine):
    _, urls = built
    v = visit(width=1280, height=900)
    v.page.goto(urls[engine] + "gia-lai/en/map/")
    v.page.locator(".leaflet-marker-icon, .marker-cluster").first.wait_for(timeout=10_000)
    assert v.page.locator(".leaflet-marker-icon, .marker-cluster").count() >= 5
    assert v.errors == [] and all(url.startswith("https://tile.openstreetmap.org/") for url in v.outside)  # tiles only


@pytest.mark.parametrize("engine", ENGINES)
def test_the_header_wears_the_province_s_colour_in_both(built, visit, engine):
    _, urls = built
    v = visit()
    v.page.goto(urls[engine] + "gia-lai/vi/")
    assert v.page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(140, 47, 27)"


def test_an_engine_that_is_not_installed_is_named_before_anything_is_read(tmp_path):
    project = copy_bundled_project(tmp_path / "project")
    ctx = CheckContext(Project(project))
    absent = Engine("zensical", Path("search.json"), "items", "heritage_no_such_engine")
    result = build_sites(ctx, [], project / "public", engine=absent)
    assert [(p.code, dict(p.params)["package"]) for p in result.problems.errors] == [("engine_missing", "heritage_no_such_engine")]
    assert not (project / "public").exists()
