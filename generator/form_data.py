"""What a form's data means for the file it is saved into.

A form (`heritage edit`, or Decap CMS on the office's Git host) sends a
record's data as a whole. Saved as it is, it would change more than the
editor changed: blank fields become empty strings, a Markdown text loses its
last line break, a `caption:` left empty in the file disappears. `as_saved`
reads the form's data the way the file means it, so that writing it with
yaml_edit.apply_data changes only what the editor changed.
"""

from __future__ import annotations

from typing import Any


def as_saved(data: Any, old: Any) -> Any:
    """The form's `data` as it should be saved over the file's `old` data."""
    return _kept_blanks(_ended(blank_free(data), old), old)


def blank_free(value: Any) -> Any:
    """A form's data without its empty fields: a field left blank is a field not given."""
    if isinstance(value, dict):
        out = {k: blank_free(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", {}, [])}
    if isinstance(value, list):
        items = [blank_free(v) for v in value]
        return [v for v in items if v not in (None, "", {})]
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _ended(value: Any, old: Any) -> Any:
    """A text of several lines that the form changed ends with a line break, as the files' Markdown
    blocks do (`|`); a text the form did not change stays as the file has it."""
    if isinstance(value, dict):
        return {k: _ended(v, old.get(k) if isinstance(old, dict) else None) for k, v in value.items()}
    if isinstance(value, list):
        return [_ended(v, old[i] if isinstance(old, list) and i < len(old) else None) for i, v in enumerate(value)]
    if isinstance(value, str) and "\n" in value and value != old and not value.endswith("\n"):
        return value + "\n"
    return value


def _kept_blanks(value: Any, old: Any) -> Any:
    """The form's data with the file's blank fields put back (`caption:` with nothing after it):
    such a field counts as not given either way, and a save changes only what the form changed."""
    if not isinstance(value, dict) or not isinstance(old, dict):
        return value
    out = {k: _kept_blanks(v, old.get(k)) for k, v in value.items()}
    for key, before in old.items():
        if key not in out and before in (None, "", {}, []):
            out[key] = before
    return out
