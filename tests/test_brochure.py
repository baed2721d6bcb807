"""Delegation brochures, read with poppler's tools and a QR decoder."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import copy_bundled_project, run

VISIT = "2026-12-ratanakiri"
A4 = "595.276 x 841.89 pts (A4)"
A5 = "419.528 x 595.276 pts"


def _tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


def _info(pdf: Path) -> dict[str, str]:
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in _tool("pdfinfo", str(pdf)).splitlines() if ":" in line)}


def _places(visit: dict) -> list[str]:
    """The records a visit file names, day by day: its stops, or its programme's records."""
    return [place for day in visit["itinerary"]
            for place in day.get("stops") or [item["record"] for item in day.get("programme", []) if "record" in item]]


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    project = copy_bundled_project(tmp_path_factory.mktemp("brochure") / "project")
    pdf = project / "out.pdf"
    result = run("--project", str(project), "--messages", "en", "brochure", VISIT, "--out", str(pdf))
    assert result.status == 0, result.err
    return project, pdf


def test_pages_size_metadata_and_tags(bundled):
    _, pdf = bundled
    info = _info(pdf)
    # cover, welcome, the itinerary with its timed programme (two pages), ten stops, gifts, contacts and credits
    assert info["Pages"] == "16"
    assert info["Page size"] == A4
    assert info["Title"] == "Delegation of Ratanakiri Province, Kingdom of Cambodia"
    assert info["Author"] == "Gia Lai Heritage"
    assert info["Tagged"] == "yes"
    assert pdf.stat().st_size < 10_000_000


def test_the_programme_prints_times_kinds_and_what_happens(bundled):
    _, pdf = bundled
    text = _flat(_tool("pdftotext", "-layout", str(pdf), "-"))
    for line in ("08:30–09:30 ARRIVAL Welcome of the delegation",
                 "09:30–11:00 COURTESY CALL Courtesy call on the leaders of the Provincial People's Committee",
                 "19:00–21:00 PERFORMANCE Evening of gong music", "17:30 DEPARTURE Farewell"):
        assert line in text, line
    assert re.search(r"14:00 1 VISIT Hội Phú Martyrs' Memorial Temple", text)  # a visit: its number on the map, its name
    assert "Hosted by People's Committee of Gia Lai Province" in text
    assert "Emergency numbers in Viet Nam 113 police · 114 fire and rescue · 115 ambulance" in text
    assert "Practical information Time Viet Nam keeps UTC+7 all year round" in text  # the site's notes, once for all visits


def test_every_font_is_embedded_and_subset(bundled):
    _, pdf = bundled
    rows = _tool("pdffonts", str(pdf)).splitlines()[2:]
    assert rows
    for row in rows:
        assert re.search(r"\byes\s+yes\s+yes\b", row), row  # emb sub uni


def test_every_stop_and_gift_in_english_and_in_vietnamese_as_written(bundled):
    project, pdf = bundled
    text = _flat(_tool("pdftotext", str(pdf), "-"))
    visit = yaml.safe_load((project / "sites/delegations" / f"{VISIT}.yml").read_text(encoding="utf-8"))
    ids = _places(visit) + visit["gifts"]
    for record_id in ids:
        folder = "products" if record_id in visit["gifts"] else "heritage"
        name = yaml.safe_load((project / "content" / folder / f"{record_id}.yml").read_text(encoding="utf-8"))["name"]
        assert _flat(name["en"]) in text, record_id
        assert _flat(name["vi"]) in text, record_id
    assert "Việt Nam: peaceful, friendly, safe and livable" in text


def test_every_stop_qr_code_opens_its_page(bundled, tmp_path):
    project, pdf = bundled
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=300)
    found = set()
    for image in sorted(tmp_path.glob("page-*.png")):
        out = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True, timeout=60)
        found |= set(out.stdout.split())
    visit = yaml.safe_load((project / "sites/delegations" / f"{VISIT}.yml").read_text(encoding="utf-8"))
    stops = _places(visit)
    expected = {f"https://disan.gialai.example/en/heritage/{stop}/" for stop in stops}
    expected |= {f"https://disan.gialai.example/en/products/{gift}/" for gift in visit["gifts"]}
    expected.add("https://disan.gialai.example/en/")
    assert found == expected


def test_a5_and_bleed(bundled, tmp_path):
    project, _ = bundled
    a5 = tmp_path / "a5.pdf"
    assert run("--project", str(project), "brochure", VISIT, "--paper", "A5", "--out", str(a5)).status == 0
    assert _info(a5)["Page size"] == A5
    assert int(_info(a5)["Pages"]) % 4 == 0  # a folded booklet: note pages fill the last sheet
    bleed = tmp_path / "bleed.pdf"
    assert run("--project", str(project), "brochure", VISIT, "--bleed", "--out", str(bleed)).status == 0
    boxes = _tool("pdfinfo", "-box", str(bleed))
    media = [float(v) for v in re.search(r"MediaBox:\s+([-\d. ]+)", boxes).group(1).split()]
    trim = [float(v) for v in re.search(r"TrimBox:\s+([-\d. ]+)", boxes).group(1).split()]
    assert round((media[2] - media[0]) - (trim[2] - trim[0]), 1) == pytest.approx(17.0, abs=0.2)  # 2 x 3 mm


def test_a_brochure_in_a_language_without_a_catalogue_is_refused(bundled, tmp_path):
    project, _ = bundled
    visit = project / "sites/delegations/khmer-test.yml"
    visit.write_text(
        "site: gia-lai\nlanguages: [km, en, vi]\n"
        'delegation: {km: "គណៈប្រតិភូខេត្តរតនគិរី", en: "Ratanakiri delegation", vi: "Đoàn Ratanakiri"}\n'
        "dates: {from: 2026-12-10, to: 2026-12-10}\n"
        "itinerary:\n  - {day: 2026-12-10, stops: [roc-tung-go-da]}\n",
        encoding="utf-8",
    )
    pdf = tmp_path / "km.pdf"
    try:
        result = run("--project", str(project), "--messages", "en", "brochure", "khmer-test", "--out", str(pdf))
    finally:
        visit.unlink()  # the module's other brochures share this project
    assert result.status == 1 and not pdf.exists()
    assert "sites/delegations/khmer-test.yml:2: languages[1]: 'km' has no interface translation yet; available: vi, en" in result.err


def test_a_site_catalogue_booklet(bundled, tmp_path):
    project, _ = bundled
    pdf = tmp_path / "booklet.pdf"
    result = run("--project", str(project), "brochure", "--site", "an-khe", "--lang", "vi", "--out", str(pdf))
    assert result.status == 0, result.err
    text = _flat(_tool("pdftotext", str(pdf), "-"))
    assert "Di tích khảo cổ Rộc Tưng – Gò Đá" in text and "Lịch trình" not in text


def test_build_publishes_the_brochures(bundled_build):
    assert _info(bundled_build / "brochures" / f"{VISIT}.pdf")["Pages"] == "16"


def test_usage_and_unknown_visit(bundled):
    project, _ = bundled
    assert run("--project", str(project), "brochure").status == 2
    result = run("--project", str(project), "--messages", "en", "brochure", "nowhere")
    assert result.status == 1 and "'nowhere' is not a visit" in result.err


def test_a_broken_draft_visit_blocks_only_its_own_brochure(bundled, tmp_path):
    project, _ = bundled
    draft = project / "sites/delegations/draft.yml"
    draft.write_text("site: gia-lai\nlanguages: [kh]\n", encoding="utf-8")
    try:
        good = run("--project", str(project), "brochure", "2026-12-ratanakiri", "--out", str(tmp_path / "good.pdf"))
        broken = run("--project", str(project), "brochure", "draft", "--out", str(tmp_path / "draft.pdf"))
        built = run("--project", str(project), "build", "--out", str(tmp_path / "public"))
    finally:
        draft.unlink()  # the module's other brochures share this project
    assert good.status == 0 and "draft.yml" not in good.err and (tmp_path / "good.pdf").is_file()
    assert broken.status == 1 and "sites/delegations/draft.yml:1: dates: this field is required but missing" in broken.err
    assert built.status == 1 and "draft.yml" in built.err  # publishing still waits for every file to be right


def test_note_pages_fill_the_last_sheet_of_a_folded_booklet(bundled, tmp_path):
    project, pdf = bundled
    assert int(_info(pdf)["Pages"]) % 4 == 0
    visit = project / "sites/delegations/who.yml"
    text = (project / "sites/delegations" / f"{VISIT}.yml").read_text(encoding="utf-8")
    visit.write_text(text + 'people: {delegation: [{name: "Sok Dara", role: {en: "Head", vi: "Trưởng đoàn"}}]}\n',
                     encoding="utf-8")
    try:
        out = tmp_path / "who.pdf"
        assert run("--project", str(project), "brochure", "who", "--out", str(out)).status == 0
    finally:
        visit.unlink()
    pages = int(_info(out)["Pages"])
    assert pages % 4 == 0 and pages > int(_info(pdf)["Pages"])  # the who-is-who page, then notes to the sheet's end
    text = _flat(_tool("pdftotext", str(out), "-"))
    assert "Who is who The delegation Sok Dara Head" in text and "Notes" in text


@pytest.mark.parametrize("lang, reason", [("en", "a part of that path is a file, not a folder"),
                                          ("vi", "một phần của đường dẫn là tệp, không phải thư mục")])
def test_a_brochure_that_cannot_be_written_says_why_and_leaves_nothing(bundled, tmp_path, lang, reason):
    project, _ = bundled
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    out = tmp_path / "notes.txt" / "brochure.pdf"
    result = run("--project", str(project), "--messages", lang, "brochure", "2026-12-ratanakiri", "--out", str(out))
    assert result.status == 1 and "internal error" not in result.err and "lỗi nội bộ" not in result.err
    assert result.err.splitlines()[-1].endswith(reason)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_full_disk_is_said_in_plain_words(bundled, tmp_path):
    """A small tmpfs stands for a full disk (needs root, as CI has; skipped elsewhere)."""
    project, _ = bundled
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        result = run("--project", str(project), "brochure", "2026-12-ratanakiri", "--out", str(disk / "b.pdf"))
        left = list(disk.iterdir())
    finally:
        subprocess.run(["umount", str(disk)], check=True)
    assert result.status == 1 and result.err.splitlines()[-1].endswith("the file cannot be written: the disk is full")
    assert left == []
