"""Photos: upright, private, sRGB, responsive, cached; bad files give a clear error and publish nothing."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from conftest import run
from generator.catalogue import CheckContext
from generator.project import Project
from generator.build import build_sites


def _photo(width: int, height: int) -> Image.Image:
    """A photo-like picture: a gradient with a red block at the top left, to tell orientation."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    ImageDraw.Draw(image).rectangle((0, 0, width // 4, height // 4), fill=(220, 20, 20))
    return image


def _exif(orientation: int | None = None, gps: bool = False) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (13.0, 58.0, 19.2), 3: "E", 4: (108.0, 39.0, 5.1)}
    return exif


def _use_photos(project: Path, files: list[str]) -> None:
    record = project / "content/heritage/go-da.yml"
    text = record.read_text(encoding="utf-8")
    images = "images:\n" + "".join(
        f'  - file: {f}\n    alt: {{vi: "Ảnh {i}", en: "Photo {i}"}}\n    credit: Tester\n    licence: CC BY 4.0\n'
        for i, f in enumerate(files, 1)
    )
    text = re.sub(r"images:\n(?:  .*\n|    .*\n)+", images, text)
    record.write_text(text, encoding="utf-8")


@pytest.fixture
def photos(project):
    folder = project / "assets/images/go-da"
    _photo(3000, 2000).save(folder / "large.jpg", quality=95, exif=_exif(gps=True))
    _photo(400, 200).save(folder / "turned.jpg", quality=95, exif=_exif(orientation=6))
    _photo(640, 480).convert("CMYK").save(folder / "cmyk.jpg", quality=95)
    Image.linear_gradient("L").resize((300, 200)).convert("I;16").save(folder / "deep.png")
    _use_photos(project, ["go-da/large.jpg", "go-da/turned.jpg", "go-da/cmyk.jpg", "go-da/deep.png"])
    return project


def _build(project: Path, out: Path):
    result = build_sites(CheckContext(Project(project)), [], out)
    assert result.ok, [p.format() for p in result.problems]
    return result


def test_published_photos_are_upright_private_and_responsive(photos, tmp_path):
    out = tmp_path / "public"
    first = _build(photos, out)
    assert first.images_processed == 4
    media = out / "main" / "media" / "go-da"
    large = sorted(p.name for p in media.glob("large-*"))
    assert large == ["large-w1600.jpg", "large-w1600.webp", "large-w480.jpg", "large-w480.webp", "large-w960.jpg", "large-w960.webp"]
    source = photos / "assets/images/go-da/large.jpg"
    for path in media.glob("*"):
        data = path.read_bytes()
        with Image.open(path) as image:
            assert image.mode == "RGB", path
            assert not image.getexif(), path
            assert "exif" not in image.info and "icc_profile" not in image.info, path
            assert image.width <= 1600
        assert b"Exif" not in data and b"CameraMaker" not in data
        if path.name.startswith("large-"):
            assert len(data) < source.stat().st_size
    with Image.open(media / "turned-w200.jpg") as turned:  # 400x200 turned by EXIF orientation 6
        assert turned.size == (200, 400)
        red = turned.getpixel((turned.width - 10, 10))
        assert red[0] > 150 and red[1] < 90  # the red block is now at the top right
    with Image.open(media / "cmyk-w480.jpg") as cmyk:
        assert cmyk.mode == "RGB"
    assert sorted(p.name for p in media.glob("deep-*")) == ["deep-w300.jpg", "deep-w300.webp"]  # never wider than the photo


def test_pages_use_picture_with_srcset_size_alt_and_credit(photos, tmp_path):
    out = tmp_path / "public"
    _build(photos, out)
    html = (out / "main/en/heritage/go-da/index.html").read_text(encoding="utf-8")
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert len(pictures) == 4
    first = pictures[0]
    assert 'type="image/webp" srcset="../../../media/go-da/large-w480.webp 480w, ../../../media/go-da/large-w960.webp 960w, ../../../media/go-da/large-w1600.webp 1600w"' in first
    assert 'sizes="(min-width: 60em) 40rem, 92vw"' in first
    assert 'width="1600" height="1067" alt="Photo 1"' in first and 'loading="lazy"' not in first
    assert all('loading="lazy"' in p for p in pictures[1:])
    assert html.count("© Tester · CC BY 4.0") == 4
    assert 'class="hs-gallery hs-gallery--many" tabindex="0"' in html
    vi = (out / "main/vi/heritage/go-da/index.html").read_text(encoding="utf-8")
    assert 'alt="Ảnh 1"' in vi
    for src in re.findall(r'(?:src|srcset)="([^"]+)"', first):
        for url in src.split(", "):
            assert (out / "main/en/heritage/go-da" / url.split(" ")[0]).resolve().is_file()


def test_a_second_build_processes_nothing_and_publishes_the_same_bytes(photos, tmp_path):
    _build(photos, tmp_path / "one")
    second = _build(photos, tmp_path / "two")
    assert second.images_processed == 0

    def digest(folder: Path) -> dict[str, str]:
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}

    assert digest(tmp_path / "one" / "main" / "media") == digest(tmp_path / "two" / "main" / "media")


def _bad(project: Path, name: str, write) -> str:
    path = project / "assets/images/go-da" / name
    write(path)
    _use_photos(project, [f"go-da/{name}"])
    result = run("--project", str(project), "--messages", "en", "build")
    assert result.status == 1 and "Traceback" not in result.err
    assert not (project / "public").exists()
    return result.problem_lines[0]


def test_a_truncated_photo(project):
    def write(path):
        buffer = path.with_suffix(".tmp")
        _photo(800, 600).save(buffer, "JPEG", quality=95)
        path.write_bytes(buffer.read_bytes()[:5000])
    line = _bad(project, "cut.jpg", write)
    assert line.startswith("content/heritage/go-da.yml:20: images[1].file: 'go-da/cut.jpg' is damaged or cut short and cannot be read (")


def test_a_file_that_is_not_an_image(project):
    line = _bad(project, "notes.jpg", lambda path: path.write_text("not a photo", encoding="utf-8"))
    assert line == ("content/heritage/go-da.yml:20: images[1].file: 'go-da/notes.jpg' is not an image that can be "
                    "published; use a JPEG, PNG or WebP photo")


def test_a_decompression_bomb(project):
    line = _bad(project, "bomb.png", lambda path: Image.new("1", (9000, 9000)).save(path))
    assert line == ("content/heritage/go-da.yml:20: images[1].file: 'go-da/bomb.png' has 81 megapixels, more than "
                    "the 50 that can be processed; make it smaller")


def test_an_animated_gif(project):
    def write(path):
        frames = [Image.new("RGB", (40, 40), colour) for colour in ("red", "blue")]
        frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    line = _bad(project, "moving.gif", write)
    assert line == "content/heritage/go-da.yml:20: images[1].file: 'go-da/moving.gif' is an animation; use a still photo"


def test_records_show_their_photo_or_their_kinds_cover_and_share_a_picture(photos, tmp_path):
    out = tmp_path / "public"
    _build(photos, out)
    site = out / "main"
    cards = site / "media" / "cards"
    # Records without a photo share their kind's picture, drawn once per kind and language (not per record).
    for lang in ("vi", "en"):
        assert sorted(p.name for p in (cards / lang).iterdir()) == ["intangible-heritage.jpg", "ocop-product.jpg"]
        with Image.open(cards / lang / "intangible-heritage.jpg") as card:
            assert (card.format, card.size) == ("JPEG", (1200, 630))
        html = (site / lang / "heritage" / "gong-culture" / "index.html").read_text(encoding="utf-8")
        assert f'<meta property="og:image" content="https://heritage.gialai.vn/media/cards/{lang}/intangible-heritage.jpg">' in html
        assert '<meta property="og:image:width" content="1200">' in html
        # no photo: the kind's cover (vector, no text: the page prints the name once) leads the page
        assert '<img class="hs-cover" src="../../assets/covers/intangible-heritage.svg" width="1200" height="300" alt="">' in html
        svg = (site / lang / "assets" / "covers" / "intangible-heritage.svg").read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "<text" not in svg and "<circle" in svg
    # the kind's name is drawn in the page's language, so the pictures differ by language
    assert (cards / "vi" / "intangible-heritage.jpg").read_bytes() != (cards / "en" / "intangible-heritage.jpg").read_bytes()
    photo_page = (site / "en/heritage/go-da/index.html").read_text(encoding="utf-8")
    assert 'class="hs-cover"' not in photo_page  # its photo leads instead
    shared = re.search(r'<meta property="og:image" content="https://heritage\.gialai\.vn/(media/go-da/[^"]+\.jpg)">', photo_page)
    with Image.open(site / shared[1]) as picture:  # the photo itself, with its own size
        assert f'<meta property="og:image:width" content="{picture.width}">' in photo_page
        assert f'<meta property="og:image:height" content="{picture.height}">' in photo_page
    listing = (site / "en/heritage/index.html").read_text(encoding="utf-8")
    assert '<img class="hs-card__image" src="../assets/covers/intangible-heritage.svg" width="600" height="315" alt=""' in listing
    card = re.search(r'<a class="hs-card__link" href="go-da/">\s*<img class="hs-card__image" src="([^"]+)"', listing)
    assert card and card[1].startswith("../../media/go-da/") and card[1].endswith(".webp")
    assert (site / "en" / "heritage" / card[1]).resolve().is_file()


def test_covers_are_drawn_once(photos, tmp_path):
    _build(photos, tmp_path / "one")
    cache = photos / ".cache" / "covers"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    _build(photos, tmp_path / "two")
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == before
