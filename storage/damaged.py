"""Parquet files of DATA that cannot be read: named in one clear error, never a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from extractors.exceptions import StorageError

__all__ = ["damage_named", "read_table"]

P = ParamSpec("P")
R = TypeVar("R")
# What the readers raise on a file that is no Parquet (cut short, overwritten, copied in part).
READ_ERRORS = (pa.ArrowException, pl.exceptions.PolarsError, OSError)


def read_table(path: Path, **options: Any) -> pa.Table:
    """Read one Parquet file of DATA; raise StorageError naming it when it cannot be read."""
    try:
        return pq.read_table(path, **options)
    except FileNotFoundError:
        raise  # swapped by a commit between listing and reading: the caller lists again
    except READ_ERRORS as exc:
        raise StorageError(_message([path], exc)) from None


def damage_named(root_of: Callable[..., Path | str]) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a reader of DATA so a damaged file fails it with the file's name."""

    def decorate(read: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(read)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return read(*args, **kwargs)
            except FileNotFoundError:
                raise
            except READ_ERRORS as exc:
                damaged = _damaged(Path(root_of(*args, **kwargs)))
                if not damaged:
                    raise
                raise StorageError(_message(damaged, exc)) from None

        return checked

    return decorate


def _damaged(root: Path) -> list[Path]:
    """Return the Parquet files under DATA whose footer cannot be read."""
    out: list[Path] = []
    for path in sorted(root.rglob("*.parquet")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue  # staging files, and the derived index (keyindex builds it again)
        try:
            pq.read_metadata(path)
        except FileNotFoundError:
            continue
        except READ_ERRORS:
            out.append(path)
    return out


def _message(paths: list[Path], exc: BaseException) -> str:
    names = ", ".join(str(p) for p in paths[:5]) + (
        f" and {len(paths) - 5} more" if len(paths) > 5 else ""
    )
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    reason = reason.replace(f"'{paths[0]}'", "it")[:160]  # pyarrow names the file again
    return (
        f"{names}: not a readable Parquet file ({reason}). Policy Radar never leaves a file "
        "half-written, so it was damaged or copied in part: move it out of DATA or restore it, "
        "then run again"
    )
