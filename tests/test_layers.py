"""The package's layers, as DESIGN.md draws them: read and check → catalogue → presentation → outputs.

Read from the source (every import, at any depth, but those only for type
checkers): the outputs never import each other, the read phase imports no
output and no presentation, the presentation layer imports no output, and no
modules import each other in a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "generator"
READ_PHASE = {"loading", "validation", "checks", "catalogue", "models", "places", "problems", "project", "messages"}
OUTPUTS = {"site", "brochure"}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The generator modules that `path` imports (relative imports resolved), type-checking blocks aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    skip = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
            for node in ast.walk(block)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.level:
            base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            names = [f"{base}.{alias.name}" for alias in node.names]
            found.update(name if (PACKAGE.parent / name.replace(".", "/")).with_suffix(".py").exists()
                         or (PACKAGE.parent / name.replace(".", "/")).is_dir() else base for name in names)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found.update(name for name in names if name.startswith("generator."))
    return found


def graph() -> dict[str, set[str]]:
    return {_module(path): _imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def test_the_outputs_never_import_each_other():
    for module, imported in graph().items():
        if _layer(module) in OUTPUTS:
            others = {name for name in imported if _layer(name) in OUTPUTS - {_layer(module)}}
            assert not others, (module, others)


def test_the_read_phase_and_the_presentation_import_no_output():
    for module, imported in graph().items():
        layer = _layer(module)
        if layer in READ_PHASE:
            assert not {n for n in imported if _layer(n) in OUTPUTS | {"presentation", "build", "publish"}}, module
        if layer == "presentation":
            assert not {n for n in imported if _layer(n) in OUTPUTS | {"build"}}, module


def test_no_module_imports_itself_through_others():
    edges = graph()

    def reach(start: str) -> list[str] | None:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                nxt = nxt if nxt in edges else nxt.rsplit(".", 1)[0]
                if nxt == start:
                    return trail + [nxt]
                if nxt not in seen and nxt in edges:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
        return None

    cycles = [cycle for module in edges if (cycle := reach(module)) and not module.endswith("__init__")]
    assert not cycles, cycles[0]
