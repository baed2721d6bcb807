"""Reading YAML and Markdown files into plain values that remember their lines.

PyYAML is used only to parse and compose nodes (libyaml's C parser when it is
installed: the pure-Python one is an order of magnitude slower). Values are
built here from the nodes, which lets us:
- record the line of every key, so a problem can name `path:line: field`;
- refuse duplicate keys (PyYAML silently keeps the last one);
- refuse tags that would construct Python objects (only plain YAML types);
- bound alias expansion, so a "billion laughs" file fails fast;
- normalise every string to Unicode NFC (some keyboards type decomposed Vietnamese);
- refuse a file over MAX_FILE_BYTES before parsing it;
- put the parser's complaints into plain words (`_syntax_problem`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .messages import EnglishOnly, Found, Number
from .problems import Problems

try:  # libyaml: about 15x faster composition, same node marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Loc = tuple[Any, ...]

# A record has a few hundred values; a file that expands past this is an alias bomb.
MAX_VALUES = 100_000

# The largest bundled record is 12 KB; descriptions in four languages at their
# limit (100,000 characters each) still fit. A bigger file is pasted data, and
# reading it would cost memory and time for nothing.
MAX_FILE_BYTES = 1024 * 1024

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
}

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class SourceDocument:
    """A parsed file: its data, and the line of every field in it."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """The line of the field at `loc`, or of its nearest ancestor that exists."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def format_field(loc: Loc) -> str:
    """('designations', 1, 'level') -> 'designations[2].level' (items count from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def read_text(path: Path, rel: str, problems: Problems) -> str | None:
    """The file's text, or None after reporting why it cannot be read."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.add(rel, 1, "", "file_too_large", size=Number(size, "bytes"), limit=Number(MAX_FILE_BYTES, "bytes"))
        return None
    raw = path.read_bytes()
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(rel, line, "", "not_utf8", byte=f"0x{raw[exc.start]:02X}")
        return None
    return text.replace("\r\n", "\n")


class _TooManyValues(Exception):
    def __init__(self, line: int):
        self.line = line


class _UnsafeTag(Exception):
    """A tag that asks for a Python object: the whole file is refused."""

    def __init__(self, line: int, tag: str):
        self.line, self.tag = line, tag


class _Builder:
    """Turns a composed YAML node tree into Python values and a line map."""

    def __init__(self, rel: str, problems: Problems, line_offset: int):
        self.rel = rel
        self.problems = problems
        self.offset = line_offset
        self.lines: dict[Loc, int] = {}
        self.count = 0
        self.stack: set[int] = set()
        self.scalars = SafeConstructor()

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_VALUES or id(node) in self.stack:
            raise _TooManyValues(self.line(node))
        if node.tag not in _PLAIN_TAGS:
            raise _UnsafeTag(self.line(node), node.tag.replace("tag:yaml.org,2002:", "!!"))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        self.stack.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                items = []
                for index, item in enumerate(node.value):
                    self.lines.setdefault(loc + (index,), self.line(item))
                    items.append(self.build(item, loc + (index,)))
                return items
            return self.mapping(node, loc)
        finally:
            self.stack.discard(id(node))

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            key = nfc(key) if isinstance(key, str) else ("null" if key is None else str(key).lower() if isinstance(key, bool) else str(key))
            line = self.line(key_node)
            if key in first_line:
                self.problems.add(
                    self.rel, line, format_field(loc + (key,)), "duplicate_key", key=key, first=first_line[key]
                )
                continue
            first_line[key] = line
            self.lines[loc + (key,)] = line
            out[key] = self.build(value_node, loc + (key,))
        return out

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:str":
            return nfc(node.value)
        try:
            value = self.scalars.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):  # e.g. a timestamp with month 13: keep the text
            return nfc(node.value)
        return nfc(value) if isinstance(value, str) else value


# (words in the parser's message, our code): libyaml's and PyYAML's wordings,
# first match wins. Order matters: an unknown escape is also "in a quoted scalar".
_SYNTAX_CODES = (
    (("escape", "hexdecimal", "hexadecimal"), "yaml_escape"),
    (("directive", "incompatible yaml document", "duplicate tag handle"), "yaml_directive"),
    (("tag handle", "while scanning a tag", "while parsing a tag"), "yaml_tag"),
    (("duplicate anchor",), "yaml_duplicate_anchor"),
    (("while scanning an anchor", "while scanning an alias"), "yaml_anchor"),
    (("block scalar",), "yaml_block_scalar"),
    (("document start",), "yaml_document_end"),
    (("single document", "another document"), "multiple_documents"),
    (("mapping values are not allowed",), "yaml_colon"),
    (("quoted scalar",), "yaml_quote"),
    (("node content",), "yaml_missing_value"),
    (("',' or '}'", "',' or ']'", "flow"), "yaml_flow"),
    (("could not find expected ':'", "expected <block end>", "did not find expected key", "'-' indicator"),
     "yaml_missing_colon"),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> tuple[int, str, dict]:
    """Plain words for PyYAML's and libyaml's parser messages."""
    problem = exc.problem or ""
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 if mark else 1) + line_offset
    context = exc.context or ""
    words = f"{context} {problem}".lower()
    if "cannot start any token" in words or "mapping keys are not allowed" in words:
        char = text[mark.index : mark.index + 1] if mark is not None else ""
        return (line, "tab_indent", {}) if char == "\t" else (line, "yaml_bad_start", {"char": char})
    if "undefined alias" in words:
        name = re.search(r"undefined alias '([^']*)'", problem)
        if name is None and mark is not None:  # libyaml does not name it
            name = re.match(r"\*?([^\s,\]}]*)", text[mark.index :].lstrip("*"))
        return line, "yaml_alias", {"name": name.group(1) if name else ""}
    if "document start" in words and text.lstrip().startswith("%"):  # PyYAML reads on past a directive
        return text[: text.index("%")].count("\n") + 1 + line_offset, "yaml_directive", {}
    for needles, code in _SYNTAX_CODES:
        if any(needle in words for needle in needles):
            # where the quote was opened, or the line that lacks its ':' (the parser stops on the next)
            if exc.context_mark is not None and ("quoted scalar" in context or "simple key" in context):
                line = exc.context_mark.line + 1 + line_offset
            return line, code, {}
    return line, "yaml_syntax", {"detail": EnglishOnly(" ".join(p for p in (context, problem) if p))}


def _reader_problem(exc: yaml.reader.ReaderError, text: str, line_offset: int) -> tuple[int, str, dict]:
    """A character that YAML refuses (a control character pasted from a PDF)."""
    position = exc.position if isinstance(exc.position, int) else 0
    line = text[:position].count("\n") + 1 + line_offset
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return line, "yaml_control_char", {"char": f"U+{char:04X}"}


def _tab_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.split("\n"), 1) if "\t" in line[: len(line) - len(line.lstrip(" \t"))]]


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)  # inside the caller's `try`: PyYAML's pure-Python loader checks characters here
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse_yaml(text: str, rel: str, problems: Problems, line_offset: int = 0) -> SourceDocument | None:
    """Parse YAML text; None (with problems added) when it cannot be read at all."""
    tabs = _tab_lines(text)
    if tabs:
        for line in tabs:
            problems.add(rel, line + line_offset, "", "tab_indent")
        return None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        line, code, params = _syntax_problem(exc, text, line_offset)
        problems.add(rel, line, "", code, **params)
        return None
    except yaml.reader.ReaderError as exc:  # unmarked: control characters
        line, code, params = _reader_problem(exc, text, line_offset)
        problems.add(rel, line, "", code, **params)
        return None
    except yaml.YAMLError as exc:
        problems.add(rel, 1 + line_offset, "", "yaml_syntax", detail=EnglishOnly(str(exc)))
        return None
    if node is None:
        return SourceDocument(rel, None, {(): 1 + line_offset})
    builder = _Builder(rel, problems, line_offset)
    try:
        data = builder.build(node, ())
    except _TooManyValues as exc:
        problems.add(rel, exc.line, "", "alias_bomb")
        return None
    except _UnsafeTag as exc:
        problems.add(rel, exc.line, "", "unsafe_tag", tag=exc.tag)
        return None
    builder.lines[()] = 1 + line_offset
    return SourceDocument(rel, data, builder.lines)


def load_yaml_file(path: Path, rel: str, problems: Problems, text: str | None = None) -> SourceDocument | None:
    """A YAML file that must hold a mapping (its `text` when given: a change not yet written);
    None after reporting why not."""
    text = read_text(path, rel, problems) if text is None else text
    if text is None:
        return None
    doc = parse_yaml(text, rel, problems)
    if doc is None:
        return None
    if doc.data is None:
        problems.add(rel, 1, "", "empty_file")
        return None
    if not isinstance(doc.data, dict):
        problems.add(rel, 1, "", "not_mapping", found=Found(doc.data))
        return None
    return doc


@dataclass(frozen=True)
class MarkdownDocument:
    front: SourceDocument
    body: str
    body_line: int = 1  # the file's line on which the body starts


# A page's front matter: its YAML (group 1) between two '---' lines at the top.
FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)?---[ \t]*(\n|$)", re.S)


def load_markdown_file(path: Path, rel: str, problems: Problems, text: str | None = None) -> MarkdownDocument | None:
    """A Markdown page with YAML front matter between two '---' lines (its `text` when given)."""
    text = read_text(path, rel, problems) if text is None else text
    return None if text is None else parse_markdown(text, rel, problems)


def parse_markdown(text: str, rel: str, problems: Problems) -> MarkdownDocument | None:
    """A page's text (front matter and body), or None after reporting why it cannot be read."""
    if not text.strip():
        problems.add(rel, 1, "", "empty_file")
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        problems.add(rel, 1, "", "page_front_matter")
        return None
    front = parse_yaml(match.group(1) or "", rel, problems, line_offset=1)
    if front is None:
        return None
    if not isinstance(front.data, dict):
        problems.add(rel, 1, "", "page_front_matter")
        return None
    return MarkdownDocument(front, nfc(text[match.end() :]), text[: match.end()].count("\n") + 1)

