"""The package's own shape: no import cycles, writers that know only the hub, one reader
of SOURCE_DATE_EPOCH, a lint-clean tree."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "editio"


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports() -> dict[str, set[str]]:
    """module → the editio modules it imports (at any level, lazily or not)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.startswith("editio"):
                    deps.add(target)
                    for alias in node.names:
                        deps.add(f"{target}.{alias.name}")
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name.startswith("editio"))
        graph[name] = deps
    modules = set(graph)
    return {m: {d for d in deps if d in modules and d != m} for m, deps in graph.items()}


def test_no_import_cycles():
    graph = _imports()
    state: dict[str, int] = {}
    cycles = []

    def visit(node, path):
        state[node] = 1
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append(path[path.index(dep):] + [dep] if dep in path else [node, dep])
            elif not state.get(dep):
                visit(dep, path + [dep])
        state[node] = 2

    for module in sorted(graph):
        if not state.get(module):
            visit(module, [module])
    # a package importing its own modules is no cycle
    cycles = [c for c in cycles if not all(m.startswith(c[0] + ".") or m == c[0] for m in c[1:])]
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def test_writers_know_the_hub_not_each_other():
    """A writer imports the hub's vocabulary, tree helpers and shared resources, never
    another writer (citations may read the outputs the other writers made)."""
    graph = _imports()
    for module, deps in graph.items():
        if not module.startswith("editio.writers."):
            continue
        own = module.split(".")[2]
        others = {d for d in deps if d.startswith("editio.writers.") and d.split(".")[2] != own}
        if own == "citations":
            others -= {"editio.writers.tei"}       # the citations map the TEI's ids
        assert not others, f"{module} imports other writers: {sorted(others)}"


def test_source_date_epoch_is_read_in_one_place():
    readers = [p.relative_to(REPO).as_posix() for p in PACKAGE.rglob("*.py")
               if "SOURCE_DATE_EPOCH" in p.read_text(encoding="utf-8")
               and "environ" in p.read_text(encoding="utf-8")
               and 'os.environ.get("SOURCE_DATE_EPOCH"' in p.read_text(encoding="utf-8")]
    assert readers == [], readers
    assert 'VARIABLE = "SOURCE_DATE_EPOCH"' in (PACKAGE / "clock.py").read_text(encoding="utf-8")


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert ruff, "ruff is a test dependency: pip install -e '.[dev]'"
    proc = subprocess.run([ruff, "check", "src", "tests"], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
