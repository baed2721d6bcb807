"""Delegation brochures, read with poppler's tools and a QR decoder."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import REPO, copy_bundled_project, run

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
    """The bundled visit as an English brochure (the file itself is Khmer first: see `khmer`)."""
    project = copy_bundled_project(tmp_path_factory.mktemp("brochure") / "project")
    source = project / "sites/delegations" / f"{VISIT}.yml"
    english = source.read_text(encoding="utf-8").replace("languages: [km, vi, en]", "languages: [en, vi]")
    english = english.replace('kind: courtesy-call, what:', 'kind: courtesy-call, venue: {en: "Meeting Hall 2", vi: "Hội trường 2"}, what:')
    (project / "sites/delegations/english.yml").write_text(english, encoding="utf-8")
    pdf = project / "out.pdf"
    result = run("--project", str(project), "--messages", "en", "brochure", "english", "--out", str(pdf))
    assert result.status == 0, result.err
    return project, pdf


@pytest.fixture(scope="module")
def khmer(bundled, tmp_path_factory):
    project, _ = bundled
    pdf = tmp_path_factory.mktemp("khmer") / "km.pdf"
    result = run("--project", str(project), "--messages", "en", "brochure", VISIT, "--bleed", "--out", str(pdf))
    assert result.status == 0, result.err
    return pdf, result


def test_pages_size_metadata_and_tags(bundled):
    _, pdf = bundled
    info = _info(pdf)
    # cover, welcome, the route map, a page per day, nine stops (some sharing a page), gifts, contacts, back cover
    assert int(info["Pages"]) % 4 == 0 and 12 <= int(info["Pages"]) <= 20
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
    assert "Courtesy call on the leaders of the Provincial People's Committee Meeting Hall 2" in text  # and the venue
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


def _labels(code: str) -> dict[str, str]:
    from generator.catalogues import strings

    return dict(strings(code, "interface"))


def test_a_khmer_brochure_speaks_khmer_in_every_label_and_date(khmer):
    pdf, result = khmer
    text = _flat(_tool("pdftotext", str(pdf), "-"))
    bare = re.sub(r"\s+", "", text)  # poppler splits Khmer words where a subscript stacks
    km, en = _labels("km"), _labels("en")
    days = _flat(_tool("pdftotext", "-f", "4", "-l", "6", str(pdf), "-"))  # the day pages ("Programme" is also a word
    assert "ធ្នូ" in days and en["brochure_activity"] not in days  # of the English descriptions shown in fallback)
    for key in ("brochure_welcome", "brochure_itinerary", "brochure_time", "brochure_contacts",
                "brochure_emergency", "brochure_practical", "brochure_gifts", "brochure_credits", "brochure_website",
                "message", "brochure_route", "brochure_hosted_by"):
        assert en[key].split("{")[0].strip() not in text, key  # no English label
    assert "113 police" not in text
    for key in ("brochure_welcome", "brochure_time", "emergency_police"):  # those poppler reads back whole
        assert re.sub(r"\s+", "", km[key]) in bare, key
    assert "Day" not in days and "December" not in days and "ធ្នូ" in bare  # dates by Babel, in Khmer
    assert "គណៈប្រតិភូខេត្តរតនគិរី" in bare and "ទទួលស្វាគមន៍គណៈប្រតិភូ" in bare  # the visit's own Khmer texts
    # a record's name and summary in Khmer (draft translations in the bundled records), the Vietnamese name beside it,
    # and its description, which has no Khmer yet, in English (with a notice in Khmer)
    hoi_phu = yaml.safe_load((REPO / "content/heritage/den-tuong-niem-hoi-phu.yml").read_text(encoding="utf-8"))
    assert hoi_phu["name"]["en"] not in text and hoi_phu["name"]["vi"] in text  # poppler splits the Khmer name itself
    assert " ".join(hoi_phu["description"]["en"].split()[:6]) in text
    assert "Tỉnh Gia Lai nhiệt liệt chào mừng" in text  # the welcome in Vietnamese beside the Khmer
    assert "Noto-Sans-Khmer" in _tool("pdffonts", str(pdf))  # Khmer letters set in the Khmer font, not boxes
    assert ("sites/delegations/2026-12-ratanakiri.yml:4: languages[1]: warning: the brochure's labels in 'km' are a draft"
            in result.err)
    assert ("sites/delegations/2026-12-ratanakiri.yml:2: site: warning: the site 'gia-lai' still has the placeholder "
            "address https://disan.gialai.example/" in result.err)


def _corners(pdf: Path, page: int, inset: int, folder: Path) -> list[tuple[int, int, int]]:
    """The colours just inside the four corners of the trim box of one page, at 72 dpi."""
    from PIL import Image

    stem = folder / f"p{page}"
    subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
                   check=True, timeout=60)
    image = Image.open(f"{stem}.png").convert("RGB")
    w, h = image.size
    return [image.getpixel((x, y)) for x in (inset, w - 1 - inset) for y in (inset, h - 1 - inset)]


def test_the_covers_are_printed_to_the_edge(bundled, khmer, tmp_path):
    cover = (0x8C, 0x2F, 0x1B)
    _, pdf = bundled
    pages = int(_info(pdf)["Pages"])
    for page in (1, pages):  # front and back, without bleed: the very corners
        assert all(max(abs(a - b) for a, b in zip(c, cover)) < 12 for c in _corners(pdf, page, 1, tmp_path)), page
    bleed, _ = khmer  # with 3 mm (8.5 pt) of bleed: just inside the trim box, and in the bleed itself
    for inset in (10, 4):
        assert all(max(abs(a - b) for a, b in zip(c, cover)) < 12 for c in _corners(bleed, 1, inset, tmp_path)), inset


def test_a_lao_visit(bundled, tmp_path):
    project, _ = bundled
    pdf = tmp_path / "lo.pdf"
    result = run("--project", str(project), "--messages", "en", "brochure", "2027-07-attapeu", "--out", str(pdf))
    assert result.status == 0, result.err
    info = _info(pdf)
    assert info["Page size"] == A5 and int(info["Pages"]) % 4 == 0
    text = _flat(_tool("pdftotext", str(pdf), "-"))
    lo, en = _labels("lo"), _labels("en")
    for key in ("brochure_itinerary", "brochure_contacts", "brochure_emergency", "brochure_activity"):
        assert _flat(lo[key]) in text and _flat(en[key]) not in text, key
    assert "ຄະນະຜູ້ແທນແຂວງອັດຕະປື" in text and "07:30–09:30" in text
    fonts = _tool("pdffonts", str(pdf))
    assert "Noto-Sans-Lao" in fonts


def test_text_that_no_installed_font_can_print_is_refused_with_the_package_to_install(bundled, tmp_path):
    if subprocess.run(["fc-list", ":charset=ac00", "family"], capture_output=True, text=True).stdout.strip():
        pytest.skip("a Hangul font is installed here; scripts/setup installs none")
    project, _ = bundled
    visit = project / "sites/delegations/korea.yml"
    visit.write_text(
        "site: gia-lai\nlanguages: [en]\n"
        'delegation: {en: "대한민국 대표단"}\n'
        "dates: {from: 2026-12-10, to: 2026-12-10}\n"
        "itinerary:\n  - {day: 2026-12-10, stops: [roc-tung-go-da]}\n",
        encoding="utf-8",
    )
    pdf = tmp_path / "ko.pdf"
    try:
        result = run("--project", str(project), "--messages", "en", "brochure", "korea", "--out", str(pdf))
    finally:
        visit.unlink()  # the module's other brochures share this project
    assert result.status == 1 and not pdf.exists() and not list(tmp_path.iterdir())
    assert ("sites/delegations/korea.yml:3: no installed font has the letters '대한민국표단' (Hangul), so they would print"
            " as empty boxes; install the package fonts-noto-cjk (apt-get install fonts-noto-cjk)") in result.err


def test_the_programme_as_a_word_file(bundled, tmp_path):
    import docx

    project, _ = bundled
    out = tmp_path / "programme.docx"
    for _ in range(2):  # the second replaces the first: it is ours
        result = run("--project", str(project), "--messages", "en", "brochure", VISIT, "--format", "docx", "--out", str(out))
        assert result.status == 0, result.err
    first = out.read_bytes()
    cells = [cell.text for table in docx.Document(str(out)).tables for row in table.rows for cell in row.cells]
    assert any("ទទួលស្វាគមន៍គណៈប្រតិភូ" in cell for cell in cells) and "08:30–09:30" in cells
    assert run("--project", str(project), "brochure", VISIT, "--format", "docx", "--out", str(out)).status == 0
    assert out.read_bytes() == first  # the same bytes
    other = tmp_path / "mine.docx"
    other.write_bytes(b"PK not ours")
    refused = run("--project", str(project), "--messages", "en", "brochure", VISIT, "--format", "docx", "--out", str(other))
    assert refused.status == 1 and other.read_bytes() == b"PK not ours"


def test_a_site_catalogue_booklet(bundled, tmp_path):
    project, _ = bundled
    pdf = tmp_path / "booklet.pdf"
    result = run("--project", str(project), "brochure", "--site", "an-khe", "--lang", "vi", "--out", str(pdf))
    assert result.status == 0, result.err
    text = _flat(_tool("pdftotext", str(pdf), "-"))
    assert "Di tích khảo cổ Rộc Tưng – Gò Đá" in text and "Lịch trình" not in text


def test_build_publishes_the_brochures(bundled_build):
    for visit in (VISIT, "2027-07-attapeu"):
        assert int(_info(bundled_build / "brochures" / f"{visit}.pdf")["Pages"]) % 4 == 0
        assert (bundled_build / "brochures" / f"{visit}.docx").read_bytes()[:2] == b"PK"  # the programme, for Word


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
    text = (project / "sites/delegations/english.yml").read_text(encoding="utf-8")
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
    assert any(line.endswith(reason) for line in result.err.splitlines())
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
    assert result.status == 1 and any(line.endswith("the file cannot be written: the disk is full")
                                      for line in result.err.splitlines())
    assert left == []


def _words(markdown: str, first: int, last: int | None = None) -> str:
    """Words of a Markdown text as a PDF prints them (links as their text, no emphasis marks)."""
    plain = re.sub(r"[*_`\[\]]", "", re.sub(r"\]\([^)]*\)", "]", markdown))
    return " ".join(plain.split()[first:last])


def test_a_stop_with_a_page_to_itself_prints_its_whole_text_unless_it_would_run_over(tmp_path):
    from generator.brochure.plan import plan_visit
    from generator.catalogue import CheckContext
    from generator.project import Project
    from generator.reading import load_catalogue

    visit = "2027-07-attapeu"  # its stops each have a page; the whole text of only the first fits one
    catalogue = load_catalogue(CheckContext(Project(REPO)))
    plan = plan_visit(catalogue, catalogue.delegations[visit].delegation, {})
    pdf = tmp_path / "visit.pdf"
    result = run("--messages", "en", "brochure", visit, "--out", str(pdf))
    assert result.status == 0, result.err
    count = int(_info(pdf)["Pages"])
    assert count % 4 == 0  # note pages fill the booklet's last sheet
    pages = [_flat(_tool("pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-")) for n in range(1, count + 1)]

    whole = []
    for stop in plan.stops:
        starts = [n for n, text in enumerate(pages) if _words(stop.description, 0, 6) in text]
        assert len(starts) == 1, stop.id
        page = pages[starts[0]]
        assert _words(stop.description, -5) in page, stop.id
        if stop.description_full != stop.description:
            printed_whole = any(_words(stop.description_full, -5) in text for text in pages)
            assert not printed_whole or _words(stop.description_full, -5) in page, stop.id  # it did not run over
            whole.append(printed_whole)
    assert whole[0] and not all(whole), whole  # the rule is at work both ways
