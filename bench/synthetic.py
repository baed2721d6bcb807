"""A synthetic catalogue for benchmarks: N bilingual records across Gia Lai.

    python bench/synthetic.py N DIR

writes a project folder (content/, sites/, assets/, mkdocs.yml) with N records
of realistic length, Vietnamese diacritics, coordinates across the province,
designations, tags and sources. The same N gives the same files.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMUNES = [("Phường An Bình", 13.969, 108.61), ("Xã Krong", 14.2751, 108.434), ("Xã Gào", 13.9048, 107.904),
            ("Phường Hội Phú", 13.9341, 108.02), ("Xã Tơ Tung", 14.1765, 108.56), ("Xã Đak Sơmei", 14.2564, 108.228),
            ("Xã Ia Dơk", 13.8513, 107.677), ("Xã Kông Bơ La", 14.1267, 108.665)]
KINDS = ["archaeological-site", "historical-relic", "natural-heritage", "ocop-product"]
WORDS_VI = "di tích lịch sử văn hóa cồng chiêng làng người Bahnar Jrai núi rừng sông suối đồng bào kháng chiến".split()
WORDS_EN = "historic site culture gong village people highland forest river stream resistance heritage".split()
TAGS = ["an-khe", "bahnar", "jrai", "resistance", "forest", "gong-culture", "coffee", "brocade"]


def _text(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def record(rng: random.Random, index: int) -> tuple[str, str]:
    kind = KINDS[index % len(KINDS)]
    commune, lat, lon = rng.choice(COMMUNES)
    lat, lon = round(lat + rng.uniform(-0.08, 0.08), 5), round(lon + rng.uniform(-0.08, 0.08), 5)
    name_vi = f"{_text(rng, WORDS_VI, 4)[:-1]} {index}"
    name_en = f"{_text(rng, WORDS_EN, 4)[:-1]} {index}"
    desc_vi = "\n\n".join(_text(rng, WORDS_VI, 60) for _ in range(4))
    desc_en = "\n\n".join(_text(rng, WORDS_EN, 60) for _ in range(4))
    lines = [
        f"kind: {kind}",
        f'name: {{vi: "{name_vi}", en: "{name_en}"}}',
        f'summary: {{vi: "{_text(rng, WORDS_VI, 20)}", en: "{_text(rng, WORDS_EN, 20)}"}}',
        "description:",
        "  vi: |",
        *[f"    {line}" for line in desc_vi.splitlines()],
        "  en: |",
        *[f"    {line}" for line in desc_en.splitlines()],
        "location:",
        f"  coordinates: [{lat}, {lon}]",
        "  precision: approximate",
        f"  commune: {commune}",
        "  province: Gia Lai",
        f"tags: [{', '.join(sorted(rng.sample(TAGS, 2)))}]",
        "sources:",
        f'  - {{title: "Source {index}", url: "https://example.org/{index}"}}',
    ]
    if kind == "ocop-product":
        lines += ["category: food", f"stars: {rng.choice([3, 4, 5])}", 'producer: {name: "HTX Bench"}']
        return "products", "\n".join(lines) + "\n"
    lines += ["designations:", f"  - {{level: {rng.choice(['provincial', 'national'])}, year: {rng.randint(1990, 2024)}}}"]
    return "heritage", "\n".join(lines) + "\n"


def write_project(n: int, dest: Path) -> Path:
    rng = random.Random(n)
    if dest.exists():
        shutil.rmtree(dest)
    for folder in ("heritage", "products", "pages"):
        (dest / "content" / folder).mkdir(parents=True)
    for index in range(n):
        collection, text = record(rng, index)
        (dest / "content" / collection / f"record-{index:05d}.yml").write_text(text, encoding="utf-8")
    (dest / "sites").mkdir()
    (dest / "sites" / "bench.yml").write_text(
        'title: {vi: "Di sản", en: "Heritage"}\nurl: "https://bench.example/"\nlanguages: [vi, en]\n', encoding="utf-8"
    )
    shutil.copytree(REPO / "assets", dest / "assets")
    shutil.copyfile(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


if __name__ == "__main__":
    write_project(int(sys.argv[1]), Path(sys.argv[2]))
