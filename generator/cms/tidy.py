"""`heritage cms tidy --base REV`: give back to the records what Decap CMS dropped when it saved them.

Decap CMS writes a record as a whole new YAML file: comments gone, every text
re-wrapped, the schema line lost (decap-cms issue 5099). The data is the same
apart from the editor's change, so the file is rebuilt from its version at
REV (the commit before the CMS's), changing only the values that differ
(yaml_edit.apply_data). A record the CMS created is laid out as `heritage new`
lays one out. A file whose data the tidy cannot keep exactly is left as the
CMS wrote it: a tidy never changes what a record says.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field

import yaml

from ..form_data import as_saved
from ..models import COLLECTIONS, RESERVED_NAMES
from ..models.fields import SLUG
from ..output import editors_bytes, editors_text, replace_file
from ..project import Project
from ..record_template import record_text
from ..yaml_edit import SpliceFailed, apply_data


class NoBase(Exception):
    """REV is not a commit of the project's Git repository (or there is no repository)."""


@dataclass
class Tidied:
    rewritten: list[str] = field(default_factory=list)  # existing records given back their layout
    laid_out: list[str] = field(default_factory=list)  # new records laid out as `heritage new` does
    left: list[str] = field(default_factory=list)  # changed records that could not be tidied exactly


def _git(project: Project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(project.root), *args], capture_output=True, timeout=60)


def changed_records(project: Project, base: str) -> list[str]:
    """Record files (content/<collection>/<id>.yml) that differ from `base` or are new since, by path."""
    try:
        known = _git(project, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except (OSError, subprocess.SubprocessError):
        raise NoBase(base) from None
    if known.returncode != 0:
        raise NoBase(base)
    content = project.rel(project.content)
    # Both list paths relative to the project, which may be a folder inside the repository.
    listed = _git(project, "diff", "--name-only", "--no-renames", "-z", "--relative", base, "--", content).stdout
    listed += _git(project, "ls-files", "--others", "--exclude-standard", "-z", "--", content).stdout
    out = set()
    for name in listed.decode("utf-8", "surrogateescape").split("\0"):
        parts = name.split("/")
        if len(parts) == 3 and parts[0] == content and parts[1] in COLLECTIONS and parts[2].endswith(".yml"):
            record_id = parts[2][:-4]
            if SLUG.match(record_id) and record_id not in RESERVED_NAMES and (project.root / name).is_file():
                out.add(name)
    return sorted(out)


def _load(text: str):
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def tidy_text(collection: str, before: bytes | None, after: bytes) -> bytes | None:
    """The tidy bytes of a record that was `before` (None: new) and that the CMS wrote as `after`;
    None when the data could not be kept exactly."""
    try:
        text = editors_text(after)
        old_text = editors_text(before) if before is not None else None
    except UnicodeDecodeError:
        return None
    data = _load(text)
    old = _load(old_text) if old_text is not None else {}
    if data is None or old is None:
        return None
    saved = as_saved(data, old)
    try:
        tidy = apply_data(old_text, saved) if old_text is not None else record_text(collection, saved)
    except SpliceFailed:
        return None
    if _load(tidy) != saved:
        return None
    return editors_bytes(tidy, before if before is not None else after)


def tidy(project: Project, base: str) -> Tidied:
    done = Tidied()
    for rel in changed_records(project, base):
        path = project.root / rel
        shown = _git(project, "show", f"{base}:./{rel}")
        before = shown.stdout if shown.returncode == 0 else None
        after = path.read_bytes()
        tidy_bytes = tidy_text(rel.split("/")[1], before, after)
        if tidy_bytes is None:
            done.left.append(rel)
            continue
        if tidy_bytes != after:
            replace_file(path, tidy_bytes)
            (done.rewritten if before is not None else done.laid_out).append(rel)
    return done
