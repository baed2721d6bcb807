"""Content is data, never code: hostile text in every text field of every format.

Every free-text field of every format (records of both collections, sites,
delegations, narrative pages: found by walking the JSON Schemas that the
models generate, so a new field is covered by itself) gets a payload made of
Jinja, HTML, attribute, script, JSON and spreadsheet attacks, marked with the
number of its field. Then the real tool builds everything (sites, maps, search
index, exports, the delegation brochure) and the tests check that:
- no expression was evaluated (no 42049, the product of the payload's {{ 7*6007 }});
- every payload reaches the output as the text it is: verbatim in the text and
  attributes of the HTML pages, in the JSON exports and the search index, and
  as a neutralised cell in the CSV;
- no payload became markup: no element or event attribute of its own, and no
  executable script holds content (content reaches scripts only as JSON data);
- in real Chromium, no payload runs (no dialog), wherever the visitor goes;
- the fields that are not free text (addresses, ids, languages, dates) refuse
  the payloads in `heritage check`, with a message at the field.
"""

from __future__ import annotations

import csv
import functools
import html
import json
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from conftest import BASE, REPO, Visit, _Quiet, run
from generator.cms import decap
from generator.models import COLLECTIONS, Delegation, PageFrontMatter, Site

EVALUATED = "42049"  # 7 * 6007: present only if a template engine ran the payload
# A brochure prints a delegation's own texts, and its site's practical notes, in its first language only.
UNPRINTED_SECOND_LANGUAGE = tuple(
    f"sites/delegations/visit.yml: {field}.vi"
    for field in ("delegation", "welcome", "host", "people.delegation[1].role", "people.host[1].role", "contacts[1].role",
                  "itinerary[2].programme[1].what", "itinerary[2].programme[1].venue")
) + ("sites/main.yml: practical[1].title.vi", "sites/main.yml: practical[1].text.vi")
# A site's practical notes are printed in its visits' brochures, not on its pages.
BROCHURE_ONLY = ("sites/delegations/", "sites/main.yml: practical")
# Kept for editors (where a record's point comes from), in the editor and the workbook, not on pages.
EDITORS_ONLY = ("location.coordinates_source", "editing.branch", "editing.app_id")


def payload(n: int) -> str:
    """The attacks, marked with the field's number; starts with '=' for spreadsheets."""
    return (
        f'=HYPERLINK("http://x.test") hx{n}: {{{{ 7*6007 }}}} {{% raw %}} {{%- include "x" %}} '
        f'<script>alert({n})</script> "><img src=x onerror=alert({n})> \'><svg onload=alert({n})> '
        f'</script><!-- ]]> ${{7*6007}} & end{n}'
    )


MARKER = re.compile(r"hx(\d+):")
MARKDOWN_FIELDS = ("description.vi", "description.en", "welcome.vi", "welcome.en", "text.vi", "text.en", "(body)")

# Text fields that must hold something particular: they get their own hostile tests.
NOT_FREE_TEXT = {"images[].file", "map.tiles"}

# -------------------------------------------------------------- the schema walk


def schema_leaves(schema: dict) -> list[tuple[str, dict]]:
    """Every value position of a format (as 'images[].alt.*'), with its schema."""
    defs = schema.get("$defs", {})
    out: list[tuple[str, dict]] = []

    def walk(node: dict, path: str) -> None:
        if "$ref" in node:
            return walk(defs[node["$ref"].split("/")[-1]], path)
        for key in ("anyOf", "oneOf"):
            if key in node:
                for option in node[key]:
                    if option.get("type") != "null":
                        walk(option, path)
                return
        kind = node.get("type")
        if kind == "object" and "properties" in node:
            for name, child in node["properties"].items():
                walk(child, f"{path}.{name}" if path else name)
        elif kind == "object" and "additionalProperties" in node:
            walk(node["additionalProperties"], path + ".*")
        elif kind == "array" and "items" in node:
            walk(node["items"], path + "[]")
        else:
            out.append((path, node))

    walk(schema, "")
    return out


def is_free_text(path: str, node: dict) -> bool:
    constrained = any(key in node for key in ("pattern", "format", "enum", "const"))
    return node.get("type") == "string" and not constrained and path not in NOT_FREE_TEXT


def is_constrained_text(path: str, node: dict) -> bool:
    return node.get("type") == "string" and not is_free_text(path, node) and "enum" not in node and "const" not in node


def value_paths(data, path: str = ""):
    """(schema-style path, location) of every scalar in a parsed document."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from value_paths(value, f"{path}.{key}" if path else key) if not _is_language_map(key, data) else \
                value_paths(value, path + ".*")
    elif isinstance(data, list):
        for value in data:
            yield from value_paths(value, path + "[]")
    else:
        yield path, data


def _is_language_map(key: str, data: dict) -> bool:
    return bool(re.fullmatch(r"[a-z]{2,3}", key)) and set(data) <= {"vi", "en", "km", "lo"}


def replace_leaves(data, wanted, make, path: str = "", concrete: str = ""):
    """A copy of `data` whose scalars at the wanted schema paths are replaced by make(where they are)."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            child = path + ".*" if _is_language_map(key, data) else (f"{path}.{key}" if path else key)
            out[key] = replace_leaves(value, wanted, make, child, f"{concrete}.{key}" if concrete else key)
        return out
    if isinstance(data, list):
        return [replace_leaves(value, wanted, make, path + "[]", f"{concrete}[{index + 1}]") for index, value in enumerate(data)]
    return make(concrete) if path in wanted else data


# ------------------------------------------------------- a project with every field

L = lambda vi, en: {"vi": vi, "en": en}  # noqa: E731

IMAGE = {"file": "go-da/pit.jpg", "alt": L("a", "a"), "caption": L("c", "c"), "credit": "c", "licence": "CC BY 4.0"}
LOCATION = {
    "coordinates": [13.972, 108.6514], "precision": "exact", "coordinates_source": "s", "commune": "Phường An Bình",
    "province": "Gia Lai",
    "former_address": "Phường An Bình, thị xã An Khê, tỉnh Gia Lai", "directions": L("d", "d"),
}
VISITING = {"opening_hours": L("o", "o"), "fee": L("f", "f"), "access": L("a", "a"),
            "contact": {"phone": "+84 269 382 4100", "email": "info@example.vn", "website": "https://example.vn/"}}
HERITAGE = {
    "kind": "archaeological-site", "name": L("n", "n"), "summary": L("s", "s"), "description": L("d", "d"),
    "designations": [{"level": "national", "year": 2020, "reference": "3227/QĐ-BVHTTDL"},
                     {"level": "national-treasure", "year": 2023, "kept_at": L("k", "k")}],
    "location": LOCATION, "visiting": VISITING, "images": [IMAGE], "tags": ["an-khe"], "related": ["honey"],
    "sources": [{"title": "t", "url": "https://example.vn/a"}],
}
PRODUCT = {
    "kind": "ocop-product", "name": L("n", "n"), "summary": L("s", "s"), "description": L("d", "d"),
    "category": "food", "stars": 5, "rated_year": 2024,
    "producer": {"name": "p", "commune": "Xã Gào", "phone": "+84 269 382 4100", "email": "p@example.vn",
                 "website": "https://example.vn/p"},
    "location": {**LOCATION, "coordinates": [13.9048, 107.904], "commune": "Xã Gào"},
    "images": [IMAGE], "tags": ["an-khe"], "related": ["go-da"],
    "sources": [{"title": "t", "url": "https://example.vn/b"}],
}
EVENT = {
    "kind": "festival", "name": L("n", "n"), "summary": L("s", "s"), "description": L("d", "d"),
    "when": {"from": "2099-11-11", "to": "2099-11-12", "note": L("w", "w")}, "place": "go-da", "countries": ["KH"],
    "location": {**LOCATION, "coordinates": None}, "images": [IMAGE], "tags": ["an-khe"], "related": ["honey"],
    "sources": [{"title": "t", "url": "https://example.vn/e"}],
}
YEARLY_EVENT = {**EVENT, "kind": "anniversary", "place": None, "related": ["festival"],
                "when": {"yearly": {"month": 6, "day": 24, "calendar": "lunar-leap", "since": 1967, "until": 2999},
                         "days": 2, "note": L("w", "w")}}
SITE = {
    "title": L("t", "t"), "url": "https://heritage.example/", "languages": ["vi", "en"],
    "include": {"ids": ["go-da", "honey", "festival", "yearly"], "kinds": ["ocop-product"], "tags": ["an-khe"], "exclude": ["gong-culture"]},
    "featured": ["go-da"],
    "translation_fallback": False,
    "map": {"tiles": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "attribution": "a"},
    "practical": [{"title": L("t", "t"), "text": L("x", "x")}],
    "editing": {"host": "gitea", "repo": "so/di-san", "branch": "main", "base_url": "https://git.example.vn",
                "api_root": "https://git.example.vn/api/v1", "app_id": "a", "interface": "vi"},
}
DELEGATION = {
    "site": "main", "languages": ["en", "vi"], "delegation": L("d", "d"), "country": "KH",
    "dates": {"from": "2026-12-10", "to": "2026-12-11"},
    "itinerary": [{"day": "2026-12-10", "stops": ["go-da"]},
                  {"day": "2026-12-11", "programme": [{"time": "09:00", "end": "10:00", "kind": "visit", "record": "honey",
                                                       "what": L("w", "w"), "venue": L("v", "v")}]}],
    "gifts": ["honey"], "paper": "A4", "welcome": L("w", "w"),
    "host": L("h", "h"),
    "people": {"delegation": [{"name": "n", "role": L("r", "r")}], "host": [{"name": "n", "role": L("r", "r")}]},
    "contacts": [{"name": "n", "kind": "liaison", "role": L("r", "r"), "phone": "+84 269 382 4100", "email": "c@example.vn"}],
}
PAGE = {"title": "t", "summary": "s", "order": 1}

FORMATS = {  # format: (its model, its documents as (path in the project, data))
    "heritage": (COLLECTIONS["heritage"], [("content/heritage/go-da.yml", HERITAGE)]),
    "products": (COLLECTIONS["products"], [("content/products/honey.yml", PRODUCT)]),
    "events": (COLLECTIONS["events"], [("content/events/festival.yml", EVENT), ("content/events/yearly.yml", YEARLY_EVENT)]),
    "site": (Site, [("sites/main.yml", SITE)]),
    "delegation": (Delegation, [("sites/delegations/visit.yml", DELEGATION)]),
    "page": (PageFrontMatter, [("content/pages/about.vi.md", PAGE), ("content/pages/about.en.md", PAGE)]),
}


class Fields:
    """Numbers every free-text field of every document, and remembers which are Markdown."""

    def __init__(self):
        self.where: dict[int, str] = {}

    def make(self, document: str):
        def number(path: str) -> str:
            n = len(self.where) + 1
            self.where[n] = f"{document}: {path}"
            return payload(n)
        return number


def write_project(root: Path, fields: Fields, url: str = "https://heritage.example/") -> None:
    shutil.copytree(BASE / "assets", root / "assets")
    shutil.copytree(REPO / "assets" / "theme", root / "assets" / "theme")  # the map needs its height
    (root / "content" / "heritage").mkdir(parents=True)
    shutil.copyfile(BASE / "content/heritage/gong-culture.yml", root / "content/heritage/gong-culture.yml")  # excluded
    shutil.copyfile(BASE / "mkdocs.yml", root / "mkdocs.yml")
    for name, (model, documents) in FORMATS.items():
        wanted = {path for path, node in schema_leaves(model.model_json_schema()) if is_free_text(path, node)}
        for rel, data in documents:
            data = replace_leaves({**data, "url": url} if name == "site" else data, wanted, fields.make(rel))
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            if target.suffix == ".md":
                body = fields.make(rel)("(body)")
                text = f"---\n{text}---\n\n{body}\n"
            target.write_text(text, encoding="utf-8")


def test_the_fixture_fills_every_text_field_of_every_format():
    """A new text field in a model must be added to the documents above, or this fails."""
    for name, (model, documents) in FORMATS.items():
        leaves = {path for path, node in schema_leaves(model.model_json_schema()) if node.get("type") == "string"}
        # Together: some fields exclude each other (an event's `when` is once, yearly or usually).
        given = {path for _, data in documents for path, _ in value_paths(data)}
        assert leaves <= given, f"{name}: fill in {sorted(leaves - given)}"


# ------------------------------------------------------------------ the build


class _Page(HTMLParser):
    """Text, attribute values, tags and scripts of an HTML page, as a browser would parse them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.strings: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[str, str]] = []  # (type, text)
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        for name, value in attributes.items():
            self.strings.extend(_json_strings(json.loads(value)) if name == "data-map" else [value])
        if tag == "script":
            self._script = attributes.get("type", "")
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag):
        if tag == "script" and self._script == "application/json":
            self.strings.extend(_json_strings(json.loads(self.scripts[-1][1])))
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)
        else:
            self.strings.append(data)


def _json_strings(value, key: str = ""):
    """The strings of a JSON value; a map's attribution is HTML for Leaflet, so it is read as such."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _json_strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item, key)
    elif isinstance(value, str):
        yield html.unescape(value) if key == "attribution" else value


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile project, built for the address where it is served, and served."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    root = tmp_path_factory.mktemp("hostile") / "project"
    fields = Fields()
    write_project(root, fields, url)
    result = run("--project", str(root), "build")
    assert result.status == 0, result.err
    server.RequestHandlerClass = functools.partial(_Quiet, directory=str(root / "public" / "main"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root / "public", fields, url
    server.shutdown()


def _text_files(public: Path):
    vendored = {file.name for file in decap.files(decap.folder())}  # Decap CMS's own code, as released
    for path in sorted(public.rglob("*")):
        if path.parent.name == "admin" and path.name in vendored:
            continue
        if path.is_file() and path.suffix in (".html", ".json", ".geojson", ".csv", ".xml", ".js", ".ics", ".txt", ".yml"):
            yield path


def test_no_expression_is_evaluated_anywhere(hostile):
    public, fields, _ = hostile
    seen = set()
    for path in _text_files(public):
        text = path.read_text(encoding="utf-8")
        assert EVALUATED not in text, f"{path}: a template engine ran a payload"
        assert "uid=" not in text
        seen.update(int(n) for n in MARKER.findall(text))
    pdf = _pdf_text(public / "brochures" / "visit.pdf")
    assert EVALUATED not in pdf
    seen.update(int(n) for n in MARKER.findall(pdf))
    # Every payload was published somewhere: each field really reached an output. (A brochure
    # prints a delegation's own texts in its first language only.)
    unseen = {n for n in set(fields.where) - seen if not fields.where[n].startswith(UNPRINTED_SECOND_LANGUAGE)}
    assert unseen == set(), [fields.where[n] for n in sorted(unseen)]


def test_every_payload_is_shown_as_the_text_it_is(hostile):
    public, fields, _ = hostile
    pages = sorted(public.glob("main/**/*.html"))
    assert len(pages) > 10
    shown = set()
    for path in pages:
        page = parse(path)
        for string in page.strings:
            for n in map(int, MARKER.findall(string)):
                if fields.where[n].endswith(MARKDOWN_FIELDS):
                    continue
                # A payload may be cut where a page shortens it; it is never changed.
                assert payload(n) in string or _is_prefix_cut(string, payload(n)), (path, fields.where[n], string)
                if payload(n) in string:
                    shown.add(n)
        # Markdown makes *...* emphasis and splits the text there: what a reader sees is the
        # payload without those asterisks, the HTML in it shown as text.
        text = "".join(page.strings)
        for n in map(int, MARKER.findall(text)):
            if fields.where[n].endswith(MARKDOWN_FIELDS):
                assert payload(n).replace("*", "") in text.replace("*", ""), (path, fields.where[n])
                shown.add(n)
    # Every payload of a field that the pages show appears whole at least once.
    missing = {n for n in fields.where if not fields.where[n].startswith(BROCHURE_ONLY) and not fields.where[n].endswith(EDITORS_ONLY)} - shown
    assert not missing, [fields.where[n] for n in sorted(missing)]


def _is_prefix_cut(string: str, whole: str) -> bool:
    """True when `string` holds the start of `whole`, cut short and ended by an ellipsis."""
    for cut in range(len(whole) - 1, 20, -1):
        if whole[:cut].rstrip() + "…" in string or whole[:cut].rstrip() + "..." in string:
            return True
    return False


def test_no_payload_becomes_markup_or_script(hostile):
    public, fields, _ = hostile
    for path in sorted(public.glob("main/**/*.html")):
        page = parse(path)
        for tag, attributes in page.tags:
            assert tag not in ("svg", "iframe", "object", "embed") or "hx" not in str(attributes), (path, tag)
            assert not (tag == "img" and attributes.get("src") == "x"), (path, "an <img> from a payload")
            for name, value in attributes.items():
                assert not name.startswith("on"), (path, tag, name)
                assert not value.strip().lower().startswith(("javascript:", "data:text/html")), (path, tag, name)
        for kind, text in page.scripts:
            if kind in ("application/json", "application/ld+json"):
                json.loads(text)  # data, and still well-formed JSON
                assert "</" not in text and "<!--" not in text, (path, "a data block that ends early")
            else:
                assert not MARKER.search(text), (path, "content inside an executable script")


def test_exports_keep_the_text_and_neutralise_spreadsheet_formulas(hostile):
    public, fields, _ = hostile
    data = public / "main" / "data"
    records = json.loads((data / "records.json").read_text(encoding="utf-8"))["records"]
    go_da = next(r for r in records if r["id"] == "go-da")
    assert MARKER.search(go_da["name"]["en"]) and go_da["name"]["en"] == payload(int(MARKER.search(go_da["name"]["en"])[1]))
    features = json.loads((data / "records.geojson").read_text(encoding="utf-8"))["features"]
    assert all(f["properties"]["name_en"].startswith("=HYPERLINK") for f in features)
    with (data / "records.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4  # the heritage record, the product and the two events
    text_cells = [cell for row in rows for name, cell in row.items() if MARKER.search(cell or "")]
    assert text_cells and all(cell.startswith("'=HYPERLINK") or not cell.startswith("=") for cell in text_cells)
    assert payload(int(MARKER.search(rows[0]["name_en"])[1])) == rows[0]["name_en"][1:]  # the text after the apostrophe
    for row in rows:  # nothing a spreadsheet would run, in any column
        for name, cell in row.items():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
            assert not cell.startswith("-") or re.fullmatch(r"-?[0-9.]+", cell), (name, cell)


def test_the_search_index_holds_the_text_not_evaluated(hostile):
    public, _, _ = hostile
    for lang in ("vi", "en"):
        index = json.loads((public / "main" / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
        text = json.dumps(index, ensure_ascii=False)
        assert "{{ 7*6007 }}" in text and EVALUATED not in text


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_brochure_prints_the_payloads_as_text(hostile):
    public, fields, _ = hostile
    text = " ".join(_pdf_text(public / "brochures" / "visit.pdf").split())
    delegation = [n for n, where in fields.where.items()
                  if where.startswith(BROCHURE_ONLY) and not where.startswith(UNPRINTED_SECOND_LANGUAGE)]
    assert delegation and all(f"hx{n}:" in text for n in delegation)
    assert "{{ 7*6007 }}" in text and '<script>alert(' in text and EVALUATED not in text


def test_no_payload_runs_in_chromium(hostile, browser):
    public, _, url = hostile
    v = Visit(browser, 1280, 900)
    dialogs: list[str] = []
    v.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for path in ("", "vi/", "en/", "en/heritage/", "en/products/", "en/heritage/go-da/", "vi/products/honey/",
                     "en/about/", "en/tags/an-khe/", "en/map/"):
            v.page.goto(url + path)
            v.page.mouse.wheel(0, 4000)  # record maps load when they scroll into view
            v.page.wait_for_timeout(400)
        v.page.wait_for_selector(".leaflet-marker-icon")
        for index in range(v.page.locator(".leaflet-marker-icon.hs-marker").count()):
            v.page.locator(".leaflet-marker-icon.hs-marker").nth(index).click()
            v.page.wait_for_selector(".hs-popup__name")
            assert "{{ 7*6007 }}" in v.page.locator(".hs-popup__name").last.inner_text()
        layers = v.page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        assert layers and all("(" in label for label in layers)
        attribution = v.page.locator(".leaflet-control-attribution").inner_text()
        assert "<img src=x onerror=alert(" in attribution  # shown as text, not made into an image
        v.page.goto(url + "en/")
        v.page.click(".md-search__input")
        v.page.locator("input.md-search__input").press_sequentially("hx2", delay=15)
        v.page.wait_for_selector(".md-search-result__item")
        v.page.wait_for_timeout(300)
    finally:
        v.close()
    assert dialogs == []
    assert EVALUATED not in "".join(dialogs)


# --------------------------------------------------- fields that are not free text


HOSTILE_URLS = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    'https://x.example/"><script>alert(1)</script>',
    "https://x.example/{{ 7*6007 }}",
    "https://x.example/ onmouseover=alert(1)",
]


@pytest.mark.parametrize("hostile_url", HOSTILE_URLS)
def test_addresses_refuse_hostile_urls(tmp_path, hostile_url):
    """Every address field (and the tile template) refuses the URL, with a message at the field."""
    root = tmp_path / "project"
    fields = Fields()
    write_project(root, fields)
    expected = set()
    for name, (model, documents) in FORMATS.items():
        wanted = {path for path, node in schema_leaves(model.model_json_schema())
                  if node.get("format") == "uri" or path == "map.tiles"}
        for rel, data in documents:
            if not wanted or rel.endswith(".md"):
                continue
            data = replace_leaves(data, wanted, lambda where, rel=rel: expected.add((rel, where)) or hostile_url)
            (root / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("--project", str(root), "check")
    assert result.status == 1
    reported = {(line.split(":")[0], line.split(": ")[1]) for line in result.err.splitlines() if ": " in line}
    assert expected <= reported, sorted(expected - reported)
    assert EVALUATED not in result.err


def test_ids_languages_and_dates_refuse_payloads(tmp_path):
    """Constrained text (ids, tags, language codes, e-mail, phone, dates) refuses a payload at its field."""
    root = tmp_path / "project"
    write_project(root, Fields())
    expected = set()
    for name, (model, documents) in FORMATS.items():
        wanted = {path for path, node in schema_leaves(model.model_json_schema())
                  if is_constrained_text(path, node) and node.get("format") != "uri" and path not in NOT_FREE_TEXT}
        for rel, data in documents:
            if rel.endswith(".md") or not wanted:
                continue
            data = replace_leaves(data, wanted, lambda where, rel=rel: expected.add((rel, where)) or payload(0))
            (root / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("--project", str(root), "check")
    assert result.status == 1
    reported = {(line.split(":")[0], line.split(": ")[1]) for line in result.err.splitlines() if ": " in line}
    missing = {(rel, path) for rel, path in expected if not any(r == rel and p.startswith(path) for r, p in reported)}
    assert not missing, sorted(missing)
    assert EVALUATED not in result.err


def test_the_report_csv_runs_no_formula(hostile):
    public, _, _ = hostile
    result = run("--project", str(public.parent), "report", "--format", "csv")
    rows = list(csv.reader(result.out.splitlines()))
    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)  # a commune of a province not found
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@")) and cell != "-"]  # "-": nothing missing


def test_the_editor_configuration_holds_the_payloads_as_data(hostile):
    """The site's editor reads its settings from config.yml: they arrive there as YAML strings, whole."""
    public, fields, _ = hostile
    config = yaml.safe_load((public / "main" / "admin" / "config.yml").read_text(encoding="utf-8"))
    given = {fields.where[n].rpartition(".")[2]: payload(n) for n in fields.where if fields.where[n].startswith("sites/main.yml: editing.")}
    assert config["backend"]["branch"] == given["branch"] and config["backend"]["app_id"] == given["app_id"]
    page = (public / "main" / "admin" / "index.html").read_text(encoding="utf-8")
    assert "hx" not in page  # the page itself holds no text of the site's
