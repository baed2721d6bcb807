"""Sharing images of records without a photo: 1200×630 JPEGs, one per kind and language, cached.

Social networks read a page's og:image as a raster picture. A record with a
photo is shared with its photo; one without shows its kind: the kind's colours
and motif (presentation/cover_motifs.py, the same shapes as the SVG covers
that pages and cards show), the kind's name and the site's title, in the
page's language. The record's own name is in the shared page's title, which
every network prints beside the picture. So a site draws a handful of images,
not one per record: a cold build no longer waits for thousands of them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from ..models.vocabulary import KIND
from ..workers import worker_pool
from .cover_motifs import HEIGHT, WIDTH, draw_shapes, motif_shapes
from .drawn_text import draw_text, fonts_key, wrap
from .images import place

VERSION = "cover-6"
FILE = "card.jpg"


@dataclass(frozen=True)
class CoverJob:
    kind: str
    kind_label: str
    site_title: str

    @property
    def key(self) -> str:
        text = "\0".join((VERSION, self.kind, self.kind_label, self.site_title, *fonts_key()))
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def draw_cover(job: CoverJob) -> Image.Image:
    kind = KIND[job.kind]
    background, motif, accent = kind.cover
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    draw_shapes(draw, motif_shapes(kind), motif)
    y = 170
    for line in wrap(draw, job.kind_label, 72, WIDTH - 520, 3):
        draw_text(draw, (70, y), line, 72, (255, 255, 255))
        y += 90
    draw_text(draw, (70, HEIGHT - 80), job.site_title, 30, accent, bold=False)
    return image


def make_cover(job: CoverJob, cache_root: str, key: str = "") -> str:
    """The folder holding the job's image, drawn unless already cached. Runs in a worker."""
    folder = Path(cache_root) / (key or job.key)
    if (folder / FILE).is_file():
        return str(folder)
    partial = folder.with_name(folder.name + f".tmp{os.getpid()}")
    partial.mkdir(parents=True, exist_ok=True)
    draw_cover(job).save(partial / FILE, "JPEG", quality=84, progressive=True)
    try:
        partial.rename(folder)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
    return str(folder)


def make_all(jobs: list[CoverJob], cache_root: Path) -> list[Path]:
    """Draw what is not cached, on all cores; the folder of each job, in order."""
    cache_root.mkdir(parents=True, exist_ok=True)
    keys = [job.key for job in jobs]
    missing = [(job, key) for job, key in zip(jobs, keys) if not (cache_root / key / FILE).is_file()]
    if missing:  # a warm build starts no process at all
        with worker_pool(min(len(missing), os.cpu_count() or 1)) as pool:
            list(pool.map(make_cover, [j for j, _ in missing], [str(cache_root)] * len(missing), [k for _, k in missing]))
    return [cache_root / key for key in keys]


def card_path(lang: str, kind: str) -> str:
    """Where a kind's sharing image is published, relative to the site's root."""
    return f"media/cards/{lang}/{kind}.jpg"


def publish(folder: Path, site_root: Path, lang: str, kind: str) -> None:
    target = site_root / card_path(lang, kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    place(folder / FILE, target)
