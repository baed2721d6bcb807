"""Writing one value into an editor's YAML file, leaving every other byte as it was.

A translation import sets `summary.km` in a file that an editor wrote by hand,
with comments, flow mappings (`name: {vi: ..., en: ...}`), literal blocks and
an order of their own. Re-dumping the file would lose all of that, so the value
is spliced into the text instead: PyYAML's nodes say where each mapping and
scalar starts and ends, and only that span changes (or, for a new language, one
entry is added at the end of its mapping).

Every splice is checked by parsing the result: the new document must equal the
old one with exactly that value set. When it does not (an alias, a layout this
module does not know), `SpliceFailed` is raised and nothing is written.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml

Loc = tuple[Any, ...]

# Characters that a YAML reader would take as line breaks, refuses, or drops: written as escapes.
_ESCAPED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}
_UNSAFE = {0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF}


class SpliceFailed(Exception):
    """The value could not be written without touching anything else."""


def _needs_escape(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or code in _UNSAFE or 0xD800 <= code <= 0xDFFF


def double_quoted(value: str) -> str:
    """A YAML double-quoted scalar that reads back as `value`, on one line."""
    out = []
    for char in value:
        if char in _ESCAPED:
            out.append(_ESCAPED[char])
        elif _needs_escape(char):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def literal_block(value: str, indent: int) -> str | None:
    """A literal block scalar (`|`) for a text of several lines, or None when it cannot be one.

    Markdown descriptions read best this way, as the editors wrote the others.
    """
    if "\n" not in value.rstrip("\n") or any(_needs_escape(c) and c not in "\n\t" for c in value) or "\t" in value:
        return None
    lines = value.split("\n")
    if next(line for line in lines if line).startswith(" ") or any(line and not line.strip() for line in lines):
        return None  # leading spaces need an indentation indicator; blank-but-spaces lines would change
    trailing = len(value) - len(value.rstrip("\n"))
    if trailing > 1:
        return None  # kept line breaks would also take in the blank lines that follow the block
    chomp = "" if trailing else "-"
    body = value[:-1] if trailing else value
    pad = " " * indent
    return f"|{chomp}\n" + "\n".join(pad + line if line else "" for line in body.split("\n"))


def _node_at(root: yaml.Node, loc: Loc) -> yaml.Node:
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            raise SpliceFailed(f"no {part!r} here")
    return node


def _end_of_last_line(text: str, start: int, end: int) -> int:
    """Where the line holding the last written character of text[start:end] ends (a block scalar's
    span runs on over the blank lines after it)."""
    last = start + len(text[start:end].rstrip(" \n"))
    newline = text.find("\n", last)
    return len(text) if newline < 0 else newline


def _render(value: str, indent: int, block_allowed: bool) -> str:
    block = literal_block(value, indent) if block_allowed else None
    return block or double_quoted(value)


def set_text(text: str, loc: Loc, value: str) -> str:
    """`text` with the string at `loc` (e.g. ('summary', 'km')) set to `value`; the mapping at
    loc[:-1] must exist. Raises SpliceFailed rather than change anything else."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    mapping = _node_at(root, loc[:-1])
    if not isinstance(mapping, yaml.MappingNode) or not mapping.value:
        raise SpliceFailed("not a mapping of texts")
    key = loc[-1]
    existing = next((v for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    key_column = mapping.value[0][0].start_mark.column
    if existing is not None:
        if not isinstance(existing, yaml.ScalarNode):
            raise SpliceFailed("not a text")
        start = existing.start_mark.index
        end = existing.end_mark.index
        if existing.style in ("|", ">"):
            end = _end_of_last_line(text, start, end)
        rendered = _render(value, key_column + 2, not mapping.flow_style)
        new = text[:start] + rendered + text[end:]
    elif mapping.flow_style:
        last = mapping.value[-1][1]
        at = last.end_mark.index
        if last.style in ("|", ">"):
            raise SpliceFailed("a block inside a flow mapping")
        new = text[:at] + f", {key}: {double_quoted(value)}" + text[at:]
    else:
        last = mapping.value[-1][1]
        at = _end_of_last_line(text, last.start_mark.index, last.end_mark.index)
        new = text[:at] + "\n" + " " * key_column + f"{key}: " + _render(value, key_column + 2, True) + text[at:]
    _check(text, new, loc, value)
    return new


def _check(old: str, new: str, loc: Loc, value: str) -> None:
    """The new text must read as the old one with only `loc` set to `value`."""
    try:
        expected = copy.deepcopy(yaml.safe_load(old))
        target = expected
        for part in loc[:-1]:
            target = target[part]
        target[loc[-1]] = value
        if yaml.safe_load(new) != expected:
            raise SpliceFailed("the file would read differently")
    except (yaml.YAMLError, KeyError, IndexError, TypeError) as exc:
        raise SpliceFailed(str(exc)) from exc
