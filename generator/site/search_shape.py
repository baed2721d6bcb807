"""What a site's search holds: names, kinds, summaries and the narrative pages, not every word of every page.

Material indexes the full text of every section of every page, and a
visitor's browser downloads all of it before the first result: 8 MB per
language at 1,000 records. After MkDocs writes a language's index, it keeps
what people look for in a heritage catalogue:
- a record's page (an event's too): its name (the title), and its kind,
  summary and names in the site's other languages (the text; plan.py's
  `search_text`), since visitors type the Vietnamese names they have seen;
- the narrative pages (about...): as MkDocs indexed them, sections included;
- the home page and the browse pages (kinds, levels, tags, lists, the map, the
  events): their title and description; their text lists records, which the
  records' own entries find;
- the sections of a record's page (key facts, sources, related...) go: every
  record has the same headings, so they find nothing and cost the most.
A record's description is no longer searched: its names, kind and summary are.
Material shows a result's text as HTML: the texts written here are escaped.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from .views import PlannedPage

NARRATIVE = "narrative.md.j2"
SEARCH_INDEX = Path("search") / "search_index.json"  # in a built site x language


def shape_search_index(site_dir: Path, pages: tuple[PlannedPage, ...]) -> None:
    """Rewrite the search index of one built site × language to hold what the module's docstring says."""
    path = site_dir / SEARCH_INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    planned = {page.url: page for page in pages}
    docs = []
    for doc in index["docs"]:
        url, _, section = doc["location"].partition("#")
        page = planned.get(url)
        if page is None or page.template == NARRATIVE:
            docs.append(doc)  # a page the plan does not know (404), or one written to be read
        elif section:
            continue
        else:
            docs.append({**doc, "text": escape(page.search_text or page.description)})
    index["docs"] = docs
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
