"""Imports go one way: deployments -> flows -> storage -> extractors."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
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
    assert users == ["fetch_http.py"]
