"""The picture that links to a site show when shared (Open Graph, 1200×630).

Drawn with Pillow from the site's title and message, on the site's colours,
with concentric rings after the face of a bronze gong or drum. Cached by the
hash of everything that goes into it, so a rebuild draws nothing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from PIL import Image, ImageDraw

from ..presentation.drawn_text import draw_text, fonts_key, wrap

WIDTH, HEIGHT = 1200, 630
BACKGROUND = (140, 47, 27)
RING = (166, 74, 48)
TITLE = (255, 255, 255)
MESSAGE = (247, 214, 140)
VERSION = "2"  # bump when the drawing changes



def draw_site_card(title: str, message: str) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    cx, cy = WIDTH - 120, HEIGHT // 2
    for radius in range(60, 520, 46):
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=RING, width=6)
    y = 150
    for line in wrap(draw, title, 68, WIDTH - 300, 3):
        draw_text(draw, (80, y), line, 68, TITLE)
        y += 84
    y += 24
    for line in wrap(draw, message, 34, WIDTH - 300, 3):
        draw_text(draw, (80, y), line, 34, MESSAGE)
        y += 46
    return image


def write_site_card(title: str, message: str, dest: Path, cache: Path) -> None:
    key = hashlib.sha256("\0".join((VERSION, title, message, *fonts_key())).encode()).hexdigest()[:24]
    cached = cache / "sharing" / f"{key}.png"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.stem}.{os.getpid()}.tmp")  # languages build side by side
        draw_site_card(title, message).save(partial, "PNG", optimize=True)
        partial.replace(cached)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, dest)
