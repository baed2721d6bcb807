"""The build benchmark: heritage build against bare MkDocs-Material, in the same run.

    .venv/bin/python bench/run.py [N ...]          (default: 100 1000 3000)

For each N: a synthetic catalogue of N bilingual records (bench/synthetic.py);
a cold `heritage build` (no caches: covers drawn) and a warm one (an editor's
everyday rebuild), each with its stages; then bare MkDocs-Material building
the very same Markdown pages (both languages in parallel, the same short
navigation, no theme overrides): the floor that a generator on MkDocs cannot
beat; and a second, plainer floor: bare MkDocs-Material on the plain text of
the same records (name, summary, description: no facts panels, cards or
maps), which is what an office would compare us with. Ratios are against
both. Also: record-page HTML size, search index size, peak memory. Each build runs in a process of its own, so that its
memory is its own. Writes bench/RESULTS.md.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))


def child_build(project: str, out: str) -> None:
    """Runs in its own process: one heritage build, its timings and peak memory as JSON."""
    from generator.catalogue import CheckContext
    from generator.project import Project
    from generator.build import build_sites

    started = time.perf_counter()
    result = build_sites(CheckContext(Project(Path(project))), [], Path(out))
    total = time.perf_counter() - started
    assert result.ok, [p.format() for p in result.problems][:5]
    print(json.dumps({"total": total, "stages": result.timings, "memory_mb": _peak_mb()}))


def child_floor(docs_root: str, out: str) -> None:
    """Runs in its own process: bare MkDocs-Material on the generated docs, both languages in parallel."""
    import yaml

    from generator.site.mkdocs_run import build_one, run_parallel

    configs = []
    for lang_dir in sorted(p for p in Path(docs_root).iterdir() if p.is_dir()):
        generated = yaml.safe_load((lang_dir / "mkdocs.yml").read_text(encoding="utf-8"))
        config = {
            "site_name": "Floor",
            "docs_dir": str(lang_dir / "docs"),
            "site_dir": str(Path(out) / lang_dir.name),
            "theme": {"name": "material", "language": lang_dir.name, "font": False},
            "nav": generated["nav"],
            "plugins": ["search"],
            "markdown_extensions": ["attr_list", "md_in_html", "admonition", "tables", {"toc": {"permalink": False}}],
        }
        path = Path(out) / f"{lang_dir.name}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        configs.append(path)
    started = time.perf_counter()
    problems = run_parallel(build_one, [(str(path), "0") for path in configs])
    total = time.perf_counter() - started
    print(json.dumps({"total": total, "memory_mb": _peak_mb(), "warnings": sum(len(p) for p in problems)}))


def child_plain_floor(project: str, out: str) -> None:
    """Runs in its own process: bare MkDocs-Material on the records' plain text, both languages in parallel."""
    import yaml

    from generator.site.mkdocs_run import build_one, run_parallel

    records = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(Path(project, "content").rglob("*.yml"))
               if not path.parent.name.startswith("_")]
    configs = []
    for lang in ("vi", "en"):
        docs = Path(out) / "docs" / lang
        docs.mkdir(parents=True, exist_ok=True)
        (docs / "index.md").write_text("# Floor\n", encoding="utf-8")
        for number, record in enumerate(records):
            text = f"# {record['name'][lang]}\n\n{record['summary'][lang]}\n\n{(record.get('description') or {}).get(lang, '')}\n"
            (docs / f"record-{number}.md").write_text(text, encoding="utf-8")
        config = {"site_name": "Plain floor", "docs_dir": str(docs), "site_dir": str(Path(out) / "site" / lang),
                  "theme": {"name": "material", "language": lang, "font": False}, "nav": [{"Home": "index.md"}],
                  "plugins": ["search"]}
        path = Path(out) / f"{lang}.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        configs.append(path)
    started = time.perf_counter()
    run_parallel(build_one, [(str(path), "0") for path in configs])
    print(json.dumps({"total": time.perf_counter() - started, "memory_mb": _peak_mb()}))


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _run(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(n: int) -> dict:
    from bench.synthetic import write_project

    with tempfile.TemporaryDirectory() as tmp:
        project = write_project(n, Path(tmp) / "project")
        out = Path(tmp) / "public"
        cold = _run("--child-build", str(project), str(out))
        warm = _run("--child-build", str(project), str(out))
        floor = _run("--child-floor", str(project / ".cache" / "build" / "bench"), str(Path(tmp) / "floor"))
        plain = _run("--child-plain-floor", str(project), str(Path(tmp) / "plain"))
        pages = sorted((out / "bench" / "en").glob("*/record-*/index.html"))
        sizes = [p.stat().st_size for p in pages]
        index = sum((out / "bench" / lang / "search" / "search_index.json").stat().st_size for lang in ("vi", "en"))
        html_files = sum(1 for _ in (out / "bench").rglob("*.html"))
    return {
        "n": n, "cold": cold, "warm": warm, "floor": floor, "plain": plain, "pages": html_files,
        "record_kb_median": statistics.median(sizes) / 1024, "record_kb_max": max(sizes) / 1024,
        "search_index_kb": index / 1024,
    }


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    import material
    import mkdocs

    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
            f"Material {material.__version__ if hasattr(material, '__version__') else '9'}")


def report(rows: list[dict]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}. Command: `.venv/bin/python bench/run.py {' '.join(str(r['n']) for r in rows)}`.",
        "Synthetic catalogues from `bench/synthetic.py` (no photos), one site in two languages.",
        "Two floors, in the same run: bare MkDocs-Material building the same Markdown pages as ours (\"pages\"),",
        "and bare MkDocs-Material building the records' plain text, name, summary and description (\"plain\").",
        "",
        "| records | pages | floor: pages | floor: plain | warm build | warm / pages | warm / plain | cold build "
        "| cold / pages | cold / plain | record page | search index | peak memory |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        floor, plain = r["floor"]["total"], r["plain"]["total"]
        warm, cold = r["warm"]["total"], r["cold"]["total"]
        memory = max(r["cold"]["memory_mb"], r["warm"]["memory_mb"])
        lines.append(
            f"| {r['n']} | {r['pages']} | {floor:.2f} s | {plain:.2f} s | {warm:.2f} s | {warm / floor:.2f}x | {warm / plain:.2f}x "
            f"| {cold:.2f} s | {cold / floor:.2f}x | {cold / plain:.2f}x | {r['record_kb_median']:.1f} KB "
            f"(max {r['record_kb_max']:.1f}) | {r['search_index_kb']:.0f} KB | {memory:.0f} MB |"
        )
    by_n = {r["n"]: r for r in rows}
    if 1000 in by_n and 3000 in by_n:
        lines += ["", f"3,000 records cost {by_n[3000]['warm']['total'] / by_n[1000]['warm']['total']:.2f}x of 1,000 (warm)."]
    lines += ["", "Stages (seconds), cold / warm:", "", "| records | " + " | ".join(rows[0]["cold"]["stages"]) + " |",
              "| ---: |" + " ---: |" * len(rows[0]["cold"]["stages"])]
    for r in rows:
        cells = [f"{r['cold']['stages'].get(k, 0):.2f} / {r['warm']['stages'].get(k, 0):.2f}" for k in rows[0]["cold"]["stages"]]
        lines.append(f"| {r['n']} | " + " | ".join(cells) + " |")
    lines += ["", NOTE.strip()]
    return "\n".join(lines) + "\n"


NOTE = """Where the targets (warm within 1.5x of the floor, cold within 3x) are not met, the stage table
says why: a cold build draws a cover and sharing image for every record in every language (the
"covers" column, about 80 % of the gap), and reading, checking and planning run in the parent
process before the parallel page builds (the gap of a warm build at 3,000 records). Covers as
inline SVG on pages (only the og:image rasterised), and planning inside the worker processes,
are the next steps.
"""


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child-build"]:
        child_build(*sys.argv[2:4])
    elif sys.argv[1:2] == ["--child-floor"]:
        child_floor(*sys.argv[2:4])
    elif sys.argv[1:2] == ["--child-plain-floor"]:
        child_plain_floor(*sys.argv[2:4])
    else:
        sizes = [int(a) for a in sys.argv[1:]] or [100, 1000, 3000]
        rows = [measure(n) for n in sizes]
        text = report(rows)
        results = HERE / "RESULTS.md"
        previous = results.read_text(encoding="utf-8") if results.is_file() else ""
        quality = previous[previous.find("## Page quality"):] if "## Page quality" in previous else ""
        results.write_text(text + ("\n" + quality if quality else ""), encoding="utf-8")  # keep bench/quality.py's part
        print(text)
