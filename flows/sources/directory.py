"""Directory sources: list saved pages below a root without following links out of it."""

from __future__ import annotations

import fnmatch
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from extractors.exceptions import ExtractionError
from flows.config import SourceConfig
from flows.sources.contract import Candidate, SourceStats, Window
from storage.raw import RawStore
from storage.state import PageState

log = logging.getLogger("policy_radar.sources")


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


def printable_name(rel: str) -> str:
    """Return a path as text every table can hold: bytes that are no UTF-8 as ``\\xNN``."""
    # A zip made on another system unpacks names in its own encoding ("caf\xe9.md" in Latin-1,
    # GBK names from Chinese Windows); Python reads them with surrogate escapes, which no
    # Parquet string, hash or log line takes. The file itself is still read by its real path.
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def discover_files(source: SourceConfig) -> tuple[list[LocalFile], list[SkippedFile]]:
    """List the files of a directory source that match its include/exclude patterns."""
    assert source.path is not None
    root = source.path.resolve()
    found: list[LocalFile] = []
    skipped: list[SkippedFile] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        skipped += _linked_folders(root, Path(dirpath), dirnames, source.exclude)
        for name in sorted(filenames):
            if name.startswith(".") or not any(fnmatch.fnmatch(name, p) for p in source.include):
                continue
            path = Path(dirpath) / name
            rel = printable_name(path.relative_to(root).as_posix())
            if any(fnmatch.fnmatch(rel, p) for p in source.exclude):
                continue
            if path.is_symlink():
                try:
                    target = path.resolve()
                except (OSError, RuntimeError) as exc:  # a loop of links: RuntimeError before 3.13
                    skipped.append(SkippedFile(rel, "unreadable", f"symbolic link: {exc}"))
                    continue
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
            if not path.is_file():  # a named pipe would block the run on open
                skipped.append(
                    SkippedFile(rel, "unreadable", "not a regular file (a pipe, socket or device)")
                )
                continue
            mtime = datetime.fromtimestamp(int(stat.st_mtime), tz=UTC)
            validator = f"{stat.st_size}-{stat.st_mtime_ns}"
            identity = (stat.st_dev, stat.st_ino)
            found.append(LocalFile(rel, path, stat.st_size, mtime, validator, identity))
    return found, skipped


def _linked_folders(
    root: Path, parent: Path, names: list[str], exclude: tuple[str, ...]
) -> list[SkippedFile]:
    """Return a row for each linked folder that leads out of the root (walks never follow links)."""
    out: list[SkippedFile] = []
    for name in names:
        path = parent / name
        if not path.is_symlink():
            continue
        rel = printable_name(path.relative_to(root).as_posix())
        if any(fnmatch.fnmatch(rel, p) for p in exclude):
            continue
        try:
            target = path.resolve()
        except (OSError, RuntimeError) as exc:  # a loop of links: RuntimeError before 3.13
            out.append(SkippedFile(rel, "unreadable", f"symbolic link: {exc}"))
            continue
        if not target.is_relative_to(root):  # inside the root, its files are listed where they are
            detail = "symbolic link to a folder outside the source folder: its files are not read"
            out.append(SkippedFile(rel, "outside_root", detail))
    return out


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


def discover_directory(
    source: SourceConfig,
    states: dict[str, PageState],
    window: Window,
    stats: SourceStats,
    raw: RawStore | None = None,
) -> Iterator[Candidate]:
    """Yield the files of a directory source as candidates (read lazily; ``raw`` is unused)."""
    files, skipped = discover_files(source)
    stats.discovered = len(files) + len(skipped)
    if not files and not skipped:  # a wrong path or include pattern must not pass as a quiet day
        log.warning(
            "source %s: no file in %s matches include %s",
            source.name,
            source.path,
            ", ".join(source.include),
        )
    for skip in skipped:
        yield Candidate(skip.rel, reason=skip.reason, detail=skip.detail)
    if source.max_pages and len(files) > source.max_pages:
        # Files not stored as they are now (new, changed, or cut last time) first, so a folder
        # larger than max_pages is worked through over several runs, as a web listing is.
        fresh = [f for f in files if not _stored(states.get(f.rel), f)]
        files = (fresh + [f for f in files if _stored(states.get(f.rel), f)])[: source.max_pages]
    for file in files:
        state = states.get(file.rel)
        if state is not None and state.raw_hash and state.etag == file.validator:
            # Same size and modification time as the stored bytes: like an HTTP 304.
            yield Candidate(file.rel, fetched_at=file.mtime, etag=file.validator, not_modified=True)
            continue
        try:
            body = read_file(file, source.max_bytes)
        except ExtractionError as exc:
            yield Candidate(file.rel, fetched_at=file.mtime, reason=exc.reason, detail=exc.detail)
            continue
        stats.fetched += 1
        yield Candidate(file.rel, body=body, fetched_at=file.mtime, etag=file.validator)


def _stored(state: PageState | None, file: LocalFile) -> bool:
    """Return True when a file's stored state is of its present size and modification time."""
    return state is not None and state.etag == file.validator
