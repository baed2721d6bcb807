"""Property-based checks of the places where content meets markup, scripts and spreadsheets.

Beside the fixed payloads of test_hostile.py, hypothesis builds texts from
hostile fragments and arbitrary characters and checks the rules that must hold
for every text: sanitised Markdown holds no executable HTML, the overview map's
folium code never contains a text (and never fails on one), JSON data blocks
cannot be ended by their content, and CSV cells never start a formula.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment

from generator.site.exports import _cell
from generator.spreadsheet import FORMULA_STARTS
from generator.site.maps import KindLayer, MarkerRow, OverviewMap, render_overview
from generator.presentation.markdown import ALLOWED_TAGS, markdown_to_safe_html

FRAGMENTS = [
    "{{ 7*6007 }}", "{% raw %}", "{% endraw %}", "{#", "<script>alert(1)</script>", "</script>", "<!--", "-->",
    '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", "<iframe src=javascript:alert(1)>",
    "[x](javascript:alert(1))", "[x](data:text/html,<b>)", "![x](javascript:alert(1))", "<a href='javascript:x'>a</a>",
    "=1+1", "+1", "-1", "@SUM(A1)", "\t", "\r", "\n", "\u2028", "&amp;", "&#x3C;", "<", ">", "&", '"', "'", "*", "`",
    "<b onclick=alert(1)>b</b>", "<style>*{}</style>", "javascript:alert(1)", " ",
]
hostile_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=12).map("".join)


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_sanitised_markdown_holds_no_executable_html(text):
    parser = _Markup()
    parser.feed(markdown_to_safe_html(text))
    for tag, attributes in parser.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value.split(":", 1)[0].lower() in ("http", "https", "mailto", "tel") or ":" not in value, value


@settings(max_examples=40, deadline=None)
@given(name=hostile_text, label=hostile_text, attribution=hostile_text)
def test_folium_never_sees_a_text(name, label, attribution):
    mark = "zq"  # texts carry a mark that folium's own code never contains
    row = MarkerRow(13.9, 108.6, mark + name, mark + label, "", "heritage/x/", "", False, "historical-relic")
    overview = OverviewMap((KindLayer("historical-relic", mark + label, (row,)),),
                           "https://tile.example.org/{z}/{x}/{y}.png", mark + attribution)
    fragment = render_overview(overview)
    assert mark not in fragment.script and mark not in fragment.element
    assert "42049" not in fragment.script


@settings(max_examples=200, deadline=None)
@given(hostile_text)
def test_json_data_blocks_cannot_be_ended_by_their_content(text):
    env = Environment(autoescape=True)
    page = env.from_string('<script type="application/json">{{ data | tojson }}</script>').render(data={"t": text})
    inside = page.removeprefix('<script type="application/json">').removesuffix("</script>")
    assert "</" not in inside and "<!--" not in inside
    assert json.loads(inside) == {"t": text}


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_csv_cells_never_start_a_formula(text):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([_cell(text, "string")])
    cell = next(csv.reader(io.StringIO(buffer.getvalue(), newline="")))[0] if text else ""
    assert not cell.startswith(FORMULA_STARTS)
    lines = text.replace("\r\n", "\n").replace("\r", "\n")  # one line break, as the writer quotes it
    assert cell == lines or (cell == "'" + lines and lines.startswith(FORMULA_STARTS))


def test_numbers_stay_numbers():
    assert _cell(-12.5, "number") == -12.5
    assert _cell("-12.5", "string") == "'-12.5"
