"""What a site's search holds: names, kinds, summaries and the narrative pages, not every word of every page.

Material indexes the full text of every section of every page, and a
visitor's browser downloads all of it before the first result: 8 MB per
language at 1,000 records. Here Material indexes only the narrative pages; after
MkDocs writes a language's index, the other pages' entries are added from the
plan, which has what people look for in a heritage catalogue:
- a record's page (an event's too): its name (the title), and its kind,
  summary and names in the site's other languages (the text; plan.py's
  `search_text`), since visitors type the Vietnamese names they have seen;
- the narrative pages (about...): as MkDocs indexed them, sections included;
- the home page and the browse pages (kinds, levels, tags, lists, the map, the
  events): their title and description; their text lists records, which the
  records' own entries find;
- the sections of a record's page (key facts, sources, related...) have no
  entry: every record has the same headings, so they would find nothing.
A record's description is no longer searched: its names, kind and summary are.
Material shows a result's text as HTML: the texts written here are escaped.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path, PurePosixPath

from .engines import MKDOCS, ZENSICAL, Engine
from .views import PlannedPage

NARRATIVE = "narrative.md.j2"
SEARCH_INDEX = MKDOCS.search_index  # MkDocs', which the preview's updates work on


def indexed_by_mkdocs(page: PlannedPage) -> bool:
    """Whether Material indexes the page itself: only the narrative pages. The others' pages say
    `search: exclude` (render.py), since their entries come from the plan: Material would parse every
    record and list page only for this module to throw its sections away (a fifth of a build)."""
    return page.template == NARRATIVE


def shape_search_index(site_dir: Path, pages: tuple[PlannedPage, ...], engine: Engine = MKDOCS) -> None:
    """Rewrite the search index of one built site × language to hold what the module's docstring says."""
    path = site_dir / engine.search_index
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    position = {page.url: _source_order(page.path) for page in pages}
    docs = list(index.get(engine.entries, []))  # the narrative pages', and any page's the plan does not know
    docs += [_entry(page, engine) for page in pages if not indexed_by_mkdocs(page)]
    # In MkDocs' order of pages, as when Material indexed them all (a page's sections stay in theirs).
    docs.sort(key=lambda doc: position.get(doc["location"].partition("#")[0], LAST))
    index[engine.entries] = docs
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _entry(page: PlannedPage, engine: Engine) -> dict:
    title, text = escape(page.title, quote=False), escape(page.search_text or page.description)
    if engine == ZENSICAL:  # its entries also say their heading's level, their menu path and their tags
        return {"location": page.url, "level": 1, "title": title, "text": text, "path": [], "tags": []}
    return {"location": page.url, "title": title, "text": text}


def _source_order(path: str) -> tuple:
    """MkDocs' order of its documentation pages (mkdocs.structure.files.file_sort_key): by folder, index first."""
    source = PurePosixPath(path)
    return (source.parts[:-1], source.stem != "index", source.parts[-1])


LAST = (("\U0010ffff",), True, "")  # a page the plan does not know
