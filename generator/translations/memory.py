"""What each translation was made from: content/_translations/<lang>.yml.

`heritage translations import` records, for every text it writes, the source
text the translator saw (the PO file's msgid) and its language. When that source
changes later, the translation is outdated: `heritage report` says so, and the
next export offers it again, marked fuzzy, with the old source beside the new.

The record is kept apart from the records on purpose: an import changes
nothing in an editor's file but the translated values. The tool writes this
file whole; a translation added by hand has no entry, and counts as current.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

from ..loading import load_yaml_file
from ..messages import Found
from ..models.fields import LANGUAGE_CODE
from ..problems import Problems
from ..project import Project, visible_files

FOLDER = "_translations"
HEADER = (
    "# What each {name} ({code}) text was translated from, written by `heritage translations import`.\n"
    "# When a source text changes, `heritage report` and the next export show its translation as outdated.\n"
    "# The tool keeps this file: there is no need to edit it.\n"
)


@dataclass(frozen=True)
class Memory:
    lang: str
    entries: Mapping[tuple[str, str], tuple[str, str]] = field(default_factory=lambda: MappingProxyType({}))
    # (file, field) -> (source language, source text)

    def source_of(self, path: str, field_name: str) -> tuple[str, str] | None:
        return self.entries.get((path, field_name))

    def is_outdated(self, path: str, field_name: str, now: Mapping[str, str]) -> bool:
        """Whether the translation of a text, whose source languages read `now`, was made from another text."""
        return outdated(self.source_of(path, field_name), now)

    def updated(self, made_from: Mapping[tuple[str, str], tuple[str, str]]) -> "Memory":
        return Memory(self.lang, MappingProxyType({**self.entries, **made_from}))


def outdated(made_from: tuple[str, str] | None, now: Mapping[str, str]) -> bool:
    """Whether a translation made from `made_from` (language, text) is behind the source texts `now`
    (by language); one with no record of its source counts as current."""
    return made_from is not None and now.get(made_from[0]) != made_from[1]


def memory_path(project: Project, lang: str) -> Path:
    return project.content / FOLDER / f"{lang}.yml"


def read_memories(project: Project, problems: Problems) -> dict[str, Memory]:
    """Every language's record, by language code; a damaged entry is reported and left out."""
    folder = project.content / FOLDER
    memories = {}
    for path in visible_files(folder) if folder.is_dir() else []:
        rel = project.rel(path)
        if path.suffix != ".yml" or not LANGUAGE_CODE.match(path.stem):
            problems.add(rel, 0, "", "memory_name")
            continue
        memories[path.stem] = _read(path, rel, problems)
    return memories


def _read(path: Path, rel: str, problems: Problems) -> Memory:
    doc = load_yaml_file(path, rel, problems)
    entries: dict[tuple[str, str], tuple[str, str]] = {}
    for file, fields in (doc.data if doc else {}).items():
        if not isinstance(fields, dict):
            problems.add(rel, doc.line_of((file,)), str(file), "memory_entry", found=Found(fields))
            continue
        for name, made_from in fields.items():
            good = (isinstance(made_from, dict) and len(made_from) == 1
                    and all(isinstance(k, str) and LANGUAGE_CODE.match(k) and isinstance(v, str) for k, v in made_from.items()))
            if not good:
                problems.add(rel, doc.line_of((file, name)), f"{file} {name}", "memory_entry", found=Found(made_from))
                continue
            entries[(str(file), str(name))] = next(iter(made_from.items()))
    return Memory(path.stem, MappingProxyType(entries))


class _Dumper(yaml.SafeDumper):
    """Texts of several lines as literal blocks, which read as they were written (PyYAML falls back
    to a quoted form for a text that a block cannot hold exactly)."""


_Dumper.add_representer(
    str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)
)


def _natural(text: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def render_memory(memory: Memory, name: str, known: set[tuple[str, str]]) -> str:
    """The file's text: entries for texts that still exist, in file and field order."""
    tree: dict[str, dict[str, dict[str, str]]] = {}
    for (file, field_name), (lang, text) in sorted(memory.entries.items(), key=lambda item: (item[0][0], _natural(item[0][1]))):
        if (file, field_name) in known:
            tree.setdefault(file, {})[field_name] = {lang: text}
    body = yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000) if tree else ""
    return HEADER.format(name=name, code=memory.lang) + body
