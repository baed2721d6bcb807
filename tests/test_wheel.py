"""The wheel, as `pip install heritage-generator` gets it: built offline, installed into a new
virtual environment, and building the bundled project from there, away from this checkout
(whose editable install would otherwise hide a file missing from the wheel)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, copy_bundled_project

PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]


def _run(argv: list, cwd: Path) -> str:
    # No PYTHONPATH: only what the new environment itself holds may be imported.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(map(str, argv))}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the sources: a build in place would leave build/ in the
    checkout, and a stale build/ can carry files the sources no longer have."""
    root = tmp_path_factory.mktemp("wheel")
    shutil.copytree(REPO / "generator", root / "src" / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copyfile(REPO / name, root / "src" / name)
    # The build backend (setuptools, in the test extra) is the one in this environment: no network.
    _run([*PIP, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--wheel-dir", root / "dist", root / "src"], root)
    (built,) = (root / "dist").glob("heritage_generator-*.whl")
    return built


def test_wheel_holds_every_file_of_the_package(wheel):
    """Modules, templates, theme partials and scripts: whatever lies under generator/."""
    sources = {path.relative_to(REPO).as_posix() for path in (REPO / "generator").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}
    with zipfile.ZipFile(wheel) as archive:
        packed = set(archive.namelist())
    assert sorted(sources - packed) == []
    assert "generator/templates/site/record.md.j2" in packed  # the comparison saw the data files


def test_installed_wheel_builds_the_bundled_project(wheel, bundled_build, tmp_path):
    env = tmp_path / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", env], tmp_path)
    python = env / "bin" / "python"
    # The dependencies come from this test environment through a .pth line (no network, no
    # second install); a plain path line runs none of the .pth files there, so the editable
    # install of this checkout stays out.
    site_packages = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path).strip())
    (site_packages / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    _run([*PIP, "--python", python, "install", "--no-deps", "--no-index", wheel], tmp_path)

    imported = _run([python, "-c", "import generator; print(generator.__file__)"], tmp_path).strip()
    assert Path(imported).is_relative_to(site_packages), imported

    project = copy_bundled_project(tmp_path / "project")
    _run([env / "bin" / "heritage", "--project", project, "build"], tmp_path)
    built, expected = project / "public", bundled_build
    for page in ("gia-lai/en/index.html", "gia-lai/vi/map/index.html", "an-khe/vi/index.html"):
        assert (built / page).is_file(), page
    assert list((built / "brochures").glob("*.pdf"))
    # The same build as from the checkout, byte for byte: a theme override left out of the wheel
    # would not stop the build (Material has its own partials) but would change the pages.
    files = sorted(p.relative_to(expected) for p in expected.rglob("*") if p.is_file())
    assert sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file()) == files
    # The brochure too, although the two projects lie in different folders.
    differ = [f for f in files if (built / f).read_bytes() != (expected / f).read_bytes()]
    assert differ == []
