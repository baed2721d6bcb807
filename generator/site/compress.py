"""Precompressed copies of text files, so that a stock web server sends them as they are.

Next to each text file of 1 KB or more: `<file>.gz` (gzip, no name or time in
its header, so the bytes do not change between builds) and `<file>.br`
(Brotli). Gzip level 6 and Brotli quality 6 make files within 1.5 % of their
strongest settings at a twentieth of the time. Compressed copies are cached by
the content's hash and published as hard links: most pages of a rebuild are
byte for byte the same as last time.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import brotli

from ..presentation.images import place

TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".geojson", ".map"}
SMALLEST = 1024  # below this, compression saves less than a request costs
ENCODINGS = {
    ".gz": lambda data: gzip.compress(data, compresslevel=6, mtime=0),
    ".br": lambda data: brotli.compress(data, quality=6),
}


def precompress(folder: Path, cache: Path) -> int:
    """Write .gz and .br beside every text file under `folder`; how many files were compressed."""
    return sum(precompress_file(path, cache) for path in sorted(folder.rglob("*")) if path.suffix in TEXT)


def precompress_file(path: Path, cache: Path) -> bool:
    if not path.is_file():
        return False
    data = path.read_bytes()
    if len(data) < SMALLEST:
        return False
    key = hashlib.blake2b(data, digest_size=16).hexdigest()
    for suffix, encode in ENCODINGS.items():
        cached = cache / key[:2] / (key + suffix)
        if not cached.is_file():
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_name(f"{cached.name}.{os.getpid()}.partial")  # languages build side by side
            partial.write_bytes(encode(data))
            partial.replace(cached)
        place(cached, path.with_name(path.name + suffix))
    return True
