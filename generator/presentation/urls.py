"""Where each page of a site lives: the output contract of DESIGN.md.

public/<site>/<lang>/index.html, <lang>/<collection>/<id>/ for records (the same
path in every language), browse pages under <lang>/kinds/, <lang>/levels/,
<lang>/tags/, narrative pages at <lang>/<slug>/.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalogue import RecordEntry
    from ..models import Site


def record_path(entry: "RecordEntry") -> str:
    """The path of a record's page inside a language, e.g. 'heritage/roc-tung-go-da/'."""
    return f"{entry.collection}/{entry.id}/"


def page_url(site: "Site", lang: str, path: str) -> str:
    """Absolute URL of a page: the site's url, the language, the page's path."""
    return f"{site.url}{lang}/{path}"


def record_url(site: "Site", lang: str, entry: "RecordEntry") -> str:
    return page_url(site, lang, record_path(entry))


def relative_url(target: str, current: str) -> str:
    """A link from the page at `current` to `target`, both relative to the language root.

    Plain string work: posixpath.relpath asks the operating system for the
    working directory on every call, and a large site makes millions of links.
    """
    if target.startswith(("http://", "https://", "geo:", "mailto:", "tel:", "#")):
        return target
    folder = target.endswith("/") or not target
    goal = posixpath.normpath("/root/" + target).split("/")[1:]
    here = posixpath.normpath("/root/" + current).split("/")[1:] if current.strip("/") else ["root"]
    common = 0
    while common < min(len(goal), len(here)) and goal[common] == here[common]:
        common += 1
    parts = [".."] * (len(here) - common) + goal[common:]
    path = "/".join(parts)
    if not path:
        return "./"
    return path + "/" if folder and not path.endswith("/") else path
