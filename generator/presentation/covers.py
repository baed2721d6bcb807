"""Cover and sharing images for records: 1200×630, drawn with Pillow, cached.

A record with a photo gets its photo, cropped to the sharing format, with its
name in the page's language over a dark band. A record without one gets a
designed cover: the colours of its kind, a motif drawn for the kind (rings of
a gong for intangible heritage, strata for archaeology, a memorial's rays for
history, mountains for nature, stars for OCOP products), its kind and name.
Each is published as a 1200-pixel JPEG (the og:image that social networks
read, and the page header on wide screens) and a 600-pixel WebP (cards, and
the page header on phones).
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from ..models.vocabulary import KIND, RGB, Kind
from ..workers import worker_pool
from .drawn_text import draw_text, fonts_key, wrap
from .images import place

WIDTH, HEIGHT = 1200, 630
VERSION = "cover-5"
FILES = ("card.jpg", "card-600.webp")



@dataclass(frozen=True)
class CoverJob:
    name: str
    kind: str
    kind_label: str
    site_title: str
    photo: str = ""  # a processed photo (JPEG) to crop, if the record has one

    @property
    def key(self) -> str:
        photo = hashlib.sha256(Path(self.photo).read_bytes()).hexdigest() if self.photo else ""
        text = "\0".join((VERSION, self.name, self.kind, self.kind_label, self.site_title, photo, *fonts_key()))
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def _gong(draw: ImageDraw.ImageDraw, cx: int, cy: int, colour: RGB) -> None:
    for radius in range(40, 420, 38):
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=colour, width=7)
    draw.ellipse((cx - 40, cy - 40, cx + 40, cy + 40), fill=colour)


def _strata(draw: ImageDraw.ImageDraw, cx: int, cy: int, colour: RGB) -> None:  # with a hand-axe
    for index, y in enumerate(range(40, HEIGHT, 70)):
        draw.line([(WIDTH - 520, y + 12 * math.sin(index)), (WIDTH, y - 8)], fill=colour, width=14)
    draw.polygon([(cx, cy - 150), (cx + 70, cy + 60), (cx, cy + 150), (cx - 70, cy + 60)], fill=colour)


def _rays(draw: ImageDraw.ImageDraw, cx: int, cy: int, colour: RGB) -> None:  # a memorial's
    for step in range(24):
        angle = step * math.pi / 12
        draw.line([(cx, cy), (cx + 420 * math.cos(angle), cy + 420 * math.sin(angle))], fill=colour, width=10)
    draw.rectangle((cx - 45, cy - 160, cx + 45, cy + 160), fill=colour)


def _ridges(draw: ImageDraw.ImageDraw, cx: int, cy: int, colour: RGB) -> None:  # highland
    for offset, height in ((0, 330), (140, 260), (280, 360)):
        x = WIDTH - 620 + offset
        draw.polygon([(x, HEIGHT), (x + 220, HEIGHT - height), (x + 440, HEIGHT)], fill=colour)


def _stars(draw: ImageDraw.ImageDraw, cx: int, cy: int, colour: RGB) -> None:  # an OCOP badge
    draw.ellipse((cx - 150, cy - 150, cx + 150, cy + 150), outline=colour, width=14)
    for index in range(5):
        x = cx - 100 + index * 50
        points = [
            (x + (24 if corner % 2 == 0 else 10) * math.cos(math.pi * corner / 5 - math.pi / 2),
             cy + (24 if corner % 2 == 0 else 10) * math.sin(math.pi * corner / 5 - math.pi / 2))
            for corner in range(10)
        ]
        draw.polygon(points, fill=colour)


# The motifs that the vocabulary's kinds name (models/vocabulary.py).
MOTIFS = {"gong": _gong, "strata": _strata, "rays": _rays, "ridges": _ridges, "stars": _stars}


def _motif(draw: ImageDraw.ImageDraw, kind: Kind, colour: RGB) -> None:
    MOTIFS[kind.motif](draw, WIDTH - 170, HEIGHT // 2, colour)


def draw_cover(job: CoverJob) -> Image.Image:
    kind = KIND[job.kind]
    background, motif, accent = kind.cover
    if job.photo:
        with Image.open(job.photo) as photo:
            image = ImageOps.fit(photo.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
        shade = Image.new("L", (WIDTH, HEIGHT), 0)
        ImageDraw.Draw(shade).rectangle((0, HEIGHT // 3, WIDTH, HEIGHT), fill=170)
        image.paste(Image.new("RGB", (WIDTH, HEIGHT), (20, 12, 8)), mask=shade)
    else:
        image = Image.new("RGB", (WIDTH, HEIGHT), background)
        _motif(ImageDraw.Draw(image), kind, motif)
    draw = ImageDraw.Draw(image)
    draw_text(draw, (70, 250 if job.photo else 90), job.kind_label.upper(), 30, accent)
    y = 300 if job.photo else 150
    text_width = WIDTH - 140 if job.photo else WIDTH - 520
    room = 2 if job.photo else 4
    for size in (66, 56, 48):  # the largest size at which the whole name fits
        lines = wrap(draw, job.name, size, text_width, room)
        if not lines[-1].endswith("…") and (size < 66 or len(lines) <= 3):
            break
    for line in lines:
        draw_text(draw, (70, y), line, size, (255, 255, 255))
        y += int(size * 1.24)
    draw_text(draw, (70, HEIGHT - 80), job.site_title, 30, accent, bold=False)
    return image


def make_cover(job: CoverJob, cache_root: str, key: str = "") -> str:
    """The folder holding the job's three files, drawn unless already cached. Runs in a worker."""
    folder = Path(cache_root) / (key or job.key)
    if (folder / FILES[-1]).is_file():
        return str(folder)
    partial = folder.with_name(folder.name + f".tmp{os.getpid()}")
    partial.mkdir(parents=True, exist_ok=True)
    image = draw_cover(job)
    # WebP's method 2 makes files as small as method 4 for these flat drawings, four times faster.
    image.save(partial / FILES[0], "JPEG", quality=84, progressive=True)
    # Halving by averaging is enough for flat drawings and ten times faster than Lanczos; WebP's
    # method 2 makes files as small as method 4 here, four times faster.
    image.reduce(2).save(partial / FILES[1], "WEBP", quality=80, method=2)
    try:
        partial.rename(folder)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
    return str(folder)


def make_all(jobs: list[CoverJob], cache_root: Path) -> list[Path]:
    """Draw what is not cached, on all cores; the folder of each job, in order."""
    cache_root.mkdir(parents=True, exist_ok=True)
    keys = [job.key for job in jobs]
    missing = [(job, key) for job, key in zip(jobs, keys) if not (cache_root / key / FILES[-1]).is_file()]
    if missing:  # a warm build starts no process at all
        with worker_pool(min(len(missing), os.cpu_count() or 1)) as pool:
            list(pool.map(make_cover, [j for j, _ in missing], [str(cache_root)] * len(missing), [k for _, k in missing], chunksize=4))
    return [cache_root / key for key in keys]


def publish(folder: Path, site_root: Path, lang: str, record_id: str) -> None:
    target = site_root / "media" / "cards" / lang
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        place(folder / name, target / name.replace("card", record_id))

