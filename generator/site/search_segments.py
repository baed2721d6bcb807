"""Search in languages written without spaces between words (Khmer, Lao).

Lunr, behind Material's search, splits text into words at spaces. A Khmer or
Lao sentence is one long "word" to it, so a word from its middle finds
nothing. After MkDocs writes a segmented language's search index, each text in
it gets a zero-width space (U+200B) at every word boundary that ICU's
dictionary-based word break finds (PyICU); the language's partial tells the
search to split at those too (theme.language_partial). Nothing changes on the
pages: the marks are invisible, and only the index carries them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import icu

from ..languages import script_class, segmented_scripts
from .engines import MKDOCS, Engine

ZWSP = "\u200b"


# Runs of the scripts written without spaces; only these are segmented, so that
# the index's HTML tags, entities and Latin words stay exactly as MkDocs wrote them.
UNSPACED = re.compile("[" + "".join(script_class(script) for script in segmented_scripts()) + "]+")
SEPARATOR = r"[\s\-\u200b]+"  # lunr's: spaces and hyphens, as Material's, and the marks


def segment(text: str, lang: str) -> str:
    """`text` with a zero-width space between every two adjacent words of its Khmer or Lao runs."""
    breaker = icu.BreakIterator.createWordInstance(icu.Locale(lang))

    def marked(run: re.Match) -> str:
        breaker.setText(run.group())
        bounds = [breaker.first(), *breaker]
        return ZWSP.join(run.group()[start:end] for start, end in zip(bounds, bounds[1:]))

    return UNSPACED.sub(marked, text)


def segment_search_index(site_dir: Path, lang: str, engine: Engine = MKDOCS) -> None:
    """Rewrite the search index of one built site × language with its words marked."""
    path = site_dir / engine.search_index
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index.setdefault("config", {})["separator"] = SEPARATOR  # the worker splits the index's texts and the queries with it
    for doc in index.get(engine.entries, []):
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = segment(doc[field], lang)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
