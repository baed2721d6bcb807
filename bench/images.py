"""Photo processing: cold throughput on this machine's cores, and the cost of a warm build.

    python bench/images.py [COUNT] [WIDTH]      (default: 24 photos of 4000 px, 12 MP, like a phone camera's)

Cold: every photo decoded, turned upright, converted to sRGB and encoded at
every width in WebP and JPEG. Warm: the same photos again, all found in the
cache by their content hash (what an editor's everyday rebuild pays).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from generator.presentation.images import process_all  # noqa: E402


def camera_photo(index: int, width: int) -> Image.Image:
    """Noise and shapes, so that encoders work as hard as on a real photo."""
    height = width * 3 // 4
    image = Image.effect_noise((width // 4, height // 4), 60 + index).convert("RGB").resize((width, height))
    draw = ImageDraw.Draw(image)
    for step in range(12):
        x = (index * 397 + step * 331) % width
        draw.ellipse((x, step * height // 14, x + width // 6, step * height // 14 + height // 5), fill=(40 * step % 255, 120, 200 - step * 9))
    return image.filter(ImageFilter.GaussianBlur(1))


def main(count: int, width: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "photos", Path(tmp) / "cache"
        folder.mkdir()
        exif = Image.Exif()
        exif[0x0112] = 6
        sources = []
        for index in range(count):
            path = folder / f"photo-{index}.jpg"
            camera_photo(index, width).save(path, quality=92, exif=exif)
            sources.append(path)
        megabytes = sum(p.stat().st_size for p in sources) / 1e6
        started = time.perf_counter()
        cold = process_all(sources, cache)
        cold_time = time.perf_counter() - started
        started = time.perf_counter()
        warm = process_all(sources, cache)
        warm_time = time.perf_counter() - started
        assert all(r.fresh for r in cold.values()) and not any(r.fresh for r in warm.values())
        print(f"{count} photos of {width} px ({megabytes:.0f} MB) on {os.cpu_count()} cores")
        print(f"cold: {cold_time:.2f} s, {count / cold_time:.2f} photos/s")
        print(f"warm: {warm_time:.3f} s ({warm_time / count * 1000:.1f} ms a photo, nothing processed)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 24, int(sys.argv[2]) if len(sys.argv) > 2 else 4000)
