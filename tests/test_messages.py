"""Every message exists in English and Vietnamese, with the same placeholders."""

from __future__ import annotations

import string

from generator.messages import CATALOGUE, Found, render_message


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_use_the_same_placeholders():
    for code, (en, vi) in CATALOGUE.items():
        assert _fields(en) == _fields(vi), code
        assert en.strip() and vi.strip(), code


def test_vietnamese_messages_are_translated():
    same = [code for code, (en, vi) in CATALOGUE.items() if en == vi]
    assert same == [], same


def test_found_values_are_described_in_the_readers_language():
    assert render_message("expected_text", {"found": Found(5)}, "en") == "expected text, but found the number 5"
    assert render_message("expected_text", {"found": Found([1])}, "vi") == "cần văn bản, nhưng lại có một danh sách"
    assert render_message("expected_integer", {"found": Found(None)}, "en") == "expected a whole number, but found nothing"
