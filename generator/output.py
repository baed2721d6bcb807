"""Where the tool may write, and how it recognises what it wrote.

`--out` never points at the project's own files. A build is refused in the
project folder or any folder that holds it (its parents, `/`), in content/,
sites/ or assets/ or anything inside them, and in the home folder; inside the
project it goes to public/, the preview, a new folder or one it made before.
A brochure file is refused inside content/, sites/ or assets/, must end in
.pdf, and replaces an existing file only when that file is a brochure this
tool wrote.

What the tool wrote is recorded where it is: each published folder
(`DIR/<site>/`, `DIR/brochures/`) holds a manifest of its files, and every
brochure PDF names this tool as its creator in its XMP metadata.
"""

from __future__ import annotations

import errno
import json
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .messages import Said, render_message
from .project import Project, lies_within, real

MANIFEST = ".heritage-output.json"
MADE_BY = "heritage"
PDF_CREATOR = "heritage brochure"  # written as the PDF's Creator and xmp:CreatorTool
STAGING_PREFIX = ".heritage-staging-"  # a build's staging folder inside DIR (see site/publish.py)
_LARGEST_BROCHURE = 200_000_000  # a larger file is not one of ours: never read it whole
_XMP_CREATOR = re.compile(rb"<xmp:CreatorTool>([^<]*)</xmp:CreatorTool>")


class OutputRefused(Exception):
    """A refusal to write somewhere, decided before anything is written."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code, self.params = code, params

    def message(self, lang: str = "en") -> str:
        return render_message(self.code, self.params, lang)


# What went wrong when a file could not be written, in words (errno -> message code).
_WRITE_REASONS = {
    errno.ENOSPC: "write_no_space", errno.EDQUOT: "write_no_space",
    errno.EACCES: "write_no_permission", errno.EPERM: "write_no_permission",
    errno.EROFS: "write_read_only",
    errno.ENOTDIR: "write_not_a_folder", errno.EEXIST: "write_not_a_folder",
}


def why_not_written(exc: OSError) -> Said:
    """The reason an OSError gives for a failed write, to be put into the reader's words."""
    return Said(_WRITE_REASONS.get(exc.errno or 0, "write_other"), detail=exc.strerror or str(exc))


def shown(project: Project, path: Path) -> str:
    """A path as messages show it: relative inside the project, else absolute."""
    if path == project.root:
        return "."
    return project.rel(path)


def source_folder(project: Project, path: Path) -> str | None:
    """'content/', 'sites/' or 'assets/' when `path` is one of them or lies inside."""
    for folder in project.sources:
        if path.is_relative_to(folder) or lies_within(path, folder):
            return f"{folder.name}/"
    return None


def check_out_folder(project: Project, out: Path) -> None:
    """Refuse a build's output folder that holds or is one of the project's own files."""
    where, target, root = shown(project, out), real(out), real(project.root)
    if target.exists() and not target.is_dir():
        raise OutputRefused("out_not_a_folder", path=where)
    if root.is_relative_to(target):
        raise OutputRefused("out_contains_project", path=where)
    folder = source_folder(project, out)
    if folder:
        raise OutputRefused("out_in_sources", path=where, folder=folder)
    if real(Path.home()).is_relative_to(target):
        raise OutputRefused("out_home", path=where)
    known = target in (real(project.public), real(project.preview))
    if target.is_relative_to(root) and not known and target.is_dir() and not _made_by_us(target):
        raise OutputRefused("out_not_ours", path=where)


def _made_by_us(folder: Path) -> bool:
    """An output folder of ours: empty, or holding a published folder or a staging folder of ours."""
    entries = list(folder.iterdir())
    return not entries or any(
        entry.is_dir() and (read_manifest(entry) is not None or entry.name.startswith(STAGING_PREFIX)) for entry in entries
    )


WORD_MARK = "heritage-programme"  # the identifier in a Word programme's core properties


def check_out_file(project: Project, file: Path, suffix: str = ".pdf") -> None:
    """Refuse a brochure (or programme) file that would land among the project's own files or replace a file not ours."""
    where = shown(project, file)
    if real(file).is_dir():
        raise OutputRefused("brochure_out_folder", path=where)
    folder = source_folder(project, file)
    if folder:
        raise OutputRefused("brochure_out_in_sources", path=where, folder=folder)
    if os.path.lexists(file):
        ours = is_our_pdf(file) if suffix == ".pdf" else is_our_docx(file)
        if file.is_symlink() or not ours:
            raise OutputRefused("brochure_out_not_ours", path=where)
    elif file.suffix.lower() != suffix:
        raise OutputRefused("brochure_out_not_pdf" if suffix == ".pdf" else "brochure_out_not_docx", path=where)


def is_our_docx(path: Path) -> bool:
    """Whether `path` is a Word file whose core properties carry this tool's mark."""
    return _office_mark(path, WORD_MARK)


REPORT_MARK = "heritage-activities"  # the identifier in a yearly report's core properties
REPORT_MD_MARK = "<!-- heritage report activities -->"  # the first line of a yearly report in Markdown


def check_out_report(project: Project, file: Path) -> None:
    """Refuse a yearly report among the project's own files, of another kind, or over a file this tool did not write."""
    where = shown(project, file)
    folder = source_folder(project, file)
    if folder:
        raise OutputRefused("report_out_in_sources", path=where, folder=folder)
    if real(file).is_dir() or file.suffix.lower() not in (".docx", ".md"):
        raise OutputRefused("report_out_suffix", path=where)
    if os.path.lexists(file) and (file.is_symlink() or not _is_our_report(file)):
        raise OutputRefused("report_out_not_ours", path=where)


def _is_our_report(path: Path) -> bool:
    return _office_mark(path, REPORT_MARK) if path.suffix.lower() == ".docx" else _text_mark(path, REPORT_MD_MARK)


SERVER_CONFIG_MARK = "# Generated by `heritage serve-config nginx`"  # a server configuration's first line
BUNDLE_MARK = "heritage bundle: an offline edition"  # an offline edition's zip comment


def check_out_bundle(project: Project, file: Path) -> None:
    """Refuse an offline edition among the project's own files, not named .zip, or over a file this tool did not write."""
    _check_out_own_file(project, file, ".zip", is_our_bundle, "bundle_out")


def _check_out_own_file(project: Project, file: Path, suffix: str, ours, refusal: str) -> None:
    """A file output: not among the sources (`<refusal>_in_sources`), named with `suffix` (`<refusal>_not_<suffix>`),
    replacing only a file of ours (`<refusal>_not_ours`)."""
    where = shown(project, file)
    folder = source_folder(project, file)
    if folder:
        raise OutputRefused(f"{refusal}_in_sources", path=where, folder=folder)
    if real(file).is_dir() or file.suffix.lower() != suffix:
        raise OutputRefused(f"{refusal}_not_{suffix.lstrip('.')}", path=where)
    if os.path.lexists(file) and (file.is_symlink() or not ours(file)):
        raise OutputRefused(f"{refusal}_not_ours", path=where)


def is_our_bundle(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment == BUNDLE_MARK.encode("ascii")
    except (OSError, zipfile.BadZipFile):
        return False



def check_out_server_config(project: Project, file: Path) -> None:
    """Refuse a server configuration among the project's own files, on a folder, or over a file this tool did not write."""
    where = shown(project, file)
    if source_folder(project, file) or real(file).is_dir():
        raise OutputRefused("serve_config_out_refused", path=where)
    if os.path.lexists(file) and (file.is_symlink() or not _text_mark(file, SERVER_CONFIG_MARK)):
        raise OutputRefused("serve_config_out_not_ours", path=where)


def _text_mark(path: Path, mark: str) -> bool:
    """Whether a text file starts with the line the tool writes first."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(mark.encode("utf-8"))) == mark.encode("utf-8")
    except OSError:
        return False


WORKBOOK_MARK = "heritage sheet export"  # a workbook's creator in its core properties


def is_our_workbook(path: Path) -> bool:
    return _office_mark(path, WORKBOOK_MARK)


def _office_mark(path: Path, mark: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return f">{mark}<" in core


def check_out_workbook(project: Project, file: Path) -> None:
    """Refuse a workbook among the project's own files, or over a file this tool did not write."""
    _check_out_own_file(project, file, ".xlsx", is_our_workbook, "sheet_out")


def is_our_pdf(path: Path) -> bool:
    """Whether `path` is a PDF whose XMP metadata names this tool as its creator.

    WeasyPrint compresses the XMP stream; its dictionary, which says
    /Type /Metadata, stays readable (a stream is never inside an object stream).
    """
    try:
        with open(path, "rb") as handle:
            if handle.read(5) != b"%PDF-" or os.fstat(handle.fileno()).st_size > _LARGEST_BROCHURE:
                return False
            data = handle.read()
    except OSError:
        return False
    for match in re.finditer(rb"/Type\s*/Metadata\b", data):
        start = data.find(b"stream", match.end())
        if start < 0:
            break
        start += len(b"stream")
        start += 2 if data[start:start + 2] == b"\r\n" else 1
        chunk = data[start:start + 1_000_000]
        try:
            xmp = zlib.decompressobj().decompress(chunk, 1_000_000)
        except zlib.error:
            xmp = chunk  # an uncompressed stream
        found = _XMP_CREATOR.search(xmp)
        if found and found.group(1) == PDF_CREATOR.encode():
            return True
    return False


@dataclass(frozen=True)
class Manifest:
    """What the tool wrote in one published folder: paths relative to it, with '/'."""

    name: str
    files: frozenset[str]
    folders: frozenset[str]


def scan_manifest(folder: Path, name: str) -> Manifest:
    """Everything now in `folder` (a freshly built one: all of it is ours)."""
    files, folders = set(), set()
    for here, dirs, names in os.walk(folder):
        base = Path(here).relative_to(folder)
        folders.update((base / d).as_posix() for d in dirs)
        files.update((base / n).as_posix() for n in names)
    files.discard(MANIFEST)
    return Manifest(name, frozenset(files), frozenset(folders))


def write_manifest(folder: Path, manifest: Manifest) -> None:
    data = {"made_by": MADE_BY, "folder": manifest.name, "folders": sorted(manifest.folders), "files": sorted(manifest.files)}
    (folder / MANIFEST).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest of a folder the tool published, or None when it has none (or a damaged one)."""
    path = folder / MANIFEST
    if path.is_symlink() or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("made_by") != MADE_BY:
        return None
    lists = [data.get("files"), data.get("folders")]
    if not all(isinstance(items, list) and all(isinstance(item, str) for item in items) for items in lists):
        return None
    return Manifest(str(data.get("folder", folder.name)), frozenset(lists[0]), frozenset(lists[1]))


def replace_file(path: Path, data: bytes) -> None:
    """Write a file in one step (a temporary file beside it, then a rename), keeping its permissions:
    an interrupted write leaves the old file whole, and no reader sees half of the new one."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".heritage-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


_BOM = b"\xef\xbb\xbf"


def editors_text(raw: bytes) -> str:
    """An editor's file as the tools change it: without a byte-order mark, with '\\n' line breaks
    (as loading.py reads every file)."""
    return raw.removeprefix(_BOM).decode("utf-8").replace("\r\n", "\n")


def editors_bytes(text: str, like: bytes) -> bytes:
    """`text` (with '\\n' line breaks) as bytes that keep what `like`, the editor's file, has of its
    own: Windows line breaks, a byte-order mark. A change to one line is then a change to one
    line, whatever editor wrote the file."""
    if b"\r\n" in like:
        text = text.replace("\n", "\r\n")
    return (_BOM if like.startswith(_BOM) else b"") + text.encode("utf-8")


def replace_editors_file(path: Path, text: str) -> None:
    """Write a changed editor's file, keeping its line breaks and byte-order mark (editors_bytes)."""
    replace_file(path, editors_bytes(text, path.read_bytes() if path.is_file() else b""))
