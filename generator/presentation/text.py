"""A text in a language, with visible fallback.

Records give their texts per language; an output shows each in the language
of the page or booklet, or, where the publication allows it, in another one,
and then says so (the view knows `fallback` and the language it is really in).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """A text as shown: its value and the language it is really in."""

    value: str
    lang: str
    fallback: bool = False


def pick_text(texts: dict[str, str], lang: str, languages: list[str]) -> Text:
    """The text in `lang`, else in the first of `languages` that has it (validation allows this only with fallback)."""
    if lang in texts:
        return Text(texts[lang], lang)
    for other in (*languages, *sorted(texts)):
        if other in texts:
            return Text(texts[other], other, fallback=True)
    raise KeyError(lang)
