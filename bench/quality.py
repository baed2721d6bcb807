"""Page quality: Lighthouse 12.2.3 in Debian's Chromium, on the bundled site served like production.

    .venv/bin/python bench/quality.py [RUNS]        (default: 3 runs a page; the median is reported)

Builds the Gia Lai site for the address it is served at (so the theme's own
requests resolve), serves it on 127.0.0.1 with its precompressed files (Brotli
or gzip, as a web server configured for them would), and runs Lighthouse
(mobile form factor, simulated slow 4G) on the home, a record and the map page
of each language. Prints the four scores and adds them to bench/RESULTS.md.
Lighthouse is installed from npm, pinned, into .cache/lighthouse/.
"""

from __future__ import annotations

import functools
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

LIGHTHOUSE_VERSION = "12.2.3"
PREFIX = REPO / ".cache" / "lighthouse"
CLI = PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
PAGES = [("home", ""), ("record", "heritage/roc-tung-go-da/"), ("map", "map/")]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "application/javascript",
         ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".webp": "image/webp"}


class Compressed(SimpleHTTPRequestHandler):
    """Serves <file>.br or <file>.gz when the browser accepts it, as a configured web server would."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            packed = path.with_name(path.name + suffix)
            if encoding in accepted and packed.is_file():
                self.send_response(200)
                self.send_header("Content-Type", TYPES.get(path.suffix, self.guess_type(str(path))))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(packed.stat().st_size))
                self.send_header("Cache-Control", "max-age=3600")
                self.end_headers()
                return open(packed, "rb")
        return super().send_head()


def install() -> None:
    if not CLI.is_file():
        subprocess.run(["npm", "i", "-E", "--no-audit", "--no-fund", "--silent", "--prefix", str(PREFIX),
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)


def lighthouse(url: str, out: Path) -> dict[str, float]:
    subprocess.run(
        ["node", str(CLI), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES), "--max-wait-for-load=45000"],
        check=True, env={"CHROME_PATH": "/usr/bin/chromium", "PATH": "/usr/bin:/bin:/usr/local/bin"}, timeout=300,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def _copy(tmp: Path, url: str) -> Path:
    project = tmp / "project"
    for name in ("content", "sites", "assets"):
        shutil.copytree(REPO / name, project / name)
    shutil.copyfile(REPO / "mkdocs.yml", project / "mkdocs.yml")
    site = project / "sites" / "gia-lai.yml"
    lines = [f'url: "{url}"' if line.startswith("url:") else line for line in site.read_text(encoding="utf-8").splitlines()]
    site.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return project


def run(runs: int) -> str:
    install()
    with tempfile.TemporaryDirectory() as tmp:
        server = ThreadingHTTPServer(("127.0.0.1", 0), Compressed)
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        project = _copy(Path(tmp), url)
        subprocess.run([str(REPO / ".venv" / "bin" / "heritage"), "--project", str(project), "build", "--site", "gia-lai"],
                       check=True, capture_output=True)
        server.RequestHandlerClass = functools.partial(Compressed, directory=str(project / "public" / "gia-lai"))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        rows = []
        for lang in ("vi", "en"):
            for label, path in PAGES:
                scores = [lighthouse(f"{url}{lang}/{path}", Path(tmp) / f"{lang}-{label}-{i}.json") for i in range(runs)]
                median = {name: statistics.median(s[name] for s in scores) for name in CATEGORIES}
                rows.append((f"{lang}/{path}", median))
                print(f"{lang}/{path or '(home)'}: " + ", ".join(f"{k} {v:.2f}" for k, v in median.items()), flush=True)
        server.shutdown()
    lines = [
        "## Page quality (Lighthouse)",
        "",
        f"Lighthouse {LIGHTHOUSE_VERSION} in Debian's Chromium, mobile form factor with simulated throttling, the site "
        f"served on 127.0.0.1 with its precompressed files; median of {runs} runs. Command: `.venv/bin/python bench/quality.py`. "
        "Map tiles cannot load here (no outside network).",
        "",
        "| page | performance | accessibility | best practices | SEO |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for page, median in rows:
        lines.append(f"| {page or '(home)'} | " + " | ".join(f"{median[name]:.2f}" for name in CATEGORIES) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    section = run(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    results = HERE / "RESULTS.md"
    text = results.read_text(encoding="utf-8") if results.is_file() else "# Benchmark results\n"
    text = text.split("## Page quality (Lighthouse)")[0].rstrip() + "\n\n" + section
    results.write_text(text, encoding="utf-8")
    print(section)
