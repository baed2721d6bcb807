"""What maps cost in a build, for the bundled catalogue and a synthetic one.

    python bench/maps.py [N ...]      (default: the bundled catalogue, then 1000)

For each catalogue: the time of the map work alone (the folium overview map of
each site x language, and the record maps' data with their neighbours), and of
the whole `heritage build` in the same run, so the share of maps is a ratio.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import REPO, write_project  # noqa: E402
from generator.build import build_sites  # noqa: E402
from generator.catalogue import CheckContext  # noqa: E402
from generator.presentation.labels import Labels  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.reading import load_catalogue  # noqa: E402
from generator.site.maps import NeighbourIndex, render_overview  # noqa: E402
from generator.site.plan import _Picker  # noqa: E402


def measure(root: Path, label: str) -> None:
    project = Project(root)
    catalogue = load_catalogue(CheckContext(project))
    started = time.perf_counter()
    for site in catalogue.sites.values():
        members = catalogue.members(site)
        located = [m for m in members if m.record.location and m.record.location.coordinates]
        for lang in site.site.languages:
            picker = _Picker(site, lang, Labels(lang), {})  # no photos: thumbnails are not the maps' cost
            if located:
                render_overview(picker.map_page(located).view["overview"])
            nearby = NeighbourIndex(located)
            for entry in located:
                picker.record_map(entry, nearby)
    maps = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        result = build_sites(CheckContext(project), [], Path(out))
        build = time.perf_counter() - started
    assert result.ok, [p.format() for p in result.problems]
    records = len(catalogue.records)
    print(f"{label}: {records} records, maps {maps:.2f} s, whole build {build:.2f} s, maps share {maps / build:.1%}")


if __name__ == "__main__":
    sizes = [int(arg) for arg in sys.argv[1:]] or [0, 1000]
    for n in sizes:
        if n == 0:
            measure(REPO, "bundled")
        else:
            with tempfile.TemporaryDirectory() as tmp:
                measure(write_project(n, Path(tmp) / "project"), f"synthetic {n}")
