"""The bundled catalogue: clean under --strict, schemas and docs in step with the models."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import jsonschema
import pytest
import yaml

from conftest import REPO, run
from generator.catalogue import CheckContext
from generator.project import Project
from generator.reading import load_catalogue
from generator.schema import FORMATS, SCHEMA_COMMENT, SCHEMA_PATHS, field_rows, render_json_schema, render_reference

RECORD_FILES = sorted((REPO / "content").glob("[!_]*/*.yml")) + sorted((REPO / "sites").rglob("*.yml"))


# The sources give the sites no domain yet: their addresses are placeholders, which `heritage check` says.
PLACEHOLDER_WARNINGS = [f"sites/{name}.yml:{line}: url: warning: {url} is a placeholder address" for name, line, url in (
    ("an-khe", 3, "https://disan.ankhe.example/"), ("doi-tac", 7, "https://doitac.gialai.example/"),
    ("gia-lai", 3, "https://disan.gialai.example/"))]


@pytest.fixture(scope="module")
def catalogue():
    ctx = CheckContext(Project(REPO))
    catalogue = load_catalogue(ctx)
    assert [p.format().split(":", 1)[0] for p in ctx.problems] == [w.split(":", 1)[0] for w in PLACEHOLDER_WARNINGS]
    return catalogue


def test_the_bundled_content_checks_clean_but_for_its_placeholder_addresses():
    result = run("--project", str(REPO), "--messages", "en", "check")
    assert result.status == 0, result.err
    lines = result.problem_lines
    assert [line.split(":", 4)[:4] for line in lines] == [w.split(":", 4)[:4] for w in PLACEHOLDER_WARNINGS]
    assert all(line.startswith(warning) for line, warning in zip(lines, PLACEHOLDER_WARNINGS)), lines
    assert result.err.splitlines()[-1] == "0 error(s), 3 warning(s) in 60 files"


def test_every_heritage_item_of_the_plan_is_there(catalogue):
    named = {
        "roc-tung-go-da", "khong-gian-van-hoa-cong-chieng", "kon-ha-nung", "can-cu-khu-10", "lang-stor",
        "can-cu-khu-9", "den-tuong-niem-hoi-phu", "tham-sat-tan-lap", "chien-thang-chu-bo-duc-co",
        "khu-luu-niem-anh-hung-wuu", "tay-son-thuong-dao",
    }
    assert named <= set(catalogue.records)
    products = [e for e in catalogue.records.values() if e.collection == "products"]
    assert len(products) >= 8


def test_the_whole_province_since_the_merger(catalogue):
    heritage = [e for e in catalogue.records.values() if e.collection == "heritage"]
    products = [e for e in catalogue.records.values() if e.collection == "products"]
    assert len(heritage) >= 25 and len(products) >= 12
    assert {e.kind for e in heritage} == {"archaeological-site", "historical-relic", "intangible-heritage", "natural-heritage"}

    def former_binh_dinh(entry) -> bool:
        location = entry.record.location
        return "binh-dinh" in entry.record.tags or bool(location and "Bình Định" in (location.former_address or ""))

    assert sum(map(former_binh_dinh, heritage)) >= 8 and sum(map(former_binh_dinh, products)) >= 1
    featured = catalogue.sites["gia-lai"].site.featured
    assert any(former_binh_dinh(catalogue.records[i]) for i in featured)
    assert any(not former_binh_dinh(catalogue.records[i]) for i in featured)
    an_khe = {e.id for e in catalogue.members(catalogue.sites["an-khe"])}
    assert not an_khe & {"bai-choi", "hat-boi-binh-dinh", "vo-co-truyen-binh-dinh"}  # the town keeps its scope


def test_the_corrections_of_issue_13(catalogue):
    records = catalogue.records
    # Chư Ty and Chư Bồ – Đức Cơ are two places; the second is a provincial relic (certificate of 2021)
    assert "chien-thang-chu-ty" in records
    assert [(d.level, d.year) for d in records["chien-thang-chu-bo-duc-co"].record.designations] == [("provincial", 2021)]
    # the National Treasure is a collection kept at the provincial museum, and the record says so
    treasure = [d for d in records["roc-tung-go-da"].record.designations if d.level == "national-treasure"]
    assert [(d.year, d.reference) for d in treasure] == [(2023, "41/QĐ-TTg")]
    assert "Gia Lai Provincial Museum" in treasure[0].kept_at["en"] and "Bảo tàng tỉnh Gia Lai" in treasure[0].kept_at["vi"]
    # one UNESCO title, listed once
    assert [d.level for d in records["khong-gian-van-hoa-cong-chieng"].record.designations] == ["unesco-intangible"]
    text = {i: yaml.safe_dump(e.record.model_dump(mode="json"), allow_unicode=True) for i, e in records.items()}
    assert not any("mảnh thiên thạch" in t or "Đak Sơ Mei" in t and "commune" in t for t in text.values())
    assert "Centuries-old" not in text["can-cu-khu-9"] and "red address" not in text["khu-luu-niem-anh-hung-wuu"]
    assert "Nguyễn Huệ" in records["tay-son-thuong-dao"].record.summary["en"]


def test_every_record_cites_sources_and_is_bilingual(catalogue):
    for entry in catalogue.records.values():
        assert entry.record.sources, entry.id
        for field in ("name", "summary", "description"):
            assert set(getattr(entry.record, field)) >= {"vi", "en"}, (entry.id, field)


def test_every_located_record_has_its_current_and_former_address(catalogue):
    # Products whose sources give only the new commune keep no former address:
    # which of the merged old communes a producer was in is not known.
    no_former_source = {"ca-phe-gia-lang-baka", "yen-sao-nhat-minh-anh", "tui-tho-cam-glar", "ruou-can-jrai-ayun-pa", "mac-ca-kon-ha-nung",
                        "cha-ca-thanh-van-2", "kon-ka-kinh"}  # the park: four communes, no single former one
    # The reserves and the park span many communes; the salt's village, the lake and three
    # Chăm tower groups have no sourced commune (only a former district).
    no_single_commune = {"kon-ha-nung", "muoi-co-thom-h-rin", "kon-ka-kinh", "bien-ho", "thap-duong-long",
                         "thap-banh-it", "thap-doi"}
    for entry in catalogue.records.values():
        if entry.kind == "intangible-heritage" or entry.collection == "events":  # province-wide, or held at a place
            continue
        location = entry.record.location
        assert location.coordinates, entry.id
        assert location.province == entry.address.province == "Gia Lai", entry.id
        assert bool(location.former_address) != (entry.id in no_former_source), entry.id
        assert bool(entry.address.commune) != (entry.id in no_single_commune), entry.id


def test_sites_select_what_they_should(catalogue):
    everything = set(catalogue.records)
    assert {e.id for e in catalogue.members(catalogue.sites["gia-lai"])} == everything
    an_khe = {e.id for e in catalogue.members(catalogue.sites["an-khe"])}
    assert {"roc-tung-go-da", "tay-son-thuong-dao", "khong-gian-van-hoa-cong-chieng"} <= an_khe
    assert "den-tuong-niem-hoi-phu" not in an_khe
    assert any(catalogue.records[i].collection == "products" for i in an_khe)
    visit = catalogue.delegations["2026-12-ratanakiri"].delegation
    assert visit.languages[0] == "km" and "vi" in visit.languages  # a Cambodian delegation reads Khmer first
    lao = catalogue.delegations["2027-07-attapeu"].delegation
    assert lao.languages[0] == "lo" and lao.paper == "A5"
    assert 2 <= (visit.dates.end - visit.dates.start).days + 1 <= 3
    assert visit.gifts and all(catalogue.records[g].collection == "products" for g in visit.gifts)


@pytest.mark.parametrize("path", RECORD_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_files_are_nfc_and_validate_against_their_json_schema(path):
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    kind = {"heritage": "heritage", "products": "product", "events": "event", "sites": "site",
            "delegations": "delegation"}[path.parent.name]
    assert text.splitlines()[0] == SCHEMA_COMMENT.format(SCHEMA_PATHS[kind])
    schema_file = (path.parent / SCHEMA_PATHS[kind]).resolve()
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(yaml.safe_load(text), default=lambda v: v.isoformat() if isinstance(v, dt.date) else v))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_json_schemas_reject_what_check_rejects():
    schema = json.loads((REPO / "content/_schema/heritage.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    good = {"kind": "historical-relic", "name": {"vi": "a"}, "summary": {"vi": "a"}, "description": {"vi": "a"}}
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "sumary": {"vi": "a"}})
    assert not validator.is_valid({**good, "kind": "museum"})
    assert not validator.is_valid({**good, "name": "plain text"})
    assert not validator.is_valid({**good, "location": {"province": "Gia Lai", "coordinates": [114.05, 108.0]}})


@pytest.mark.parametrize("name", list(FORMATS))
def test_committed_json_schemas_are_up_to_date(name):
    committed = (REPO / "content/_schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == render_json_schema(name), "run `heritage schema` and commit content/_schema/"


def test_field_reference_is_up_to_date():
    committed = (REPO / "docs/record-format.md").read_text(encoding="utf-8")
    assert committed == render_reference(), "run `heritage schema --docs docs/record-format.md`"


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_field_is_documented_in_both_languages(name):
    model, _ = FORMATS[name]
    for key, _, _, en, vi in field_rows(model):
        assert en.strip() and vi.strip(), f"{name}: {key} needs a description in English and Vietnamese"
