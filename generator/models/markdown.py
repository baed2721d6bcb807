"""What editors' Markdown may link to.

Descriptions, welcome texts and narrative pages are Markdown. A link whose
address is a script (`javascript:`) or a document of its own (`data:`) would be
removed by the sanitiser when the page is made, silently; `heritage check`
refuses it instead, so that the editor learns why the link is not there.
The same schemes feed the sanitiser (site/render.py): one list.
"""

from __future__ import annotations

import html
import re

LINK_SCHEMES = ("http", "https", "mailto", "tel")

# [text](address ...), and reference definitions: [label]: address
_INLINE = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Browsers ignore these inside an address: "java\tscript:" is still javascript:
_IGNORED = re.compile(r"[\x00-\x20\x7f]")


def unsafe_link(text: str) -> str | None:
    """The first link address in `text` whose scheme may not be published, or None."""
    for pattern in (_INLINE, _REFERENCE):
        for match in pattern.finditer(text):
            address = _IGNORED.sub("", html.unescape(match.group(1))).lower()
            scheme = _SCHEME.match(address)
            if scheme and scheme.group(1) not in LINK_SCHEMES:
                return match.group(1)
    return None


def line_of_link(text: str, link: str) -> int:
    """The line (from 1) of `link` in `text`."""
    return text[: text.find(link)].count("\n") + 1 if link in text else 1
