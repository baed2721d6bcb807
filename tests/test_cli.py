"""The `heritage` command end to end: exit codes, options, languages, new, schema, report."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import BAD, run

BIN = Path(sys.executable).parent


def _subprocess(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    environment.update(env)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=environment, timeout=120)


def test_console_script_and_module_are_the_same_program(project):
    shutil.copyfile(BAD / "unknown-field.yml", project / "content/heritage/unknown-field.yml")
    script = _subprocess([str(BIN / "heritage"), "--project", str(project), "check"], cwd=project.parent)
    module = _subprocess([sys.executable, "-m", "generator", "--project", str(project), "check"], cwd=project.parent)
    assert script.returncode == module.returncode == 1
    assert script.stderr == module.stderr
    assert script.stderr.startswith("content/heritage/unknown-field.yml:3: sumary: unknown field 'sumary'")
    assert "Traceback" not in script.stderr


def test_project_defaults_to_the_current_folder(project):
    result = _subprocess([str(BIN / "heritage"), "check"], cwd=project)
    assert result.returncode == 0
    assert result.stderr == "no problems found in 8 files\n"


def test_clean_project_exits_0(project):
    result = run("--project", str(project), "check")
    assert (result.status, result.err) == (0, "no problems found in 8 files\n")


def test_errors_exit_1_and_are_counted(project):
    shutil.copyfile(BAD / "stars-range.yml", project / "content/products/stars-range.yml")
    result = run("--project", str(project), "--messages", "en", "check")
    assert result.status == 1
    assert result.err.splitlines()[-1] == "1 error(s), 0 warning(s) in 9 files"


def test_warnings_pass_unless_strict(project):
    shutil.copyfile(BAD / "unofficial-commune.yml", project / "content/heritage/unofficial-commune.yml")
    relaxed = run("--project", str(project), "--messages", "en", "check")
    strict = run("--project", str(project), "--messages", "en", "check", "--strict")
    assert relaxed.status == 0 and strict.status == 1
    assert relaxed.err == strict.err
    assert ": warning: 'Xã Krông' is not an official commune" in strict.err


def test_usage_errors_exit_2(project):
    assert run("--project", str(project), "frobnicate").status == 2
    assert run("--project", str(project)).status == 2
    assert run("--project", str(project), "--messages", "fr", "check").status == 2
    assert run("--project", str(project), "report", "--format", "xml").status == 2


def test_a_folder_that_is_not_a_project_exits_2(tmp_path):
    result = run("--project", str(tmp_path), "--messages", "en", "check")
    assert result.status == 2
    assert "is not a project folder (it has no content/ or sites/ folder)" in result.err


def test_messages_in_vietnamese(project):
    shutil.copyfile(BAD / "latitude-range.yml", project / "content/heritage/latitude-range.yml")
    shutil.copyfile(BAD / "unknown-field.yml", project / "content/heritage/unknown-field.yml")
    result = run("--project", str(project), "--messages", "vi", "check")
    assert result.status == 1
    assert result.err.splitlines() == [
        "content/heritage/latitude-range.yml:6: location.coordinates: vĩ độ 114.05 nằm ngoài khoảng -90..90",
        "content/heritage/unknown-field.yml:3: sumary: trường 'sumary' không được biết; có phải ý bạn là 'summary'?",
        "content/heritage/unknown-field.yml:7: sources[1].year: trường 'year' không được biết",
        "3 lỗi, 0 cảnh báo trong 10 tệp",
    ]


def test_message_language_follows_the_environment(project):
    shutil.copyfile(BAD / "stars-range.yml", project / "content/products/stars-range.yml")
    vi = _subprocess([str(BIN / "heritage"), "check"], cwd=project, LANG="vi_VN.UTF-8")
    en = _subprocess([str(BIN / "heritage"), "check"], cwd=project, LANG="en_GB.UTF-8")
    assert "số sao OCOP phải là 3, 4 hoặc 5, nhưng lại là 6" in vi.stderr
    assert "OCOP stars must be 3, 4 or 5, but found 6" in en.stderr
    forced = _subprocess([str(BIN / "heritage"), "--messages", "en", "check"], cwd=project, LANG="vi_VN.UTF-8")
    assert "OCOP stars must be 3, 4 or 5" in forced.stderr


def test_new_writes_a_template_that_check_walks_through(project):
    result = run("--project", str(project), "--messages", "en", "new", "historical-relic", "khu-moi")
    assert result.status == 0, result.err
    path = project / "content/heritage/khu-moi.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../_schema/heritage.schema.json"
    data = yaml.safe_load(text)
    assert data["kind"] == "historical-relic"

    problems = run("--project", str(project), "--messages", "en", "check")
    assert problems.status == 1
    fields = [line.split(": ")[1] for line in problems.problem_lines]
    assert fields == ["name", "summary", "description", "location.coordinates", "location.province"]
    assert all(line.startswith("content/heritage/khu-moi.yml:") for line in problems.problem_lines)

    again = run("--project", str(project), "--messages", "en", "new", "historical-relic", "khu-moi")
    assert again.status == 1 and "content/heritage/khu-moi.yml already exists" in again.err
    assert path.read_text(encoding="utf-8") == text


def test_a_filled_in_template_passes(project):
    run("--project", str(project), "new", "ocop-product", "ca-phe-moi")
    path = project / "content/products/ca-phe-moi.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("name", "summary", "description"):
        data[key] = {"vi": "Cà phê", "en": "Coffee"}
    data.update(category="beverage", stars=4, producer={"name": "HTX Cà phê"}, tags=["coffee"])
    data["location"] = {"coordinates": [13.9048, 107.904], "precision": "area", "commune": "Xã Gào", "province": "Gia Lai"}
    data["sources"] = [{"title": "Báo Gia Lai", "url": "https://baogialai.com.vn/"}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("--project", str(project), "check", "--strict")
    assert result.status == 0, result.err


def test_new_refuses_a_bad_id_and_an_unknown_kind(project):
    bad_id = run("--project", str(project), "--messages", "en", "new", "historical-relic", "Khu Mới")
    assert bad_id.status == 1 and "such as 'khu-moi'" in bad_id.err
    assert not list((project / "content/heritage").glob("Khu*"))
    assert run("--project", str(project), "new", "museum", "x").status == 2


def test_schema_writes_every_format(project, tmp_path):
    out = tmp_path / "schemas"
    result = run("--project", str(project), "schema", "--out", str(out))
    assert result.status == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "delegation.schema.json", "event.schema.json", "heritage.schema.json", "page.schema.json", "product.schema.json",
        "site.schema.json",
    ]


def test_report_lists_what_is_missing_per_language(project):
    (project / "sites/main.yml").write_text(
        (project / "sites/main.yml").read_text(encoding="utf-8").replace("[vi, en]", "[vi, en, km]")
        + "translation_fallback: true\n",
        encoding="utf-8",
    )
    # a record with only its former address: the current commune is derived, to be confirmed
    record = project / "content/heritage/go-da.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("  commune: Phường An Bình\n", ""), encoding="utf-8")
    result = run("--project", str(project), "--messages", "en", "report", "--format", "csv")
    assert result.status == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [(r["record"], r["language"]) for r in rows][:3] == [("go-da", "vi"), ("go-da", "en"), ("go-da", "km")]
    go_da_km = rows[2]
    assert go_da_km["missing_texts"] == "name, summary, description, images[1].alt"
    assert go_da_km["photos"] == "1"
    assert go_da_km["coordinates"] == "yes (exact)"
    assert go_da_km["visiting"] == "MISSING"
    assert go_da_km["commune"] == "Phường An Bình (derived from the former address: please confirm)"
    gong = next(r for r in rows if r["record"] == "gong-culture" and r["language"] == "vi")
    assert (gong["coordinates"], gong["commune"], gong["missing_texts"]) == ("n/a", "n/a", "-")

    table = run("--project", str(project), "--messages", "vi", "report")
    header = table.out.splitlines()[0]
    assert header.split() [:2] == ["bản", "ghi"]
    assert "Phường An Bình (suy ra từ địa chỉ cũ: cần xác nhận)" in table.out


def test_every_command_is_in_the_readme():
    """Every command and step the parser knows is in the README's table (as Datasette checks its settings)."""
    import argparse

    from generator.cli import build_parser

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        steps = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
        names = [f"{name} {step}" for step in steps[0].choices] if steps else [name]
        for command in names:
            assert f"| `heritage {command}" in readme, command
