"""Text in pictures (covers, sharing cards): every script drawn with a font that has its letters."""

from __future__ import annotations

from PIL import Image, ImageChops, ImageDraw, ImageFont

from generator.presentation.covers import CoverJob, draw_cover
from generator.presentation.drawn_text import _file, draw_text, font, runs, wrap

NO_LETTER = "\U000f0000"  # a private-use code point that no font draws: its glyph is the empty box


def _drawn(face, letter: str) -> bytes:
    image = Image.new("L", (80, 80))
    ImageDraw.Draw(image).text((10, 10), letter, font=face, fill=255)
    return image.tobytes()


def test_a_text_is_cut_into_runs_of_one_script():
    assert runs("ប្រាសាទ Gia Lai ມໍລະດົກ") == [("Khmr", "ប្រាសាទ "), ("", "Gia Lai "), ("Laoo", "ມໍລະດົກ")]


def test_khmer_and_lao_are_drawn_with_their_fonts_not_boxes():
    for text, family, script in (("ប្រាសាទ", "NotoSansKhmer", "Khmr"), ("ມໍລະດົກ", "NotoSansLao", "Laoo")):
        assert family in _file(script, True)
        face = font(script, 40)
        assert _drawn(face, text[0]) != _drawn(face, NO_LETTER)
        latin = ImageFont.truetype(_file("", True), 40)
        assert _drawn(latin, text[0]) == _drawn(latin, NO_LETTER)  # what Pillow drew before: a box


def test_a_khmer_sharing_picture_differs_from_the_same_words_in_boxes():
    cover = draw_cover(CoverJob("archaeological-site", "តំបន់បុរាណវិទ្យា", "បេតិកភណ្ឌ Gia Lai"))
    boxes = draw_cover(CoverJob("archaeological-site", NO_LETTER * 16, NO_LETTER * 8 + " Gia Lai"))
    assert ImageChops.difference(cover, boxes).getbbox() is not None


def test_a_long_khmer_name_wraps_between_words():
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    lines = wrap(draw, "ខេត្តទាំងពីររបស់យើងជាដៃគូក្នុងតំបន់ត្រីកោណអភិវឌ្ឍន៍", 48, 300, 6)
    assert len(lines) > 1 and "".join(lines) == "ខេត្តទាំងពីររបស់យើងជាដៃគូក្នុងតំបន់ត្រីកោណអភិវឌ្ឍន៍"
    assert all(line in {"ខេត្ត", "ទាំងពីរ", "របស់", "យើង", "ជា", "ដៃគូ", "ក្នុង", "តំបន់ត្រីកោណ", "អភិវឌ្ឍន៍"} or len(line) > 3
               for line in lines)
    image = Image.new("RGB", (400, 100), "white")
    draw_text(ImageDraw.Draw(image), (10, 10), lines[0], 48, "black")
    assert image.getbbox()
