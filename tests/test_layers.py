"""Imports go one way: deployments -> flows -> storage -> extractors."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "extractors": {"prefect", "storage", "flows", "deployments", "httpx"},
    "storage": {"prefect", "flows", "deployments", "httpx"},
    "flows": {"deployments"},
}


def imported_roots(path: Path) -> set[str]:
    """Return the top-level package of every import in a module."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_go_one_way(package: str) -> None:
    bad = {
        str(path.relative_to(REPO)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in (REPO / package).rglob("*.py")
    }
    assert not {k: v for k, v in bad.items() if v}


def test_httpx_is_imported_by_one_module_only() -> None:
    users = [p.name for p in (REPO / "flows").rglob("*.py") if "httpx" in imported_roots(p)]
    assert users == ["client.py"]


SUBPACKAGES = ("fetch", "sources", "runner", "runtime")
ROW_TYPES = {
    "extractors.rows",
    "extractors.exceptions",
    "extractors.digest.model",
    "extractors.digest.weeks",
}


def imported_modules(path: Path) -> set[str]:
    """Return every module a file imports from (absolute imports only)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_other_packages_import_a_flows_subpackage_through_its_face() -> None:
    bad: dict[str, list[str]] = {}
    for path in [*(REPO / "flows").rglob("*.py"), *(REPO / "deployments").rglob("*.py")]:
        home = path.relative_to(REPO).parts
        for module in imported_modules(path):
            parts = module.split(".")
            inside = home[:2] == ("flows", parts[1] if len(parts) > 1 else "")
            if len(parts) > 2 and parts[0] == "flows" and parts[1] in SUBPACKAGES and not inside:
                bad.setdefault(str(path.relative_to(REPO)), []).append(module)
    assert not bad


def test_faces_name_what_they_export() -> None:
    for name in SUBPACKAGES:
        face = REPO / "flows" / name / "__init__.py"
        tree = ast.parse(face.read_text(encoding="utf-8"))
        imported = {
            alias.asname or alias.name
            for node in tree.body
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        exported = next(
            ast.literal_eval(node.value)
            for node in tree.body
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__"
        )
        assert sorted(exported) == sorted(imported), name


def test_flows_top_level_holds_only_flows_cli_config_and_specs() -> None:
    modules = sorted(p.name for p in (REPO / "flows").glob("*.py") if p.name != "__init__.py")
    assert len(modules) <= 10, modules  # the flows, the CLI, config, params/settings, deploy specs
    assert not [p for p in (REPO / "flows").rglob("*.py") if len(p.read_text().splitlines()) > 400]


def test_storage_imports_no_extraction_code() -> None:
    # Row and value types only: importing storage must not load the extraction pipeline.
    used = {m for p in (REPO / "storage").rglob("*.py") for m in imported_modules(p)}
    assert {m for m in used if m.startswith("extractors")} <= ROW_TYPES
    code = "import sys, storage.store, storage.read; print(sorted(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    loaded = {name.split(".")[0] for name in out.stdout.strip("[]\n").replace("'", "").split(", ")}
    assert not loaded & {"trafilatura", "lingua", "opencc", "sklearn"}


def test_one_opencc_loader() -> None:
    loaders = [
        str(path.relative_to(REPO))
        for package in ("extractors", "flows", "storage")
        for path in (REPO / package).rglob("*.py")
        if "opencc.OpenCC(" in path.read_text(encoding="utf-8")
    ]
    assert loaders == ["extractors/language.py"]


def test_our_exceptions_are_under_the_documented_root() -> None:
    # Classes deriving straight from Exception: only the root and the bridge's internal stop
    # signal (never raised past the fetcher's thread, so it must not look like a RadarError).
    direct = sorted(
        f"{path.relative_to(REPO)}:{node.name}"
        for package in ("extractors", "flows", "storage")
        for path in (REPO / package).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
        and any(getattr(b, "id", "") in ("Exception", "BaseException") for b in node.bases)
    )
    assert direct == [
        "extractors/exceptions.py:RadarError",
        "flows/sources/bridge.py:StoppedError",
    ]


def _code_without_all_lists(path: Path) -> str:
    """Return a module's source without its ``__all__`` list (a re-export is not a use)."""
    text = path.read_text()
    lines = text.splitlines()
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__":
            assert node.end_lineno is not None
            lines[node.lineno - 1 : node.end_lineno] = [""] * (node.end_lineno - node.lineno + 1)
    return "\n".join(lines)


def test_every_function_is_used_outside_the_tests() -> None:
    # Benchmarks and build scripts count as users (they are shipped tools); tests do not.
    packages = ("flows", "extractors", "storage", "deployments")
    code = [p for d in (*packages, "benchmarks") for p in (REPO / d).rglob("*.py")]
    corpus = "\n".join(_code_without_all_lists(p) for p in code)
    # A name's whole-word occurrences are the \w+ runs equal to it: count every run once.
    occurrences = Counter(re.findall(r"\w+", corpus))
    unused = []
    for path in (p for p in code if p.parts[len(REPO.parts)] in packages):
        for node in ast.parse(path.read_text()).body:  # methods may be hooks a library calls
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if not node.name.startswith("__") and occurrences[node.name] <= 1:
                unused.append(f"{path.relative_to(REPO)}:{node.name}")
    assert not unused
