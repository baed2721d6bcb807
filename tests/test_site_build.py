"""The built websites, read as files: pages, links, metadata, sitemap, safety, reproducibility."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from PIL import Image

from conftest import REPO, copy_bundled_project, run
from generator.catalogue import CheckContext
from generator.project import Project
from generator.reading import load_catalogue

SITES = {"gia-lai": "https://disan.gialai.example/", "an-khe": "https://disan.ankhe.example/"}
LANGS = ("vi", "en")


class Page(HTMLParser):
    """What a test needs from an HTML file: links, ids, meta, JSON-LD, scripts."""

    def __init__(self, text: str):
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()
        self.meta: dict[str, str] = {}
        self.alternates: dict[str, str] = {}
        self.canonical = ""
        self.html_lang = ""
        self.jsonld: list[str] = []
        self._in_jsonld = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang", "")
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.links.append((tag, key, a[key]))
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a.get("name")] = a.get("content", "")
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        self._in_jsonld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(data)
            self._in_jsonld = False


def _pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


@pytest.fixture(scope="module")
def catalogue():
    from conftest import REPO

    return load_catalogue(CheckContext(Project(REPO)))


def test_every_record_has_a_page_in_every_language(bundled_build, catalogue):
    for name in SITES:
        members = catalogue.members(catalogue.sites[name])
        assert members
        for entry in members:
            for lang in LANGS:
                assert (bundled_build / name / lang / entry.collection / entry.id / "index.html").is_file(), (name, lang, entry.id)


def test_the_websites_load_their_own_styles_not_the_brochures(bundled_build):
    home = (bundled_build / "gia-lai" / "en" / "index.html").read_text(encoding="utf-8")
    assert "assets/theme/extra.css" in home and "brochure.css" not in home  # print rules would restyle the site


def test_output_layout_follows_the_contract(bundled_build):
    for name in SITES:
        site = bundled_build / name
        for path in ("index.html", "sitemap.xml", "robots.txt", "404.html", "vi/index.html", "en/index.html",
                     "vi/404.html", "en/404.html", "data/records.geojson", "data/records.csv", "data/records.json",
                     "data/datapackage.json"):
            assert (site / path).is_file(), (name, path)
    assert not (bundled_build / ".staging").exists()


def test_no_internal_link_or_anchor_is_broken(bundled_build):
    broken = []
    for name, url in SITES.items():
        site = bundled_build / name
        parsed = {path: Page(path.read_text(encoding="utf-8")) for path in _pages(site)}
        for path, page in parsed.items():
            here = "/" + path.relative_to(site).as_posix()
            for tag, _, value in page.links:
                if value.startswith(("mailto:", "tel:", "geo:", "data:", "javascript:")) or tag == "a" and value.startswith("http") and not value.startswith(url):
                    continue
                target = urljoin(here, value.replace(url, "/", 1) if value.startswith(url) else value)
                parts = urlsplit(target)
                file = site / unquote(parts.path).lstrip("/")
                if parts.path.endswith("/") or file.is_dir():
                    file = file / "index.html"
                if not file.is_file():
                    broken.append(f"{path.relative_to(site)}: {value}")
                elif parts.fragment and file.suffix == ".html":
                    target_page = parsed.get(file) or Page(file.read_text(encoding="utf-8"))
                    if parts.fragment not in target_page.ids:
                        broken.append(f"{path.relative_to(site)}: {value} (no #{parts.fragment})")
    assert broken == []


def test_nothing_is_loaded_from_another_host(bundled_build):
    outside = []
    for path in _pages(bundled_build):
        for tag, key, value in Page(path.read_text(encoding="utf-8")).links:
            loads = key == "src" or (tag == "link" and key == "href")
            if loads and re.match(r"^(https?:)?//", value):
                page = Page(path.read_text(encoding="utf-8"))
                if value not in page.alternates.values() and value != page.canonical:
                    outside.append(f"{path}: <{tag} {key}={value}>")
    for css in bundled_build.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        outside += [f"{css}: {m}" for m in re.findall(r"(?:@import|url\()\s*['\"]?(?:https?:)?//[^)'\"]+", text)]
    assert outside == []
    assert not any("fonts.googleapis" in p.read_text(encoding="utf-8") for p in _pages(bundled_build))


@pytest.mark.parametrize("lang", LANGS)
def test_record_pages_carry_language_seo_and_structured_data(bundled_build, lang):
    site = bundled_build / "gia-lai"
    page = Page((site / lang / "heritage" / "roc-tung-go-da" / "index.html").read_text(encoding="utf-8"))
    url = f"{SITES['gia-lai']}{lang}/heritage/roc-tung-go-da/"
    assert page.html_lang == lang
    assert page.canonical == url
    assert page.alternates == {
        "vi": f"{SITES['gia-lai']}vi/heritage/roc-tung-go-da/",
        "en": f"{SITES['gia-lai']}en/heritage/roc-tung-go-da/",
        "x-default": f"{SITES['gia-lai']}vi/heritage/roc-tung-go-da/",
    }
    assert page.meta["description"] and page.meta["og:description"] == page.meta["description"]
    assert page.meta["og:url"] == url
    assert page.meta["og:image"] == f"{SITES['gia-lai']}media/cards/{lang}/archaeological-site.jpg"  # its kind's: no photo
    assert page.meta["twitter:card"] == "summary_large_image" and page.meta["twitter:image"] == page.meta["og:image"]
    with Image.open(site / "media" / "cards" / lang / "archaeological-site.jpg") as card:
        assert (card.format, card.size) == ("JPEG", (1200, 630))
    home = Page((site / lang / "index.html").read_text(encoding="utf-8"))
    with Image.open(site / lang / home.meta["og:image"].split(f"/{lang}/", 1)[1]) as card:  # the site's own card
        assert (card.format, card.size) == ("PNG", (1200, 630))
    data = json.loads(page.jsonld[0])
    assert data["image"] == page.meta["og:image"]
    assert data["@type"] == ["TouristAttraction", "LandmarksOrHistoricalBuildings"]
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 13.972, "longitude": 108.6514}
    assert data["url"] == url


def test_every_page_has_title_description_and_alternates(bundled_build):
    for path in _pages(bundled_build / "gia-lai"):
        rel = path.relative_to(bundled_build / "gia-lai").as_posix()
        if rel in ("index.html", "404.html") or rel.endswith("/404.html"):
            continue
        page = Page(path.read_text(encoding="utf-8"))
        assert page.meta.get("description"), rel
        assert set(page.alternates) == {"vi", "en", "x-default"}, rel
        assert page.jsonld == [] or json.loads(page.jsonld[0])["@context"] == "https://schema.org"


def test_products_are_structured_as_products(bundled_build):
    page = Page((bundled_build / "gia-lai/en/products/mat-ong-phuong-di/index.html").read_text(encoding="utf-8"))
    data = json.loads(page.jsonld[0])
    assert data["@type"] == "Product" and data["manufacturer"]["@type"] == "Organization"


def test_sitemap_lists_every_page_with_its_alternates(bundled_build):
    site = bundled_build / "gia-lai"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = {u.find("s:loc", ns).text: u for u in root.findall("s:url", ns)}
    pages = {
        f"{SITES['gia-lai']}{p.parent.relative_to(site).as_posix()}/"
        for p in site.glob("*/**/index.html") if p.parts[-2] not in ("search",)
    }
    assert set(locs) == pages
    for loc, element in locs.items():
        links = {l.get("hreflang"): l.get("href") for l in element.findall("x:link", ns)}
        assert set(links) == {"vi", "en", "x-default"}, loc
        assert loc in links.values()
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITES['gia-lai']}sitemap.xml" in robots


def test_root_index_sends_visitors_to_a_language(bundled_build):
    text = (bundled_build / "gia-lai/index.html").read_text(encoding="utf-8")
    assert 'url=vi/' in text and 'href="en/"' in text  # without scripts: the refresh, and a link per language


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    project = copy_bundled_project(tmp_path / "project")
    first, second = tmp_path / "first", tmp_path / "second"
    assert run("--project", str(project), "build", "--out", str(first)).status == 0
    time.sleep(1.1)  # a clock read anywhere would now differ
    os.environ["TZ"], previous = "Pacific/Kiritimati", os.environ.get("TZ")
    try:
        time.tzset()
        assert run("--project", str(project), "build", "--out", str(second)).status == 0
    finally:
        os.environ.pop("TZ") if previous is None else os.environ.__setitem__("TZ", previous)
        time.tzset()
    one, two = _tree(first), _tree(second)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_a_failed_build_leaves_the_output_untouched(tmp_path):
    project = copy_bundled_project(tmp_path / "project")
    out = tmp_path / "public"
    assert run("--project", str(project), "build", "--out", str(out)).status == 0
    before = _tree(out)

    record = project / "content/heritage/can-cu-khu-9.yml"
    good = record.read_text(encoding="utf-8")
    record.write_text(good + "sumary: {vi: x, en: x}\n", encoding="utf-8")
    result = run("--project", str(project), "--messages", "en", "build", "--out", str(out))
    assert result.status == 1 and "sumary: unknown field 'sumary'; did you mean 'summary'?" in result.err
    assert _tree(out) == before

    record.write_text(good, encoding="utf-8")
    (project / "mkdocs.yml").write_text("markdown_extensions:\n  - no_such_extension\n", encoding="utf-8")
    result = run("--project", str(project), "--messages", "en", "build", "--out", str(out))
    assert result.status == 1 and "website could not be built" in result.err and "Traceback" not in result.err
    assert _tree(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["an-khe", "brochures", "doi-tac", "gia-lai"]


def test_a_failed_first_build_creates_nothing(tmp_path):
    project = copy_bundled_project(tmp_path / "project")
    (project / "content/heritage/broken.yml").write_text("kind: [\n", encoding="utf-8")
    assert run("--project", str(project), "build").status == 1
    assert not (project / "public").exists()


def test_building_one_site_leaves_the_others(tmp_path):
    project = copy_bundled_project(tmp_path / "project")
    out = tmp_path / "public"
    assert run("--project", str(project), "build", "--site", "an-khe", "--out", str(out)).status == 0
    assert sorted(p.name for p in out.iterdir()) == ["an-khe"]
    assert run("--project", str(project), "--messages", "en", "build", "--site", "nowhere", "--out", str(out)).status == 1


INJECTION = """\
# yaml-language-server: $schema=../_schema/heritage.schema.json
kind: intangible-heritage
name: {vi: "<script>alert('name')</script>", en: "<script>alert('name')</script>"}
summary: {vi: '"><img src=x onerror=alert(1)>', en: '"><img src=x onerror=alert(1)>'}
description:
  vi: "<script>alert('d')</script> [click](https://example.org/) <img src=x onerror=alert(2)> <b onclick=alert(3)>b</b>"
  en: "<script>alert('d')</script> [click](https://example.org/) <a href=' javascript:alert(4)'>x</a>"
sources:
  - {title: "</script><script>alert(5)</script>", url: "https://example.org/?q=%3Cscript%3E"}
"""


def test_injected_script_in_content_is_inert(tmp_path):
    project = copy_bundled_project(tmp_path / "project")
    (project / "content/heritage/xss-test.yml").write_text(INJECTION, encoding="utf-8")
    assert run("--project", str(project), "build", "--site", "gia-lai").status == 0
    site = project / "public/gia-lai"
    for lang in LANGS:
        html = (site / lang / "heritage/xss-test/index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
        tags = re.findall(r"<[a-zA-Z][^>]*>", re.sub(r'"[^"]*"', '""', html))  # attribute values blanked
        assert [tag for tag in tags if re.search(r"\son\w+=", tag)] == []
        assert not re.search(r"<a[^>]+href=['\"]?\s*javascript:", html, re.I)
        assert "&lt;a href=' javascript:alert(4)'&gt;x&lt;/a&gt;" in html or lang == "vi"  # HTML in Markdown is text
        data = Page(html).jsonld[0]
        assert "</script" not in data and json.loads(data)["name"] == "<script>alert('name')</script>"
    for path in _pages(site):
        assert "<script>alert" not in path.read_text(encoding="utf-8"), path


def test_record_pages_stay_small_and_do_not_list_the_catalogue(bundled_build):
    site = bundled_build / "gia-lai"
    for path in (site / "en" / "heritage").glob("*/index.html"):
        html = path.read_text(encoding="utf-8")
        assert len(html.encode()) < 80_000, path
        links = re.findall(r'href="[^"]*(?:heritage|products)/[a-z0-9-]+/"', html)
        assert len(links) < 15, (path, len(links))


def test_text_files_have_precompressed_copies(bundled_build):
    import gzip

    import brotli

    site = bundled_build / "gia-lai"
    for name in ("en/index.html", "vi/heritage/roc-tung-go-da/index.html", "sitemap.xml", "data/records.json",
                 "en/search/search_index.json"):
        original = (site / name).read_bytes()
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == original, name
        assert brotli.decompress((site / f"{name}.br").read_bytes()) == original, name
    assert not (site / "robots.txt.gz").exists()  # too small to be worth it
    assert not list(site.rglob("*.png.gz"))  # images are compressed already


def test_the_search_index_holds_names_kinds_and_summaries_not_every_section(bundled_build):
    site = bundled_build / "gia-lai"
    record = yaml.safe_load((REPO / "content/heritage/khong-gian-van-hoa-cong-chieng.yml").read_text(encoding="utf-8"))
    for lang, other in (("en", "vi"), ("vi", "en")):
        docs = json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        by_location = {doc["location"]: doc for doc in docs}
        entry = by_location["heritage/khong-gian-van-hoa-cong-chieng/"]
        assert entry["title"] == record["name"][lang]
        # its kind, its summary (escaped: Material shows the text as HTML) and its name in the other language
        assert html.escape(record["summary"][lang]) in entry["text"] and record["name"][other] in entry["text"]
        assert not [loc for loc in by_location if loc.startswith("heritage/khong-gian-van-hoa-cong-chieng/#")]
        assert not [loc for loc in by_location if loc.startswith(("tags/", "kinds/")) and "#" in loc]
        assert len(by_location["about/"]["text"]) > 500  # a narrative page keeps its whole text
    assert (site / "en" / "search" / "search_index.json").stat().st_size < 60_000
