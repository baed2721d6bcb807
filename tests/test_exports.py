"""Open data exports: real files written from the base project, parsed back."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from generator.catalogue import Catalogue, CheckContext
from generator.project import Project
from generator.reading import load_catalogue
from generator.site.exports import write_exports

FILES = ["records.geojson", "records.csv", "records.json", "datapackage.json"]
HOSTILE = 'Say "hi", then\nleave <script>alert(1)</script> & go'
# Only what this project relies on from the Data Package and Table Schema specs.
DATAPACKAGE_SCHEMA = {
    "type": "object",
    "required": ["name", "resources"],
    "properties": {
        "name": {"type": "string", "pattern": "^[-a-z0-9._/]+$"},
        "title": {"type": "string", "minLength": 1},
        "resources": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "path", "format", "mediatype", "encoding"],
                "properties": {
                    "name": {"type": "string", "pattern": "^[-a-z0-9._/]+$"},
                    "path": {"type": "string", "pattern": "^[^/].*$"},
                    "encoding": {"const": "utf-8"},
                    "schema": {
                        "type": "object",
                        "required": ["fields"],
                        "properties": {
                            "fields": {
                                "type": "array",
                                "minItems": 1,
                                "items": {
                                    "type": "object",
                                    "required": ["name", "type"],
                                    "properties": {
                                        "name": {"type": "string", "minLength": 1},
                                        "type": {"enum": ["string", "number", "integer"]},
                                    },
                                },
                            }
                        },
                    },
                },
            },
        },
    },
}


def load(root: Path) -> Catalogue:
    ctx = CheckContext(Project(root))
    catalogue = load_catalogue(ctx)
    assert not ctx.problems.errors, [p.format() for p in ctx.problems.errors]
    return catalogue


def export(root: Path, site: str, out: Path) -> dict[str, Path]:
    catalogue = load(root)
    paths = write_exports(catalogue, catalogue.sites[site], out)
    return {path.name: path for path in paths}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def schema_fields(out: Path) -> list[dict]:
    package = read_json(out / "datapackage.json")
    (resource,) = [r for r in package["resources"] if r["path"] == "records.csv"]
    return resource["schema"]["fields"]


def test_writes_the_four_files_and_returns_their_paths(project, tmp_path):
    out = tmp_path / "public" / "main" / "data"
    paths = export(project, "main", out)
    assert sorted(paths) == sorted(FILES)
    assert all(path.parent == out and path.is_file() and path.stat().st_size > 0 for path in paths.values())


def test_geojson_has_exactly_the_located_records_longitude_first(project, tmp_path):
    out = tmp_path / "out"
    geo = read_json(export(project, "main", out)["records.geojson"])
    assert geo["type"] == "FeatureCollection"
    features = {f["properties"]["id"]: f for f in geo["features"]}
    assert list(features) == ["go-da", "honey"]  # gong-culture has no coordinates
    assert all(f["type"] == "Feature" and f["geometry"]["type"] == "Point" for f in features.values())
    assert features["go-da"]["geometry"]["coordinates"] == [108.6514, 13.972]
    assert features["honey"]["geometry"]["coordinates"] == [107.904, 13.9048]
    go_da, honey = features["go-da"]["properties"], features["honey"]["properties"]
    assert go_da["name_vi"] == "Gò Đá" and go_da["summary_en"] == "A Palaeolithic site."
    assert go_da["level"] == "national"  # national 2020 outranks provincial 2018
    assert go_da["commune"] == "Phường An Bình" and go_da["province"] == "Gia Lai"
    assert go_da["former_address"] == "Phường An Bình, thị xã An Khê, tỉnh Gia Lai"
    assert go_da["url_en"] == "https://heritage.gialai.vn/en/heritage/go-da/"
    assert (honey["stars"], honey["category"], honey["precision"]) == (5, "food", "area")
    assert honey["level"] is None


def test_csv_has_one_row_per_member_and_the_schema_header(project, tmp_path):
    out = tmp_path / "out"
    path = export(project, "main", out)["records.csv"]
    raw = path.read_bytes()
    assert b"\r" not in raw and raw.endswith(b"\n")
    rows = read_csv(path)
    assert [row["id"] for row in rows] == ["go-da", "gong-culture", "honey"]
    header = next(csv.reader(io.StringIO(raw.decode("utf-8"))))
    assert header == [field["name"] for field in schema_fields(out)]
    assert header[:7] == ["id", "collection", "kind", "name_vi", "summary_vi", "name_en", "summary_en"]
    go_da, gong, honey = rows
    assert (float(go_da["latitude"]), float(go_da["longitude"])) == (13.972, 108.6514)
    assert go_da["designations"] == "provincial 2018; national 2020 (3227/QĐ-BVHTTDL)"
    assert go_da["tags"] == "an-khe" and go_da["sources"] == "https://baogialai.com.vn/roc-tung"
    assert go_da["url_vi"] == "https://heritage.gialai.vn/vi/heritage/go-da/"
    assert (gong["latitude"], gong["longitude"], gong["commune"], gong["stars"]) == ("", "", "", "")
    assert gong["designations"] == "unesco-intangible 2008"
    assert (honey["stars"], honey["category"], honey["producer"]) == ("5", "food", "HTX Mật ong")
    assert "Phường An Bình".encode() in raw and "Không gian văn hóa Cồng chiêng".encode() in raw


def test_csv_values_match_their_declared_types(project, tmp_path):
    out = tmp_path / "out"
    rows = read_csv(export(project, "main", out)["records.csv"])
    for field in schema_fields(out):
        for row in rows:
            value = row[field["name"]]
            if value and field["type"] == "number":
                float(value)
            elif value and field["type"] == "integer":
                assert str(int(value)) == value


def test_decomposed_vietnamese_is_written_as_nfc(project, tmp_path):
    nfc = "Rộc Tưng – Gò Đá"
    yml = project / "content" / "heritage" / "go-da.yml"
    text = yml.read_text(encoding="utf-8").replace('vi: "Gò Đá"', f'vi: "{unicodedata.normalize("NFD", nfc)}"')
    yml.write_text(text, encoding="utf-8")
    paths = export(project, "main", tmp_path / "out")
    for name in FILES[:3]:
        raw = paths[name].read_bytes()
        assert nfc.encode("utf-8") in raw
        assert unicodedata.normalize("NFD", nfc).encode("utf-8") not in raw
    assert read_csv(paths["records.csv"])[0]["name_vi"] == nfc


def test_json_round_trips_with_urls_and_address(project, tmp_path):
    catalogue = load(project)
    paths = {p.name: p for p in write_exports(catalogue, catalogue.sites["main"], tmp_path / "out")}
    data = read_json(paths["records.json"])
    assert data["site"] == "main" and data["languages"] == ["vi", "en"]
    records = {r["id"]: r for r in data["records"]}
    assert list(records) == ["go-da", "gong-culture", "honey"]
    for record_id, record in records.items():
        entry = catalogue.records[record_id]
        assert record["collection"] == entry.collection
        dumped = {k: v for k, v in record.items() if k not in ("id", "collection", "urls", "address")}
        assert dumped == entry.record.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert records["go-da"]["urls"] == {
        "vi": "https://heritage.gialai.vn/vi/heritage/go-da/",
        "en": "https://heritage.gialai.vn/en/heritage/go-da/",
    }
    assert records["go-da"]["address"] == {"commune": "Phường An Bình", "province": "Gia Lai", "derived": False}
    assert records["go-da"]["location"]["coordinates"] == [13.972, 108.6514]  # the record's own order
    assert records["honey"]["urls"]["en"] == "https://heritage.gialai.vn/en/products/honey/"


def test_town_exports_only_its_members(project, tmp_path):
    out = tmp_path / "town"
    paths = export(project, "town", out)
    assert [row["id"] for row in read_csv(paths["records.csv"])] == ["go-da", "honey"]
    assert [r["id"] for r in read_json(paths["records.json"])["records"]] == ["go-da", "honey"]
    geo = read_json(paths["records.geojson"])
    assert [f["properties"]["id"] for f in geo["features"]] == ["go-da", "honey"]
    assert geo["features"][0]["properties"]["url_vi"] == "https://town.gialai.vn/vi/heritage/go-da/"
    package = read_json(paths["datapackage.json"])
    assert (package["name"], package["title"]) == ("town", "Di sản thị xã")
    assert "gong-culture" not in paths["records.csv"].read_text(encoding="utf-8")  # JSON keeps go-da's `related`


def test_two_runs_give_identical_bytes(project, tmp_path):
    first = export(project, "main", tmp_path / "a")
    second = export(project, "main", tmp_path / "b")
    again = export(project, "main", tmp_path / "a")  # overwriting in place
    for name in FILES:
        assert first[name].read_bytes() == second[name].read_bytes() == again[name].read_bytes()
        assert first[name].read_bytes().endswith(b"\n")


def test_hostile_name_is_data_in_csv_and_json(project, tmp_path):
    yml = project / "content" / "heritage" / "go-da.yml"
    text = yml.read_text(encoding="utf-8").replace('en: "Gò Đá Site"', f"en: {json.dumps(HOSTILE)}")
    yml.write_text(text, encoding="utf-8")
    paths = export(project, "main", tmp_path / "out")
    rows = read_csv(paths["records.csv"])
    assert len(rows) == 3
    assert rows[0]["name_en"] == HOSTILE and rows[0]["summary_en"] == "A Palaeolithic site."
    assert read_json(paths["records.json"])["records"][0]["name"]["en"] == HOSTILE
    assert read_json(paths["records.geojson"])["features"][0]["properties"]["name_en"] == HOSTILE
    assert b"<script>" in paths["records.csv"].read_bytes()  # not escaped into something else


def test_missing_translation_is_an_empty_cell(project, tmp_path):
    honey = project / "content" / "products" / "honey.yml"
    honey.write_text(honey.read_text(encoding="utf-8").replace(', en: "Honey"', ""), encoding="utf-8")
    for site in ("main", "town"):  # otherwise the missing text is an error
        yml = project / "sites" / f"{site}.yml"
        yml.write_text(yml.read_text(encoding="utf-8") + "translation_fallback: true\n", encoding="utf-8")
    paths = export(project, "main", tmp_path / "out")
    honey_row = read_csv(paths["records.csv"])[2]
    assert (honey_row["name_vi"], honey_row["name_en"], honey_row["summary_en"]) == ("Mật ong", "", "Forest honey.")
    properties = read_json(paths["records.geojson"])["features"][1]["properties"]
    assert properties["name_en"] is None


@pytest.mark.parametrize("site", ["main", "town"])
def test_datapackage_describes_the_files(project, tmp_path, site):
    out = tmp_path / site
    export(project, site, out)
    package = read_json(out / "datapackage.json")
    jsonschema.validate(package, DATAPACKAGE_SCHEMA)
    assert package["name"] == site
    resources = {r["path"]: r for r in package["resources"]}
    assert sorted(resources) == sorted(FILES[:3])
    assert all((out / path).is_file() for path in resources)
    assert {path: r["mediatype"] for path, r in resources.items()} == {
        "records.geojson": "application/geo+json",
        "records.csv": "text/csv",
        "records.json": "application/json",
    }
    names = [field["name"] for field in resources["records.csv"]["schema"]["fields"]]
    assert len(names) == len(set(names))
    assert "licenses" not in package
