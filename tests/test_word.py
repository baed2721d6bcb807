"""The programme as a Word document, read back: what it says, that it is stable, that text stays text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from builders import catalogue, record, site, texts, visit
from conftest import REPO
from generator.brochure.plan import plan_visit
from generator.brochure.word import programme_docx
from generator.presentation.word import markdown_paragraphs
from generator.catalogue import CheckContext
from generator.presentation.labels import format_date
from generator.project import Project
from generator.reading import load_catalogue

VISIT = "2026-12-ratanakiri"
HOSTILE = '<w:t>x</w:t> =HYPERLINK("http://evil") {{ 7*7 }} & </w:body> a\x00b\x07c\x0bd\x1fe'
SHOWN = '<w:t>x</w:t> =HYPERLINK("http://evil") {{ 7*7 }} & </w:body> abcde'  # only what XML cannot hold is gone


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def all_text(doc) -> str:
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(paragraphs(doc) + cells)


def page_mm(doc) -> tuple[int, int]:
    section = doc.sections[0]  # Word stores twentieths of a point: a millimetre is not exact
    return round(section.page_width.mm), round(section.page_height.mm)


def defaults(doc):
    return doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")


# ---------------------------------------------------------------- the bundled visit


@pytest.fixture(scope="module")
def bundled():
    ctx = CheckContext(Project(REPO))
    cat = load_catalogue(ctx)
    assert not ctx.problems.errors, [p.format() for p in ctx.problems.errors]
    english = cat.delegations[VISIT].delegation.model_copy(update={"languages": ["en", "vi"]})  # the file is Khmer first
    plan = plan_visit(cat, english, {})
    source = yaml.safe_load((REPO / "sites/delegations" / f"{VISIT}.yml").read_text(encoding="utf-8"))
    return cat, plan, programme_docx(plan), source


def test_every_day_has_its_heading_and_a_table_of_times_and_what_happens(bundled):
    cat, plan, data, source = bundled
    doc = read(data)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2" and p.text.startswith("Day ")]
    assert headings == [f"Day {n} · {format_date(day['day'], 'en')}" for n, day in enumerate(source["itinerary"], 1)]
    assert headings[0] == "Day 1 · 10 December 2026"
    assert len(doc.tables) == len(source["itinerary"])  # every bundled day has a timed programme
    for table, day in zip(doc.tables, source["itinerary"]):
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        assert rows[0] == ["Time", "Programme"]
        assert len(rows) == len(day["programme"]) + 1
        for (time, activity), item in zip(rows[1:], day["programme"]):
            assert time == (f"{item['time']}–{item['end']}" if "end" in item else item["time"])
            what = item["what"]["en"] if "what" in item else cat.records[item["record"]].record.name["en"]
            assert what in activity
    times = [row.cells[0].text for table in doc.tables for row in table.rows]
    assert {"08:30", "08:30–09:30", "14:00", "17:30"} <= set(times)


def test_title_host_practical_notes_and_emergency_numbers(bundled):
    _, plan, data, _ = bundled
    doc = read(data)
    lines = paragraphs(doc)
    assert lines[:3] == ["Delegation of Ratanakiri Province, Kingdom of Cambodia", plan.dates,
                         "Hosted by People's Committee of Gia Lai Province"]
    assert "December 2026" in plan.dates
    assert doc.paragraphs[0].style.name == "Title"
    assert "Viet Nam keeps UTC+7 all year round, with no daylight saving time." in lines
    assert "Emergency numbers in Viet Nam" in lines
    emergency = next(p for p in doc.paragraphs if p.text.startswith("113"))
    assert emergency.text == "113 police · 114 fire and rescue · 115 ambulance"
    assert [run.text for run in emergency.runs if run.bold] == ["113", "114", "115"]
    assert (doc.core_properties.title, doc.core_properties.author) == (plan.title, plan.province)


def test_same_plan_same_bytes(bundled):
    cat, plan, data, _ = bundled
    assert programme_docx(plan) == data
    english = cat.delegations[VISIT].delegation.model_copy(update={"languages": ["en", "vi"]})
    assert programme_docx(plan_visit(cat, english, {})) == data  # planned anew
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    assert members[0].filename == "[Content_Types].xml"  # python-docx's order is kept
    assert {m.date_time for m in members} == {(1980, 1, 1, 0, 0, 0)}
    assert {m.compress_type for m in members} == {zipfile.ZIP_DEFLATED}
    core = read(data).core_properties
    epoch = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    assert (core.created, core.modified, core.revision) == (epoch, epoch, 1)


def test_page_size_follows_the_paper(bundled):
    _, plan, data, _ = bundled
    assert page_mm(read(data)) == (210, 297)
    assert page_mm(read(programme_docx(dataclasses.replace(plan, paper="A5")))) == (148, 210)


def test_a5_visit_from_its_file_has_an_a5_page():
    cat = catalogue(record("thap"))
    assert page_mm(read(programme_docx(plan_visit(cat, visit([["thap"]], paper="A5"), {})))) == (148, 210)


# ---------------------------------------------------------------- small visits


def test_days_without_a_programme_number_their_stops_from_one_each_day():
    cat = catalogue(record("thap", name=texts("Tháp Bánh Ít", "Bánh Ít Towers")), record("go-da"), record("xa"))
    doc = read(programme_docx(plan_visit(cat, visit([["thap", "go-da"], ["xa"]]), {})))
    listed = [p for p in doc.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in listed] == ["Bánh Ít Towers (Tháp Bánh Ít)", "Name go-da (Tên go-da)",
                                         "Name xa (Tên xa)"]
    assert doc.tables == []
    ids = [p._p.pPr.numPr.numId.val for p in listed]
    assert ids[0] == ids[1] != ids[2]  # a new list per day...
    numbering = doc.part.numbering_part.element
    for num_id in set(ids):  # ...that starts at 1
        start = numbering.num_having_numId(num_id).find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert start.get(qn("w:val")) == "1"


def test_who_is_who_contacts_and_fonts():
    people = {"delegation": [{"name": "Sok Dara", "role": {"en": "Head of the delegation", "vi": "Trưởng đoàn"}}],
              "host": [{"name": "Nguyễn Văn A", "role": {"en": "Vice-Chairman", "vi": "Phó Chủ tịch"}}]}
    contacts = [{"name": "Trần Thị B", "kind": "interpreter", "role": {"en": "Khmer", "vi": "tiếng Khmer"},
                 "phone": "+84 90 000 0000", "email": "b@example.vn"}]
    plan = plan_visit(catalogue(record("thap")), visit([["thap"]], host={"en": "People's Committee", "vi": "UBND"},
                                                       people=people, contacts=contacts), {})
    doc = read(programme_docx(plan))
    lines = paragraphs(doc)
    for line in ("Who is who", "The delegation", "Sok Dara\nHead of the delegation", "People's Committee",
                 "Nguyễn Văn A\nVice-Chairman", "Contacts",
                 "Interpreter\nTrần Thị B, Khmer\n+84 90 000 0000\nb@example.vn"):
        assert line in lines, line
    fonts = defaults(doc).find(qn("w:rFonts"))
    assert [fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")] == ["Noto Sans"] * 4
    assert defaults(doc).find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    # No style names a theme font (Calibri, Cambria), which Word would show instead of Noto Sans.
    assert not [f for f in doc.styles.element.iter(qn("w:rFonts")) if f.get(qn("w:asciiTheme"))]


def test_a_khmer_programme_names_the_khmer_font_for_complex_scripts():
    plan = plan_visit(catalogue(record("thap")), visit([["thap"]]), {})
    doc = read(programme_docx(dataclasses.replace(plan, lang="km")))
    fonts = defaults(doc).find(qn("w:rFonts"))
    assert (fonts.get(qn("w:ascii")), fonts.get(qn("w:cs")), fonts.get(qn("w:eastAsia"))) == (
        "Noto Sans", "Noto Sans Khmer", "Noto Sans Khmer")
    assert defaults(doc).find(qn("w:lang")).get(qn("w:bidi")) == "km-KH"


def test_markdown_becomes_plain_paragraphs():
    assert markdown_paragraphs("Wear *long* sleeves, see [the guide](https://example.vn).\nThank you.\n\n"
                               "- one\n- **two**\n\n1. first\n2. second") == [
        "Wear long sleeves, see the guide. Thank you.", "• one", "• two", "1. first", "2. second"]
    assert markdown_paragraphs("<b>x</b> &lt; `=1+1`") == ["<b>x</b> < =1+1"]  # an entity is what it stands for


# ---------------------------------------------------------------- content is data


def test_hostile_text_is_written_literally_and_the_file_still_opens():
    both = {"en": HOSTILE, "vi": HOSTILE}
    programme = [{"time": "08:30", "kind": "arrival", "what": both, "venue": both}]
    people = {"delegation": [{"name": HOSTILE, "role": both}], "host": [{"name": HOSTILE, "role": both}]}
    contacts = [{"name": HOSTILE, "kind": "hotel", "role": both, "phone": "+84 90 000 0000"}]
    notes = [{"title": both, "text": {"en": HOSTILE + " **bold** [link](https://evil.example)", "vi": HOSTILE}}]
    cat = catalogue(record("thap", name=both), sites=(site(practical=notes),))
    days = [{"day": "2026-12-10", "programme": programme}, {"day": "2026-12-11", "stops": ["thap"]}]
    plan = plan_visit(cat, visit([[], []], itinerary=days, delegation=both, host=both, people=people,
                                 contacts=contacts), {})
    # A plan may come from elsewhere than a checked file: a phone number and an e-mail are text too.
    plan = dataclasses.replace(plan, contacts=((HOSTILE, "Hotel", HOSTILE, HOSTILE, HOSTILE),), province=HOSTILE)
    data = programme_docx(plan)
    doc = read(data)
    lines = paragraphs(doc)
    assert lines[0] == SHOWN and doc.tables[0].rows[1].cells[1].text == f"Arrival {SHOWN}\n{SHOWN}"
    assert f"Hosted by {SHOWN}" in lines
    assert f"{SHOWN}\n{SHOWN}" in lines  # who is who: a name and a role
    assert f"Hotel\n{SHOWN}, {SHOWN}\n{SHOWN}\n{SHOWN}" in lines
    assert f"{SHOWN} bold link" in lines
    assert [p.text for p in doc.paragraphs if p.style.name == "List Number"] == [f"{SHOWN} ({SHOWN})"]
    assert (doc.core_properties.title, doc.core_properties.author) == (SHOWN, SHOWN)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    for markup in ("<w:fldSimple", "<w:instrText", "<w:hyperlink", "<w:t>x</w:t>", "49"):
        assert markup not in body, markup  # no field, no link, no injected element, no template evaluated
    assert "&lt;w:t&gt;x&lt;/w:t&gt;" in body
    assert programme_docx(plan) == data
