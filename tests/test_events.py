"""Events: their dates (solar, lunar, usual months), their pages, calendar feed, brochure notes and the yearly report."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
from pathlib import Path

import lunar_vn
import pytest
import yaml
from docx import Document
from icalendar import Calendar

from conftest import REPO, copy_bundled_project, in_project
from generator.events import next_occurrence, next_occurrences, occurrences
from generator.models import When
from generator.site.make import reference_day

EVENT = {
    "kind": "festival", "name": {"vi": "Lễ hội", "en": "Festival"}, "summary": {"vi": "Tóm tắt.", "en": "Summary."},
    "description": {"vi": "Mô tả.", "en": "Text."}, "sources": [{"title": "t", "url": "https://example.vn/e"}],
}


def _event(project: Path, record_id: str, **fields) -> Path:
    path = project / "content" / "events" / f"{record_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({**EVENT, **fields}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------- dates


def test_a_lunar_event_falls_where_the_vietnamese_almanac_puts_it():
    tet = When.model_validate({"yearly": {"month": 1, "day": 1, "calendar": "lunar"}})
    coming = next_occurrences(tet, dt.date(2025, 12, 1))
    assert [o.start for o in coming] == [lunar_vn.lunar_to_solar(lunar_vn.LunarDate(day=1, month=1, year=year)) for year in (2026, 2027, 2028)]
    assert coming[0].start == dt.date(2026, 2, 17)  # Tết Bính Ngọ, as Vietnam's calendars print it
    # 1985: Vietnam's calendar (UTC+7) put Tết a month before China's (UTC+8): the library must be Vietnam's.
    assert occurrences(tet, dt.date(1985, 1, 1), dt.date(1985, 12, 31))[0].start == dt.date(1985, 1, 21)
    # A leap month comes only in the years that have it: Quý Mão (2023) had a leap second month.
    leap = When.model_validate({"yearly": {"month": 2, "day": 1, "calendar": "lunar-leap"}})
    assert [o.start for o in occurrences(leap, dt.date(2020, 1, 1), dt.date(2026, 12, 31))] == [dt.date(2023, 3, 22)]


def test_anniversaries_count_their_years_and_seasons_cross_the_new_year():
    relations = When.model_validate({"yearly": {"month": 6, "day": 24, "since": 1967}})
    assert [(o.start, o.number) for o in next_occurrences(relations, dt.date(2026, 11, 30), 2)] == [
        (dt.date(2027, 6, 24), 60), (dt.date(2028, 6, 24), 61)]
    season = When.model_validate({"usually": [11, 12, 1]})
    found = next_occurrence(season, dt.date(2026, 12, 15))
    assert (found.start, found.end, found.approximate) == (dt.date(2026, 11, 1), dt.date(2027, 1, 31), True)
    once = When.model_validate({"from": "2023-11-11", "to": "2023-11-12"})
    assert next_occurrence(once, dt.date(2023, 11, 12)) is not None and next_occurrence(once, dt.date(2023, 11, 13)) is None
    year = When.model_validate({"usually": [3, 4, 5], "only_in": 2026})
    assert [o.start.year for o in occurrences(year, dt.date(2025, 1, 1), dt.date(2028, 1, 1))] == [2026]


@pytest.mark.parametrize("when, line, message", [
    ({"yearly": {"month": 2, "day": 30}}, "when.yearly: day 30 is not in month 2, which has 29 days", None),
    ({"yearly": {"month": 13, "day": 1}}, "when.yearly.month: a month is a number from 1 to 12, not 13", None),
    ({"yearly": {"month": 5, "day": 1, "calendar": "chinese"}}, "when.yearly.calendar: 'chinese' is not allowed here; use one of: solar, lunar, lunar-leap", None),
    ({"from": "2024-01-05", "usually": [1]}, "when: give exactly one of from (once), yearly (every year) or usually", None),
    ({"to": "2024-01-05"}, "when: give exactly one of from", None),
    ({"from": "2024-01-05", "to": "2024-01-01"}, "when: it ends (2024-01-01) before it starts (2024-01-05)", None),
    ({"usually": [11], "only_in": 2026, "days": 3}, "when: days counts how long a yearly event lasts", None),
])
def test_a_wrong_when_is_named_at_its_line(project: Path, when, line, message):
    _event(project, "wrong", when=when)
    result = in_project(project, "check")
    assert result.status == 1
    assert any(problem.startswith("content/events/wrong.yml:") and line in problem for problem in result.problem_lines), result.err


def test_an_events_place_must_be_a_place_and_its_countries_real(project: Path):
    _event(project, "held", when={"from": "2030-01-01"}, place="go-dda", countries=["KH", "XX"])
    result = in_project(project, "check")
    line = _line_of(project / "content" / "events" / "held.yml", "- XX")
    assert f"content/events/held.yml:{line}: countries[2]: 'XX' is not a country code" in result.err  # counted from 1
    _event(project, "held", when={"from": "2030-01-01"}, place="go-dda")
    _event(project, "other", when={"from": "2030-01-01"}, place="held")
    problems = in_project(project, "check").problem_lines
    line = _line_of(project / "content" / "events" / "held.yml", "place:")
    assert f"content/events/held.yml:{line}: place: 'go-dda' is not a record in content/; did you mean 'go-da'?" in problems
    line = _line_of(project / "content" / "events" / "other.yml", "place:")
    assert any(p.startswith(f"content/events/other.yml:{line}: place: 'held' is an event") for p in problems), problems


def _line_of(path: Path, start: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.lstrip().startswith(start))


# ---------------------------------------------------------------- the sites


def _jsonld(page: Path) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    return json.loads(found.group(1))


def _coming(bundled_build: Path) -> list[tuple[str, dt.date]]:
    """(id, next start) of the Gia Lai site's events that have a day, soonest first, as the pages must list them."""
    today = reference_day("0")  # the copy is not in Git: the pages count from the day of the build
    found = []
    for path in sorted((REPO / "content" / "events").glob("*.yml")):
        when = When.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))["when"])
        occurrence = next_occurrence(when, today)
        if occurrence and not occurrence.approximate:
            found.append((occurrence.start, path.stem))
    return [(name, start) for start, name in sorted(found)]


def test_the_calendar_feed_holds_every_coming_dated_event(bundled_build: Path):
    for lang in ("vi", "en"):
        feed = Calendar.from_ical((bundled_build / "gia-lai" / lang / "events" / "calendar.ics").read_bytes())
        events = feed.walk("VEVENT")
        held = {(str(e["UID"]).split("-20")[0], e.decoded("DTSTART")) for e in events}
        for name, start in _coming(bundled_build):
            assert (name, start) in held, (lang, name, start)
        assert all(isinstance(e.decoded("DTSTART"), dt.date) and e.decoded("DTEND") > e.decoded("DTSTART") for e in events)
        assert len({str(e["UID"]) for e in events}) == len(events)
        relations = [e for e in events if str(e["UID"]).startswith("quan-he-ngoai-giao-viet-nam-campuchia-2027")]
        assert relations and ("60th anniversary" if lang == "en" else "kỷ niệm 60 năm") in str(relations[0]["SUMMARY"])


def test_event_pages_describe_an_event_in_json_ld(bundled_build: Path):
    page = bundled_build / "gia-lai" / "en" / "events" / "quan-he-ngoai-giao-viet-nam-campuchia" / "index.html"
    data = _jsonld(page)
    assert data["@type"] == "Event" and data["@context"] == "https://schema.org"
    assert re.fullmatch(r"\d{4}-06-24", data["startDate"]) and data["endDate"] == data["startDate"]
    assert data["eventSchedule"] == {"@type": "Schedule", "repeatFrequency": "P1Y", "byMonth": 6, "byMonthDay": 24, "duration": "P1D"}
    assert data["location"]["@type"] == "Place" and data["url"].endswith("/en/events/quan-he-ngoai-giao-viet-nam-campuchia/")
    held_at = _jsonld(bundled_build / "gia-lai" / "vi" / "events" / "le-hoi-hoa-da-quy-chu-dang-ya" / "index.html")
    assert held_at["location"]["name"] == "Núi lửa Chư Đăng Ya" and "geo" in held_at["location"]
    assert re.fullmatch(r"\d{4}-11", held_at["startDate"])  # the month: the days are announced each year
    assert _jsonld(bundled_build / "gia-lai" / "en" / "heritage" / "roc-tung-go-da" / "index.html")["@type"] != "Event"


def test_the_home_page_lists_the_next_events_in_order(bundled_build: Path):
    home = (bundled_build / "gia-lai" / "en" / "index.html").read_text(encoding="utf-8")
    section = home.split('id="next-events"', 1)[1].split("</section>", 1)[0]
    shown = re.findall(r'<a class="hs-event__link" href="events/([a-z0-9-]+)/"', section)
    assert shown == [name for name, _ in _coming(bundled_build)][:3]
    dates = re.findall(r'<time datetime="([0-9-]+)">', section)
    assert dates == sorted(dates)


def test_a_place_lists_the_events_held_there(bundled_build: Path):
    page = (bundled_build / "gia-lai" / "en" / "heritage" / "nui-lua-chu-dang-ya" / "index.html").read_text(encoding="utf-8")
    assert 'id="events-here"' in page and 'href="../../events/le-hoi-hoa-da-quy-chu-dang-ya/"' in page


def test_what_ended_since_the_build_moves_to_the_past_in_the_browser(bundled_build: Path, visit):
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from conftest import _Quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(bundled_build / "gia-lai")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        first, start = _coming(bundled_build)[0]
        v = visit(390, 844)
        v.page.clock.set_fixed_time(dt.datetime.combine(start + dt.timedelta(days=2), dt.time(12)))
        v.page.goto(f"http://127.0.0.1:{server.server_address[1]}/en/events/")
        coming = v.page.locator("[data-coming] a.hs-event__link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        past = v.page.locator("#events-past a.hs-event__link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert f"{first}/" not in coming and f"{first}/" in past
        assert not v.errors and not v.outside
    finally:
        server.shutdown()


# ---------------------------------------------------------------- brochures


def test_a_visits_brochure_suggests_its_events_and_names_its_countrys_anniversary(bundled_build: Path):
    text = subprocess.run(["pdftotext", "-layout", str(bundled_build / "brochures" / "2026-12-ratanakiri.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    # The records have no Khmer yet: their English names, which the brochure marks as such.
    assert "Visit Viet Nam Year – Gia Lai 2026" in text and "New-Rice Ceremony of the Bahnar and Jrai" in text
    assert "Anniversary of Vietnam–Cambodia Diplomatic Relations" in text
    assert "Vietnam–Laos" not in text  # another country's


# ---------------------------------------------------------------- the yearly report


@pytest.fixture(scope="module")
def bundled_in_git(tmp_path_factory) -> Path:
    root = copy_bundled_project(tmp_path_factory.mktemp("report") / "project")
    for args in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", "-C", str(root), *args], check=True)
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qm", "content",
                    "--date=2026-03-01T10:00:00"], check=True, env={"GIT_COMMITTER_DATE": "2026-03-01T10:00:00", "PATH": "/usr/bin:/bin"})
    return root


def test_the_yearly_report_names_the_delegations_their_countries_and_the_places_shown(bundled_in_git: Path, tmp_path: Path):
    out = tmp_path / "report.docx"
    result = in_project(bundled_in_git, "report", "activities", "--year", "2026", "--out", str(out))
    assert result.status == 0, result.err
    document = Document(io.BytesIO(out.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = ["\n".join(c.text for c in row.cells) for table in document.tables for row in table.rows]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "\n".join(cells) and "Độc lập - Tự do - Hạnh phúc" in "\n".join(cells)
    assert "Kết quả công tác ngoại giao văn hóa năm 2026" in text and "Kính gửi: Ủy ban nhân dân tỉnh Gia Lai" in text
    visit = next(c for c in cells if "Ratanakiri" in c and "Campuchia" in c)
    assert "Di tích khảo cổ Rộc Tưng – Gò Đá" in visit and "Khu dự trữ sinh quyển thế giới Cao nguyên Kon Hà Nừng" in visit
    assert any("Mật ong Phương Di (5 sao)" in c for c in cells)
    assert any("kỷ niệm 59 năm" in c and "Campuchia" in c for c in cells)  # 1967 + 59
    assert any(c.startswith("Thêm mới\nDi tích khảo cổ Rộc Tưng – Gò Đá") for c in cells)  # from the files' history
    assert "THỦ TRƯỞNG CƠ QUAN" in "\n".join(cells)
    again = tmp_path / "again.docx"
    in_project(bundled_in_git, "report", "activities", "--year", "2026", "--out", str(again))
    assert again.read_bytes() == out.read_bytes()  # the same data, the same bytes

    laos = in_project(bundled_in_git, "report", "activities", "--year", "2027", "--format", "md", "--out", str(tmp_path / "r.md"))
    assert laos.status == 0, laos.err
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "| Lào |" in markdown and "Attapeu" in markdown and "kỷ niệm 60 năm" in markdown


def test_the_report_is_written_only_where_it_may_be(project: Path, tmp_path: Path):
    mine = tmp_path / "notes.docx"
    mine.write_bytes(b"someone's own file")
    refused = in_project(project, "report", "activities", "--year", "2026", "--out", str(mine))
    assert refused.status == 1 and "is not a report this tool wrote" in refused.err and mine.read_bytes() == b"someone's own file"
    inside = in_project(project, "report", "activities", "--year", "2026", "--out", str(project / "content" / "r.md"))
    assert inside.status == 1 and "inside content" in inside.err
    assert in_project(project, "report", "activities").status == 2  # no year
    assert in_project(project, "report", "--year", "2026").status == 2  # the coverage report takes no year


def test_the_markdown_report_keeps_hostile_names_as_text(project: Path, tmp_path: Path):
    hostile = "Lễ | <script>alert(1)</script> *x* [a](javascript:alert(1))"
    _event(project, "hostile", when={"from": "2026-05-01"}, name={"vi": hostile, "en": "x"})
    result = in_project(project, "report", "activities", "--year", "2026", "--format", "md", "--out", str(tmp_path / "r.md"))
    assert result.status == 0, result.err
    line = next(line for line in (tmp_path / "r.md").read_text(encoding="utf-8").splitlines() if "alert" in line)
    assert "<script>" not in line and "&lt;script&gt;" in line and "\\|" in line and "\\[a\\]" in line and "\\*x\\*" in line
    assert line.count(" | ") == 3  # the name did not add a column
