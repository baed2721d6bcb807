"""The images stage: editors' photos made ready for the web, cached by content.

For every photo a site uses: EXIF orientation applied, colours converted to
sRGB, every piece of metadata dropped (GPS above all), and variants at a few
widths (never wider than the photo) in WebP with a JPEG fallback. Results sit
in .cache/images/<hash of the photo and the settings>/; a build with the same
photos and settings processes nothing and publishes the same bytes.

Files are written under a temporary name and renamed, so an interrupted build
never leaves half an image; a photo that cannot be used becomes a problem
naming the record file and the image, never a traceback. Photos are read only
from inside assets/ (a link that leads elsewhere is refused) and only up to
MAX_IMAGE_BYTES, checked before a byte is decoded.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sys
from dataclasses import dataclass
from typing import Mapping
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from ..project import MAX_IMAGE_BYTES, Refusal, locate_image
from ..workers import worker_pool

WIDTHS = (480, 960, 1600)
WEBP_QUALITY = 80
JPEG_QUALITY = 82
MAX_PIXELS = 50_000_000  # a 50-megapixel photo is plenty; beyond it decoding can exhaust memory
SETTINGS = f"v4 {WIDTHS} webp{WEBP_QUALITY}m3 jpeg{JPEG_QUALITY} max{MAX_PIXELS}"
FORMATS = (("webp", "WEBP"), ("jpg", "JPEG"))
_SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    ext: str
    cached: str  # file name inside the cache folder


@dataclass(frozen=True)
class ProcessedImage:
    width: int
    height: int
    variants: tuple[Variant, ...]
    cache_dir: str
    fresh: bool = False  # processed by this build, not found in the cache

    def jpegs(self) -> list[Variant]:
        """The JPEG variants, narrowest first."""
        return sorted((v for v in self.variants if v.ext == "jpg"), key=lambda v: v.width)

    def cached(self, variant: Variant) -> Path:
        return Path(self.cache_dir) / variant.cached

    def widths(self) -> list[int]:
        return sorted({v.width for v in self.variants})

    def variant(self, width: int, ext: str) -> Variant:
        return next(v for v in self.variants if v.width == width and v.ext == ext)


@dataclass(frozen=True)
class ImageFailure:
    code: str  # a message code of generator.messages
    params: dict


def cache_key(data: bytes) -> str:
    return hashlib.sha256(data + SETTINGS.encode()).hexdigest()[:32]


def _to_srgb(image: Image.Image) -> Image.Image:
    """Any mode and colour profile to plain 8-bit sRGB, transparency flattened on white."""
    profile = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit greyscale
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, (255, 255, 255))
        image.paste(rgba, mask=rgba.getchannel("A"))
    if profile and image.mode in ("RGB", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: fall back to a plain conversion
    return image.convert("RGB")


def process_photo(source: str, cache_root: str) -> ProcessedImage | ImageFailure:
    """Make (or find) the published variants of one photo. Runs in a worker process."""
    with open(source, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size  # the file as opened, even if it was swapped since it was checked
        if size > MAX_IMAGE_BYTES:
            return ImageFailure("image_file_too_big", {"size": round(size / 1_000_000), "limit": MAX_IMAGE_BYTES // 1_000_000})
        data = handle.read()
    folder = Path(cache_root) / cache_key(data)
    meta = folder / "image.json"
    if meta.is_file():
        return _read_meta(meta, folder)
    Image.MAX_IMAGE_PIXELS = None  # our own limit below gives a clearer message
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # WeasyPrint, once imported, turns this on process-wide
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                return ImageFailure("image_too_large", {"megapixels": round(opened.width * opened.height / 1e6), "limit": MAX_PIXELS // 1_000_000})
            if getattr(opened, "n_frames", 1) > 1 and opened.format in ("GIF", "PNG", "WEBP"):
                return ImageFailure("image_animated", {})
            if opened.format == "JPEG":
                # Decode at the smallest JPEG scale that is still wider than the widest variant:
                # a 12-megapixel photo then costs a quarter of the work.
                turned = opened.getexif().get(0x0112, 1) in (5, 6, 7, 8)
                opened.draft(None, (1, WIDTHS[-1]) if turned else (WIDTHS[-1], 1))
            opened.load()
            image = _to_srgb(ImageOps.exif_transpose(opened))
    except UnidentifiedImageError:
        return ImageFailure("image_not_an_image", {})
    except (OSError, SyntaxError, ValueError) as exc:  # truncated or corrupt data
        return ImageFailure("image_broken", {"detail": str(exc) or type(exc).__name__})

    widths = sorted({w for w in WIDTHS if w < image.width} | {min(image.width, WIDTHS[-1])})
    partial = folder.with_name(folder.name + f".tmp{os.getpid()}")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    variants = []
    larger = image
    for width in sorted(widths, reverse=True):  # each width from the next larger one: far less to resample
        height = max(1, round(image.height * width / image.width))
        resized = larger if width == larger.width else larger.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        larger = resized
        for ext, kind in FORMATS:
            name = f"w{width}.{ext}"
            options = {"quality": WEBP_QUALITY, "method": 3} if kind == "WEBP" else {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}
            resized.save(partial / name, kind, **options)  # no exif=, no icc_profile=: nothing private survives
            variants.append(Variant(width, height, ext, name))
    result = ProcessedImage(image.width, image.height, tuple(variants), str(folder))
    (partial / "image.json").write_text(json.dumps(
        {"width": result.width, "height": result.height, "variants": [v.__dict__ for v in variants]}), encoding="utf-8")
    try:
        partial.rename(folder)
    except OSError:  # another process finished the same photo first
        shutil.rmtree(partial, ignore_errors=True)
    return _read_meta(meta, folder, fresh=True)


def _read_meta(meta: Path, folder: Path, fresh: bool = False) -> ProcessedImage:
    data = json.loads(meta.read_text(encoding="utf-8"))
    return ProcessedImage(data["width"], data["height"], tuple(Variant(**v) for v in data["variants"]), str(folder), fresh)


def place(source: Path, target: Path) -> None:
    """Publish a cached file: a hard link costs no copy (cache files never change), else a copy."""
    try:
        os.link(source, target)
    except FileExistsError:  # two records show the same photo: it is published once
        if not target.samefile(source):
            shutil.copyfile(source, target)
    except OSError:
        shutil.copyfile(source, target)


@dataclass(frozen=True)
class PublishedImage:
    """A photo as a site publishes it: media/<file without extension>-w<width>.<ext>."""

    file: str  # as records name it, under assets/images/
    processed: ProcessedImage

    @property
    def base(self) -> str:
        return "media/" + self.file.rsplit(".", 1)[0]

    def path(self, variant: Variant) -> str:
        """Relative to the site's root folder."""
        return f"{self.base}-w{variant.width}.{variant.ext}"

    def publish(self, site_root: Path) -> None:
        for variant in self.processed.variants:
            target = site_root / self.path(variant)
            target.parent.mkdir(parents=True, exist_ok=True)
            place(self.processed.cached(variant), target)


def first_photo(record, media: Mapping[str, PublishedImage]) -> PublishedImage | None:
    """A record's first photo that is published: its cards, page header and sharing image show it."""
    return next((media[image.file] for image in record.images if image.file in media), None)


def process_all(sources: list[Path], cache_root: Path) -> dict[Path, ProcessedImage | ImageFailure]:
    """Process photos on all cores, with a progress line on a terminal when there are many."""
    cache_root.mkdir(parents=True, exist_ok=True)
    results: dict[Path, ProcessedImage | ImageFailure] = {}
    if not sources:
        return results
    show = sys.stderr.isatty() and len(sources) >= 20
    with worker_pool(min(len(sources), os.cpu_count() or 1)) as pool:
        futures = {pool.submit(process_photo, str(path), str(cache_root)): path for path in sources}
        for done, future in enumerate(futures, 1):
            results[futures[future]] = future.result()
            if show:
                print(f"\rimages: {done}/{len(sources)}", end="", file=sys.stderr, flush=True)
    if show:
        print(file=sys.stderr)
    return results


def collect_photos(project, entries, problems) -> tuple[dict[str, PublishedImage], int]:
    """The images stage for every photo that `entries` (catalogue records) use.

    Returns the published images by file and how many were processed afresh; a
    photo that fails becomes a problem at the first record that uses it.
    """
    uses: dict[str, tuple[str, int, int]] = {}  # file -> (record path, line, index) of its first use
    for entry in entries:
        for index, image in enumerate(entry.record.images):
            uses.setdefault(image.file, (entry.path, entry.source.line_of(("images", index, "file")), index))
    found = {file: locate_image(project, file) for file in uses}  # checked again: the files may have changed
    results = process_all(sorted({path for path in found.values() if isinstance(path, Path)}), project.cache / "images")
    media, fresh = {}, 0
    for file, (path, line, index) in uses.items():
        outcome = found[file]
        outcome = ImageFailure(outcome.code, outcome.params) if isinstance(outcome, Refusal) else results[outcome]
        if isinstance(outcome, ImageFailure):
            problems.add(path, line, f"images[{index + 1}].file", outcome.code, file=file, **outcome.params)
        else:
            media[file] = PublishedImage(file, outcome)
            fresh += outcome.fresh
    return media, fresh
