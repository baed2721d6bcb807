"""Checking changes to records before they are written, as `heritage check` would check them.

A spreadsheet import (and any tool that edits records) holds the new text of
each changed or new record file in memory. Each is read and validated from
that text, put in the catalogue in place of the file on disk, and the checks
that span files run again (ids, references, languages of the sites), so that
what is written afterwards passes `heritage check` exactly as it is.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from . import checks
from .catalogue import Catalogue, CheckContext, RecordEntry
from .problems import Problems
from .reading import read_record


def check_changed_records(ctx: CheckContext, catalogue: Catalogue, texts: Mapping[str, str]) -> Problems:
    """The problems of the changed files (project-relative path -> new text), those files only."""
    check = CheckContext(ctx.project, Problems(), ctx.gazetteer, ctx.today)
    records = dict(catalogue.records)
    failed = dict(catalogue.failed)
    for rel, text in texts.items():
        path = ctx.project.root / rel
        entry = read_record(path, Path(rel).parent.name, check, text)
        records.pop(path.stem, None)
        failed.pop(path.stem, None)
        if isinstance(entry, RecordEntry):
            records[entry.id] = entry
        elif entry is not None:
            failed[entry.id] = entry
    changed = dataclasses.replace(
        catalogue, records=MappingProxyType(dict(sorted(records.items()))), failed=MappingProxyType(dict(sorted(failed.items())))
    )
    checks.check_catalogue(changed, check)
    found = Problems()
    for problem in check.problems.items:
        if problem.path in texts:
            found.items.append(problem)
    return found
