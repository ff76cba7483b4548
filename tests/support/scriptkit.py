"""Load a script that is not a package module (benchmarks/*.py, ../shared/tools/*.py) by path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]


def load_script(path: Path, name: str | None = None) -> ModuleType:
    """Return the script at path as a module (registered, so its dataclasses find it)."""
    spec = importlib.util.spec_from_file_location(name or path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def load_benchmark(name: str) -> ModuleType:
    """Return benchmarks/NAME.py as a module."""
    return load_script(REPO / "benchmarks" / f"{name}.py")
