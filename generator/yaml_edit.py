"""Changing an editor's YAML file, leaving every byte it did not ask to change as it was.

Translation imports, workbook imports and the web editor all write into files
that editors wrote by hand, with comments, flow mappings (`name: {vi: ..., en:
...}`), literal blocks and an order of their own. Re-dumping a file would lose
all of that, so changes are spliced into the text instead: PyYAML's nodes say
where each mapping, list and scalar starts and ends, and only that span changes.

- `set_text(text, ('summary', 'km'), value)` sets one text (a translation);
- `apply_data(text, data)` makes the file read as `data`, one smallest edit at a
  time: a value replaced in place, a key or list item added beside its siblings
  in the file's own style, a removed one taking only its own lines.

Every result is checked by parsing it: it must read exactly as asked. When it
does not (a layout this module does not know), `SpliceFailed` is raised and the
caller writes nothing.
"""

from __future__ import annotations

import copy
import re
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
    if "\n" not in value or not value.strip("\n") or any(_needs_escape(c) and c not in "\n\t" for c in value) or "\t" in value:
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
    return _line_end(text, start + len(text[start:end].rstrip(" \n")))


def _line_end(text: str, index: int) -> int:
    newline = text.find("\n", index)
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


# ---------------------------------------------------------------- any change of data, one edit at a time

MAX_EDITS = 2_000  # a record has a few hundred values; more edits than this means no progress


def apply_data(text: str, new: Any) -> str:
    """`text` changed so that it reads as `new`, edit by edit, each as small as it can be: a
    changed value replaces only that value; a new key or list item is added beside its siblings;
    a removed one takes only its own lines. Comments and untouched lines stay as they are."""
    for _ in range(MAX_EDITS):
        root, old = _read(text)
        if old == new:
            return text
        if not isinstance(root, yaml.MappingNode) or not isinstance(new, dict):
            raise SpliceFailed("a file must hold a mapping")
        start, end, replacement = _edit(text, root, old, new)
        text = text[:start] + replacement + text[end:]
    raise SpliceFailed("too many changes")


def _read(text: str) -> tuple[yaml.Node, Any]:
    """The text's node tree (where things are) and the data it reads as, from one parse."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise SpliceFailed(str(exc)) from exc
    finally:
        loader.dispose()


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _node_end(text: str, node: yaml.Node) -> int:
    """The end of a node's own text: block scalars and block collections stop at their last line."""
    if isinstance(node, yaml.ScalarNode) and node.style not in ("|", ">"):
        return node.end_mark.index
    if isinstance(node, yaml.CollectionNode) and node.flow_style:
        return node.end_mark.index
    return _end_of_last_line(text, node.start_mark.index, node.end_mark.index)


def _alone_on_its_lines(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] begins its line (after spaces) and ends its line (but for a comment)."""
    rest = text[end:_line_end(text, end)].strip()
    return not text[_line_start(text, start):start].strip() and (not rest or rest.startswith("#"))


def _edit(text: str, node: yaml.Node, old: Any, new: Any, in_flow: bool = False) -> tuple[int, int, str]:
    """The first edit that brings `node` (which reads as `old`) closer to `new`; `in_flow`: the node
    is inside a flow collection, where only flow values may go."""
    if isinstance(node, yaml.MappingNode) and isinstance(old, dict) and isinstance(new, dict):
        return _edit_mapping(text, node, old, new, in_flow)
    if isinstance(node, yaml.SequenceNode) and isinstance(old, list) and isinstance(new, list):
        return _edit_sequence(text, node, old, new, in_flow)
    return _replace(text, node, new, in_flow)


def _edit_mapping(text: str, node: yaml.MappingNode, old: dict, new: dict, in_flow: bool) -> tuple[int, int, str]:
    pairs = [(k.value, k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
    if len(pairs) != len(node.value) or len({key for key, _, _ in pairs}) != len(pairs) or set(old) != {k for k, _, _ in pairs}:
        return _replace(text, node, new, in_flow)  # merge keys, odd keys: the node is written anew
    for index, (key, key_node, value_node) in enumerate(pairs):
        if key not in new:
            return _remove_entry(text, node, pairs, index, new, in_flow)
    for key, key_node, value_node in pairs:
        if old[key] != new[key]:
            return _edit(text, value_node, old[key], new[key], in_flow or bool(node.flow_style))
    keys = list(new)
    for position, key in enumerate(keys):
        if key not in old:
            before = next((k for k in reversed(keys[:position]) if k in old), None)
            return _add_entry(text, node, pairs, before, key, new[key], new, in_flow)
    raise SpliceFailed("no difference found")


def _remove_entry(text: str, node: yaml.MappingNode, pairs: list, index: int, new: dict, in_flow: bool) -> tuple[int, int, str]:
    key_node, value_node = pairs[index][1], pairs[index][2]
    if node.flow_style:
        if len(pairs) == 1:
            return node.start_mark.index, node.end_mark.index, "{}"
        if index == 0:  # up to the next key
            return key_node.start_mark.index, pairs[1][1].start_mark.index, ""
        return _node_end(text, pairs[index - 1][2]), _node_end(text, value_node), ""
    start, end = key_node.start_mark.index, _node_end(text, value_node)
    if len(pairs) == 1 or not _alone_on_its_lines(text, start, end):
        return _replace(text, node, new, in_flow)  # the key shares its line with a '- ' or a parent key
    start = _line_start(text, start)
    return start, min(_line_end(text, end) + 1, len(text)), ""  # its comment goes with it


def _add_entry(text: str, node: yaml.MappingNode, pairs: list, before: str | None, key: str, value: Any,
               new: dict, in_flow: bool) -> tuple[int, int, str]:
    if not pairs:
        return _replace(text, node, new, in_flow)
    if node.flow_style:
        if before is None:
            at = pairs[0][1].start_mark.index
            return at, at, f"{_key(key)}: {_flow(value)}, "
        at = _node_end(text, next(v for k, _, v in pairs if k == before))
        return at, at, f", {_key(key)}: {_flow(value)}"
    column = pairs[0][1].start_mark.column
    entry = f"{_key(key)}:{_block_value(value, column)}"
    if before is None:
        first = pairs[0][1].start_mark.index
        if text[_line_start(text, first):first].strip():
            return _replace(text, node, new, in_flow)  # the first key shares its line with a '- '
        return first, first, entry + "\n" + " " * column
    at = _node_end(text, next(v for k, _, v in pairs if k == before))
    return at, at, "\n" + " " * column + entry


def _edit_sequence(text: str, node: yaml.SequenceNode, old: list, new: list, in_flow: bool) -> tuple[int, int, str]:
    items = node.value
    if len(items) != len(old):
        return _replace(text, node, new, in_flow)
    if len(new) == len(old):
        index = next(i for i in range(len(old)) if old[i] != new[i])
        return _edit(text, items[index], old[index], new[index], in_flow or bool(node.flow_style))
    if len(new) > len(old) and new[: len(old)] == old and items:
        at = _node_end(text, items[-1])
        if node.flow_style:
            return at, at, "".join(f", {_flow(item)}" for item in new[len(old):])
        dash = _dash_column(text, items[-1])
        if dash is None:
            return _replace(text, node, new, in_flow)
        added = "".join("\n" + " " * dash + "-" + _block_value(item, dash, in_list=True) for item in new[len(old):])
        return at, at, added
    first = next((i for i in range(min(len(old), len(new))) if old[i] != new[i]), min(len(old), len(new)))
    if len(new) == len(old) - 1 and old[:first] + old[first + 1:] == new and first < len(new):
        return _remove_item(text, node, first, new, in_flow)  # an item from the middle
    if len(new) == len(old) + 1 and new[:first] + new[first + 1:] == old and first < len(old):
        return _insert_item(text, node, first, new[first], new, in_flow)
    if len(new) < len(old) and old[: len(new)] == new and new:
        if node.flow_style:
            return _node_end(text, items[len(new) - 1]), _node_end(text, items[-1]), ""
        first = items[len(new)]
        dash = _dash_column(text, first)
        if dash is None:
            return _replace(text, node, new, in_flow)
        start = _line_start(text, first.start_mark.index)
        end = _node_end(text, items[-1])
        return start - 1, end, ""  # from the line break before the first removed item
    return _replace(text, node, new, in_flow)


def _remove_item(text: str, node: yaml.SequenceNode, index: int, new: list, in_flow: bool) -> tuple[int, int, str]:
    items = node.value
    if node.flow_style:
        if index == 0:
            return items[0].start_mark.index, items[1].start_mark.index, ""
        return _node_end(text, items[index - 1]), _node_end(text, items[index]), ""
    if _dash_column(text, items[index]) is None:
        return _replace(text, node, new, in_flow)
    start = _line_start(text, items[index].start_mark.index)
    return start, min(_line_end(text, _node_end(text, items[index])) + 1, len(text)), ""


def _insert_item(text: str, node: yaml.SequenceNode, index: int, value: Any, new: list, in_flow: bool) -> tuple[int, int, str]:
    """`value` as a new item before the item at `index`."""
    before = node.value[index]
    if node.flow_style:
        return before.start_mark.index, before.start_mark.index, _flow(value) + ", "
    dash = _dash_column(text, before)
    if dash is None:
        return _replace(text, node, new, in_flow)
    start = _line_start(text, before.start_mark.index)
    return start, start, " " * dash + "-" + _block_value(value, dash, in_list=True) + "\n"


def _dash_column(text: str, item: yaml.Node) -> int | None:
    """The column of the '- ' that starts a block sequence's item, when it starts the line."""
    start = _line_start(text, item.start_mark.index)
    before = text[start:item.start_mark.index]
    stripped = before.strip()
    if stripped != "-":
        return None
    return len(before) - len(before.lstrip(" "))


def _replace(text: str, node: yaml.Node, new: Any, in_flow: bool = False) -> tuple[int, int, str]:
    """The node written anew, in the style it had: a flow value stays on its line, a block keeps its column."""
    start, end = node.start_mark.index, _node_end(text, node)
    if isinstance(node, yaml.CollectionNode) and not node.flow_style and isinstance(new, (dict, list)) and new:
        column = node.start_mark.column
        if text[_line_start(text, start):start].strip() and isinstance(new, list):
            return start, end, _flow(new)
        block = _block(new, column)
        return start, end, block[column:] if block.startswith(" " * column) else block
    if in_flow or isinstance(new, (dict, list)):
        return start, end, _flow(new)
    prefix = text[_line_start(text, start):start]  # "  - day: ": the key sits after any dashes
    return start, end, _scalar(new, len(prefix) - len(prefix.lstrip(" -")) + 2)


# ---------------------------------------------------------------- writing values


def _key(key: str) -> str:
    plain = yaml.safe_load(f"{key}: 0") if key and key.replace("_", "a").replace("-", "a").isalnum() else None
    return key if plain == {key: 0} else double_quoted(key)


def _scalar(value: Any, indent: int) -> str:
    if isinstance(value, str) and "\n" in value:
        return _render(value, indent, True)
    return _flow(value)


_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _flow(value: Any) -> str:
    """A value on one line: ids and choices plain, other strings double-quoted, mappings and lists
    in braces and brackets (as the bundled records are written)."""
    if isinstance(value, str):
        plain = _SLUG.match(value) and yaml.safe_load(value) == value  # not 'yes', 'null', '1e3'
        return value if plain else double_quoted(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise SpliceFailed(f"cannot write a {type(value).__name__}")


def _short(value: Any) -> bool:
    """Small enough to read well on one line, as the editors write localized names and designations."""
    scalars = isinstance(value, dict) and all(not isinstance(v, (dict, list)) for v in value.values())
    scalars = scalars or (isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value))
    multiline = any(isinstance(v, str) and "\n" in v for v in (value.values() if isinstance(value, dict) else value))
    return scalars and not multiline and len(_flow(value)) <= 100


def _block_value(value: Any, column: int, in_list: bool = False) -> str:
    """What follows 'key:' (or '-') for a value whose key sits at `column`."""
    if isinstance(value, (dict, list)) and value and not _short(value):
        if in_list and isinstance(value, dict):
            block = _block(value, column + 2)
            return " " + block[column + 2:]  # the first key follows the dash
        return "\n" + _block(value, column + 2)
    return " " + _scalar(value, column + 2) if not isinstance(value, (dict, list)) else " " + _flow(value)


def _block(value: Any, column: int) -> str:
    """A mapping or list in block style, every line starting at `column`."""
    pad = " " * column
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            lines.append(pad + f"{_key(str(key))}:" + _block_value(item, column))
    else:
        for item in value:
            lines.append(pad + "-" + _block_value(item, column, in_list=True))
    return "\n".join(lines)
