"""Text drawn into pictures (covers, sharing cards) in every script the tool speaks.

Pillow draws a string with one font and has no fallback: Noto Sans has no
Khmer or Lao letters, so a Khmer name came out as a row of boxes. A text is cut
into runs by script; each run is drawn (and measured) with the registry's font
for its script, one after the other on the line. Pillow shapes each run with
libraqm, so Khmer and Lao letters stack as they should.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import ImageDraw, ImageFont

from ..languages import LANGUAGES, SCRIPT_BLOCKS

NOTO = Path("/usr/share/fonts/truetype/noto")
LATIN = {True: ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"), False: ("NotoSans-Regular.ttf", "DejaVuSans.ttf")}


def _script(letter: str) -> str:
    point = ord(letter)
    return next((script for script, blocks in SCRIPT_BLOCKS.items() if any(a <= point <= b for a, b in blocks)), "")


def runs(text: str) -> list[tuple[str, str]]:
    """`text` cut into (script, run); spaces and punctuation stay with the run they are in."""
    out: list[tuple[str, str]] = []
    for letter in text:
        script = _script(letter) if not letter.isspace() else (out[-1][0] if out else "")
        if out and out[-1][0] == script:
            out[-1] = (script, out[-1][1] + letter)
        else:
            out.append((script, letter))
    return out


@lru_cache(maxsize=None)
def _file(script: str, bold: bool) -> str | None:
    """The font file for a script: the registry's first family for it, found by fontconfig."""
    if not script:
        found = [NOTO / name for name in LATIN[bold]] + [Path("/usr/share/fonts/truetype/dejavu") / LATIN[bold][1]]
        return next((str(path) for path in found if path.exists()), None)
    family = next((entry.fonts[0] for entry in LANGUAGES.values() if entry.script == script), None)
    if family and shutil.which("fc-match"):
        style = "bold" if bold else "regular"
        path = subprocess.run(["fc-match", "--format", "%{file}", f"{family}:{style}"], capture_output=True, text=True).stdout
        if path and family.replace(" ", "") in Path(path).name:  # fontconfig answers with any font when it lacks the family
            return path
    guess = NOTO / f"{(family or '').replace(' ', '')}-{'Bold' if bold else 'Regular'}.ttf"
    return str(guess) if guess.exists() else _file("", bold)


@lru_cache(maxsize=None)
def font(script: str, size: int, bold: bool = True):
    path = _file(script, bold)
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)


def fonts_key() -> tuple[str, ...]:
    """The font files in use, for the cache keys of drawn pictures."""
    return tuple(str(_file(script, bold)) for script in ("", *SCRIPT_BLOCKS) for bold in (True, False))


def text_length(draw: ImageDraw.ImageDraw, text: str, size: int, bold: bool = True) -> float:
    return sum(draw.textlength(run, font=font(script, size, bold)) for script, run in runs(text))


def draw_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int, fill, bold: bool = True) -> None:
    x, y = xy
    for script, run in runs(text):
        face = font(script, size, bold)
        draw.text((x, y), run, font=face, fill=fill)
        x += draw.textlength(run, font=face)


def wrap(draw: ImageDraw.ImageDraw, text: str, size: int, width: int, lines: int, bold: bool = True) -> list[str]:
    """`text` in at most `lines` lines no wider than `width`, the last cut with "…" when it does not fit.

    Lines break at spaces, and inside a Khmer or Lao run (no spaces between its
    words) at the word boundaries that ICU's word break finds.
    """
    out, line = [], ""
    for piece, glued in _pieces(text):
        candidate = f"{line}{piece}" if glued or not line else f"{line} {piece}"
        if text_length(draw, candidate, size, bold) <= width or not line:
            line = candidate
        else:
            out.append(line)
            line = piece
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1].rstrip(".,;:") + "…"
    return out


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The words between spaces, each with whether it continues the one before without a space (inside a Khmer run)."""
    import icu  # PyICU: only needed, and only loaded, for a text in a script without spaces

    pieces: list[tuple[str, bool]] = []
    for word in text.split():
        if not any(_script(letter) for letter in word):
            pieces.append((word, False))
            continue
        breaker = icu.BreakIterator.createWordInstance(icu.Locale("km"))  # its dictionaries cover Khmer and Lao alike
        breaker.setText(word)
        bounds = [breaker.first(), *breaker]
        pieces += [(word[a:b], i > 0) for i, (a, b) in enumerate(zip(bounds, bounds[1:]))]
    return pieces
