"""Changing an editor's YAML file without touching what did not change (generator/yaml_edit.py).

Every record, site and visit of the bundled project is edited at random (values
changed, keys added and removed, list items appended and dropped) and must read
back as exactly the new data; the diffs of typical edits are checked line by line.
"""

from __future__ import annotations

import copy
import difflib
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.yaml_edit import apply_data

REPO = Path(__file__).parent.parent
FILES = sorted([*REPO.glob("content/*/*.yml"), *REPO.glob("sites/*.yml"), *REPO.glob("sites/delegations/*.yml")])
FILES = [path for path in FILES if not path.parent.name.startswith("_")]
VALUES = ["Một hai", "x: y # z", "two\nlines\n", "#not a comment", "  leading", "=SUM(A1)", "ខ្មែរ", "yes", "null",
          42, 3.5, True, None, {"vi": "a", "en": "b"}, ["t1", "t2"], {"long": "word " * 30, "list": [1, 2]}]


def places(data, loc=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield loc + (key,)
            yield from places(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield loc + (index,)
            yield from places(value, loc + (index,))


def mutate(data, draw):
    loc = draw(st.sampled_from(list(places(data))))
    parent = data
    for part in loc[:-1]:
        parent = parent[part]
    action = draw(st.sampled_from(["set", "add", "remove"]))
    value = copy.deepcopy(draw(st.sampled_from(VALUES)))
    if isinstance(parent, dict):
        if action == "remove" and len(parent) > 1:
            del parent[loc[-1]]
        elif action == "add":
            parent[draw(st.sampled_from(["new", "other", "extra_key"]))] = value
        else:
            parent[loc[-1]] = value
    elif action == "remove" and len(parent) > 1:
        parent.pop()
    elif action == "add":
        parent.append(value)
    else:
        parent[loc[-1]] = value


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_change_reads_back_exactly(data):
    path = data.draw(st.sampled_from(FILES))
    text = path.read_text(encoding="utf-8")
    new = copy.deepcopy(yaml.safe_load(text))
    for _ in range(data.draw(st.integers(1, 3))):
        mutate(new, data.draw)
    changed = apply_data(text, new)
    assert yaml.safe_load(changed) == new  # which lines change is checked below, edit by edit


def diff(text: str, new_text: str) -> list[str]:
    return [line.rstrip("\n") for line in difflib.unified_diff(text.splitlines(True), new_text.splitlines(True), n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


ROC = REPO / "content/heritage/roc-tung-go-da.yml"


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["designations"][3].update(year=2024), ["-    year: 2023", "+    year: 2024"]),
    (lambda d: d["designations"].append({"level": "provincial", "year": 2030}), ["+  - {level: provincial, year: 2030}"]),
    (lambda d: d["tags"].append("new-tag"),
     ["-tags: [palaeolithic, archaeology, an-khe, special-national-relic]",
      "+tags: [palaeolithic, archaeology, an-khe, special-national-relic, new-tag]"]),
    (lambda d: d["location"].update(coordinates=[13.1, 108.2]),
     ["-  coordinates: [13.9720, 108.6514]   # Gò Đá, from the VASS excavation report",
      "+  coordinates: [13.1, 108.2]   # Gò Đá, from the VASS excavation report"]),
    (lambda d: d.pop("related"), ["-related: [tay-son-thuong-dao, kon-ha-nung]"]),
    (lambda d: d["visiting"].update(fee={"vi": "Miễn phí", "en": "Free"}), ['+  fee: {vi: "Miễn phí", en: "Free"}']),
    (lambda d: d["designations"].pop(1), ['-  - {level: national, year: 2020, reference: "3227/QĐ-BVHTTDL"}']),
    (lambda d: d["designations"].insert(1, {"level": "provincial", "year": 2019}), ["+  - {level: provincial, year: 2019}"]),
    (lambda d: d["tags"].pop(1), ["-tags: [palaeolithic, archaeology, an-khe, special-national-relic]",
                                  "+tags: [palaeolithic, an-khe, special-national-relic]"]),
    # a removed key takes its comment along, and nothing else of its mapping
    (lambda d: d["location"].pop("coordinates"), ["-  coordinates: [13.9720, 108.6514]   # Gò Đá, from the VASS excavation report"]),
])
def test_an_edit_changes_its_own_lines_only(change, expected):
    text = ROC.read_text(encoding="utf-8")
    new = copy.deepcopy(yaml.safe_load(text))
    change(new)
    assert diff(text, apply_data(text, new)) == expected


def test_no_change_is_no_edit():
    text = ROC.read_text(encoding="utf-8")
    assert apply_data(text, yaml.safe_load(text)) == text
