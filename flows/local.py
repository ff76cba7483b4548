"""Directory sources: list saved pages below a root without following links out of it."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from extractors.exceptions import ExtractionError
from flows.config import SourceConfig


@dataclass(frozen=True, slots=True)
class LocalFile:
    """One file of a directory source: its path relative to the root, and where it lives."""

    rel: str
    path: Path
    size: int
    mtime: datetime
    validator: str = ""  # "size-mtime_ns": kept as the page's etag, so unchanged files are not read
    identity: tuple[int, int] | None = None  # (st_dev, st_ino) of what was listed and checked


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file that is listed but cannot be read safely (for a rejects row)."""

    rel: str
    reason: str
    detail: str


def discover_files(source: SourceConfig) -> tuple[list[LocalFile], list[SkippedFile]]:
    """List the files of a directory source that match its include/exclude patterns."""
    assert source.path is not None
    root = source.path.resolve()
    found: list[LocalFile] = []
    skipped: list[SkippedFile] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not any(fnmatch.fnmatch(name, p) for p in source.include):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if any(fnmatch.fnmatch(rel, p) for p in source.exclude):
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    skipped.append(
                        SkippedFile(
                            rel, "outside_root", "symbolic link leads out of the source folder"
                        )
                    )
                    continue
            try:
                stat = path.stat()
            except OSError as exc:
                skipped.append(SkippedFile(rel, "unreadable", exc.strerror or str(exc)))
                continue
            if not path.is_file():
                continue
            mtime = datetime.fromtimestamp(int(stat.st_mtime), tz=UTC)
            validator = f"{stat.st_size}-{stat.st_mtime_ns}"
            identity = (stat.st_dev, stat.st_ino)
            found.append(LocalFile(rel, path, stat.st_size, mtime, validator, identity))
    return found, skipped


def read_file(file: LocalFile, max_bytes: int) -> bytes:
    """Read a file's bytes; raise ExtractionError for files too large or unreadable."""
    if file.size > max_bytes:
        raise ExtractionError("too_large", f"{file.size} bytes > limit {max_bytes}")
    try:
        with open(file.path, "rb") as fh:
            now = os.fstat(fh.fileno())
            if file.identity is not None and (now.st_dev, now.st_ino) != file.identity:
                # Swapped since it was listed (maybe for a link out of the root): not read.
                raise ExtractionError("changed", "replaced after it was listed; read next run")
            body = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ExtractionError("unreadable", exc.strerror or str(exc)) from exc
    if len(body) > max_bytes:
        raise ExtractionError("too_large", f"more than {max_bytes} bytes")
    return body
