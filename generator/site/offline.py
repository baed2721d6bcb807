"""The offline edition of a built site: a folder that works from file://, a kiosk or a USB stick.

From a site built as usual (site/make.py), in place:
- a link to a page's folder names the folder's index.html (href, src and the
  no-script refresh; the search index's locations; map popups through
  offline.js), since a browser opening files shows a folder as a listing;
- search works without a server: the index is also a script
  (search/search_index.js, which Material loads from file://), and offline.js
  runs the search worker in a frame, as Chromium starts no worker from disk;
- maps draw the project's province outline and towns instead of tiles, with
  no request to any host (offline.js, its data written here per language);
- what needs a server goes: the 404 pages, the sitemaps and robots.txt (and
  the site is built without precompressed copies: bundle.py asks so); and what no visitor uses: source maps, and the search's
  support for languages the edition does not have. (The Git host's editor is
  never in it: bundle.py builds the site without it.)
Pure file work, deterministic: the same built site gives the same files.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from ..languages import language
from ..models.towns import Outline, Town

OFFLINE_SCRIPT = Path(__file__).with_name("offline.js")
SCRIPT_PATH = "assets/javascripts/offline.js"  # inside each language folder
SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz", "robots.txt")  # MkDocs writes the .gz itself
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*:|//|#)")
# Inside a start tag only (text has its '<' escaped, so no text is taken for a tag), attribute values
# in double quotes, as MkDocs, Material and our templates write them.
START_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
LINKING_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
REFRESH = re.compile(r'(\shttp-equiv="refresh" content="[0-9]+; ?url=)([^"]*)(")')


def page_link(href: str) -> str:
    """A relative link to a folder made a link to its index.html; every other link as it was.

    The same rule as pageLink in offline.js, which applies it to the links that scripts make.
    """
    if SCHEME.match(href):
        return href
    path, rest = re.match(r"^([^?#]*)(.*)$", href, re.S).groups()
    if not path:
        return href
    if path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/"
    return f"{path}index.html{rest}" if path.endswith("/") else href


def make_offline(site_dir: Path, languages: list[str], outline: Outline | None, towns: tuple[Town, ...]) -> None:
    """Turn the built site in `site_dir` (its `languages`) into its offline edition."""
    _remove_server_files(site_dir)
    for lang in languages:
        _remove_other_search_languages(site_dir / lang / "assets" / "javascripts" / "lunr", language(lang).search)
        _write_script(site_dir / lang / SCRIPT_PATH, lang, outline, towns)
        _index_as_script(site_dir / lang / "search")
    for page in sorted(site_dir.rglob("*.html")):
        lang = page.relative_to(site_dir).parts[0]
        depth = len(page.relative_to(site_dir / lang).parts) - 1 if lang in languages else None
        _rewrite_page(page, depth)


def _remove_server_files(site_dir: Path) -> None:
    for path in sorted(site_dir.rglob("*"), reverse=True):
        if path.is_file() and (path.suffix == ".map" or path.name in SERVER_ONLY):
            path.unlink()


def _remove_other_search_languages(lunr: Path, search: str) -> None:
    """Material ships Lunr's support for every language; the worker loads the page's own and these two."""
    keep = {"lunr.stemmer.support.min.js", "lunr.multi.min.js", f"lunr.{search}.min.js"}
    for path in sorted(lunr.rglob("*.js")):
        if path.name not in keep:
            path.unlink()


def _write_script(target: Path, lang: str, outline: Outline | None, towns: tuple[Town, ...]) -> None:
    data = {
        "outline": outline.as_geojson() if outline else None,
        "towns": [[town.name_in(lang), *town.coordinates, town.rank] for town in towns],
        "attribution": escape(outline.source) if outline else "",  # Leaflet shows it as HTML
    }
    # ASCII JSON is a JavaScript literal as it stands, whatever the names hold.
    script = OFFLINE_SCRIPT.read_text(encoding="utf-8").replace("/*DATA*/null", json.dumps(data, ensure_ascii=True))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script, encoding="utf-8")


def _index_as_script(search: Path) -> None:
    """search_index.js beside search_index.json, with links to index.html: Material reads it from file://."""
    source = search / "search_index.json"
    if not source.is_file():
        return
    index = json.loads(source.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        location = doc["location"]  # relative to the language root: "" and "#part" are on the home page
        doc["location"] = "index.html" + location if location[:1] in ("", "#") else page_link(location)
    source.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    # Material reads the global __index; ASCII JSON cannot end the script or break a line.
    (search / "search_index.js").write_text("var __index = " + json.dumps(index, ensure_ascii=True, separators=(",", ":")) + ";\n",
                                            encoding="utf-8")


def rewrite_links(html: str) -> str:
    """Every link of a page's tags (href, src, the no-script refresh) made to name a folder's index.html."""
    def tag(match: re.Match) -> str:
        text = LINKING_ATTRIBUTE.sub(lambda m: m[1] + page_link(m[2]) + m[3], match[0])
        return REFRESH.sub(lambda m: m[1] + page_link(m[2]) + m[3], text)
    return START_TAG.sub(tag, html)


def _rewrite_page(page: Path, depth: int | None) -> None:
    """Links to folders made links to their index.html; offline.js first in a language's pages."""
    html = rewrite_links(page.read_text(encoding="utf-8"))
    if depth is not None:
        tag = f'<script src="{"../" * depth}{SCRIPT_PATH}"></script>'
        html = html.replace("<head>", "<head>\n" + tag, 1)
    page.write_text(html, encoding="utf-8")
