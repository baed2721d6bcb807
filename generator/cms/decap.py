"""Decap CMS itself: one pinned release from the npm registry, kept on this machine, published with a site.

A page of ours loads nothing from another host, so the editor's script is served
from the site (`<site>/admin/`), not from a CDN. The build never downloads:
`heritage cms fetch` does, once per machine, from the npm registry, and checks
the archive against the integrity hash pinned here before unpacking anything.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
import tarfile
import urllib.request
from pathlib import Path

VERSION = "3.16.3"
TARBALL = f"https://registry.npmjs.org/decap-cms/-/decap-cms-{VERSION}.tgz"
# The registry's `dist.integrity` of that release: a changed archive is refused.
INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
# The script, the chunks it loads from its own folder, its WebAssembly and the licences of what it bundles.
WANTED = re.compile(r"^package/dist/(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$")
COMPLETE = ".complete"
MAX_ARCHIVE = 64 * 1024 * 1024  # the release is 16 MB


class FetchFailed(Exception):
    """The download or its check failed; the message says why, in English (the command translates the cause)."""


def folder() -> Path:
    """Where this machine keeps the release: $HERITAGE_CMS_DIR, or the user's cache folder."""
    chosen = os.environ.get("HERITAGE_CMS_DIR")
    if chosen:
        return Path(chosen)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "heritage" / f"decap-cms-{VERSION}"


def is_fetched(place: Path) -> bool:
    return (place / COMPLETE).read_text(encoding="utf-8").strip() == VERSION if (place / COMPLETE).is_file() else False


def fetch(place: Path, timeout: float = 120) -> bool:
    """Download, check and unpack the release into `place`. False when it was there already."""
    if is_fetched(place):
        return False
    try:
        with urllib.request.urlopen(TARBALL, timeout=timeout) as answer:
            archive = answer.read(MAX_ARCHIVE + 1)
    except OSError as exc:
        raise FetchFailed(str(getattr(exc, "reason", exc))) from None
    unpack(archive, place)
    return True


def unpack(archive: bytes, place: Path) -> None:
    """Check `archive` against the pinned integrity, then write the wanted files into `place`."""
    algorithm, _, expected = INTEGRITY.partition("-")
    if len(archive) > MAX_ARCHIVE or base64.b64encode(hashlib.new(algorithm, archive).digest()).decode() != expected:
        raise FetchFailed(f"the archive is not decap-cms {VERSION} as the npm registry published it")
    partial = place.with_name(place.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        for member in tar.getmembers():
            if member.isfile() and WANTED.match(member.name):
                source = tar.extractfile(member)
                assert source is not None
                (partial / member.name.rsplit("/", 1)[1]).write_bytes(source.read())
    (partial / COMPLETE).write_text(VERSION + "\n", encoding="utf-8")
    shutil.rmtree(place, ignore_errors=True)
    partial.rename(place)


def files(place: Path) -> list[Path]:
    """The release's files, in a stable order."""
    return sorted(path for path in place.iterdir() if path.is_file() and path.name != COMPLETE)
