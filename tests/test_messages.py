"""Editors' messages in the reader's language: values, counts and sizes put into words.

That every language has every message, with the same placeholders, is
tests/test_languages.py's business.
"""

from __future__ import annotations

from generator.messages import Found, render_message


def test_found_values_are_described_in_the_readers_language():
    assert render_message("expected_text", {"found": Found(5)}, "en") == "expected text, but found the number 5"
    assert render_message("expected_text", {"found": Found([1])}, "vi") == "cần văn bản, nhưng lại có một danh sách"
    assert render_message("expected_integer", {"found": Found(None)}, "en") == "expected a whole number, but found nothing"


def test_numbers_and_sizes_are_written_the_readers_way():
    from generator.messages import Number

    assert render_message("too_many_items", {"count": Number(5000), "limit": Number(30)}, "en") == (
        "the list has 5,000 entries, more than the 30 allowed here")
    assert render_message("too_many_items", {"count": Number(5000), "limit": Number(30)}, "vi") == (
        "danh sách có 5.000 mục, vượt quá 30 mục cho phép ở đây")
    assert Number(20_971_520, "bytes").describe("en") == "20 MB"
    assert Number(1_572_864, "bytes").describe("vi") == "1,5 MB"
    assert Number(512_000, "bytes").describe("en") == "500 KB"
    assert Number(3_000_000, "bytes").describe("vi") == "2,9 MB" and Number(2_000_000_000, "bytes").describe("en") == "1,907.3 MB"
    assert Number(1_250_000).describe("vi") == "1.250.000" and Number(1_250_000).describe("en") == "1,250,000"


def test_a_tools_english_words_reach_english_readers_only():
    from generator.messages import EnglishOnly

    detail = {"detail": EnglishOnly("Input should be a finite number")}
    assert render_message("invalid_value", detail, "en") == "this value is not valid (Input should be a finite number)"
    assert render_message("invalid_value", detail, "vi") == "giá trị này không hợp lệ"


def test_warnings_are_labelled_in_the_readers_language():
    from generator.problems import Problem, Severity

    problem = Problem("a.yml", 3, "sources", "no_sources", (), Severity.WARNING)
    assert problem.format("en").startswith("a.yml:3: sources: warning: no sources are given")
    assert problem.format("vi").startswith("a.yml:3: sources: cảnh báo: chưa có nguồn tư liệu")
