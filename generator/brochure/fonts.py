"""Whether the installed fonts can print a brochure's every letter: never empty boxes.

WeasyPrint draws a letter that no installed font has as an empty box (tofu)
and says nothing: a Korean delegation's own name would print as a row of
boxes. Before writing, the brochure's text is checked against what fontconfig
says the installed fonts cover (`fc-list`, one call), and the letters that none
covers stop the brochure with the Debian package that would add them.
"""

from __future__ import annotations

import bisect
import html
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass

# Where a letter's font comes from on Debian, by Unicode range; anything else is in Noto's other packages.
PACKAGES = (
    ((0x1100, 0x11FF), "fonts-noto-cjk"),  # Hangul Jamo
    ((0x2E80, 0x9FFF), "fonts-noto-cjk"),  # CJK radicals, kana, Hangul compatibility, ideographs
    ((0xAC00, 0xD7AF), "fonts-noto-cjk"),  # Hangul syllables
    ((0xF900, 0xFAFF), "fonts-noto-cjk"),
    ((0xFF00, 0xFFEF), "fonts-noto-cjk"),  # full-width forms
    ((0x20000, 0x3FFFF), "fonts-noto-cjk"),
    ((0x1F000, 0x1FAFF), "fonts-noto-color-emoji"),
)
OTHER_PACKAGE = "fonts-noto-extra"
NOT_DRAWN = {"Cc", "Cf", "Zs", "Zl", "Zp"}  # controls, joiners, spaces: nothing to draw, or drawn by any font
_TAGS = re.compile(r"<style.*?</style>|<[^>]*>", re.S)


@dataclass(frozen=True)
class Missing:
    letters: str  # the first few letters that no font covers, in the order the text has them
    script: str  # the first one's script, in Unicode's words ("Hangul")
    package: str  # the Debian package that has them


def installed_coverage() -> list[tuple[int, int]] | None:
    """The code points the installed fonts cover, as sorted (first, last) ranges; None without fontconfig."""
    if not shutil.which("fc-list"):
        return None
    listing = subprocess.run(["fc-list", "--format", "%{charset}\n"], capture_output=True, text=True, check=False).stdout
    ranges = []
    for part in listing.split():
        first, _, last = part.partition("-")
        try:
            ranges.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def text_of(markup: str) -> str:
    """The words of an HTML page (its style sheet left out)."""
    return html.unescape(_TAGS.sub(" ", markup))


def missing_letters(text: str, coverage: list[tuple[int, int]]) -> Missing | None:
    """The letters of `text` that no installed font covers, or None when every one can be printed."""
    starts = [first for first, _ in coverage]
    missing: list[str] = []
    for letter in dict.fromkeys(text):
        point = ord(letter)
        if point < 0x80 or unicodedata.category(letter) in NOT_DRAWN:
            continue
        index = bisect.bisect_right(starts, point) - 1
        if index < 0 or coverage[index][1] < point:
            missing.append(letter)
    if not missing:
        return None
    first = ord(missing[0])
    package = next((name for (low, high), name in PACKAGES if low <= first <= high), OTHER_PACKAGE)
    script = unicodedata.name(missing[0], "?").split()[0].title()
    return Missing("".join(missing[:8]), script, package)
