"""Digest files under DATA/digests/YYYY-Www/, written atomically (temp file + os.replace)."""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

from extractors.exceptions import StorageError

DIGESTS_DIR = "digests"
FEED_FILE = "feed.xml"
MEASURES_FILES = ("measures.md", "measures.html")


def digest_dir(root: Path | str, week: str) -> Path:
    """Return the folder of one week's digest files."""
    return Path(root) / DIGESTS_DIR / week


def write_text_atomic(path: Path, text: str) -> Path:
    """Write a UTF-8 text file atomically: a temp file beside it, fsync, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return path


def write_digest_files(root: Path | str, week: str, markdown: str, html: str) -> tuple[Path, Path]:
    """Write digest.md and digest.html of a week; raise StorageError when DATA is unwritable."""
    folder = digest_dir(root, week)
    try:
        md = write_text_atomic(folder / "digest.md", markdown)
        page = write_text_atomic(folder / "digest.html", html)
    except OSError as exc:
        raise StorageError(f"cannot write digest to {folder}: {exc.strerror or exc}") from exc
    return md, page


def feed_path(root: Path | str) -> Path:
    """Return where the Atom feed of the digests lives: DATA/digests/feed.xml."""
    return Path(root) / DIGESTS_DIR / FEED_FILE


def read_feed(root: Path | str) -> str | None:
    """Return the feed as last written, or None when it is absent or unreadable."""
    try:
        return feed_path(root).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_feed(root: Path | str, xml: str) -> Path:
    """Write feed.xml atomically, leaving it untouched when its text is unchanged."""
    path = feed_path(root)
    if read_feed(root) == xml:
        return path
    try:
        return write_text_atomic(path, xml)
    except OSError as exc:
        raise StorageError(f"cannot write the feed to {path}: {exc.strerror or exc}") from exc


def write_measure_pages(root: Path | str, markdown: str, html: str) -> tuple[Path, Path]:
    """Write DATA/digests/measures.md and measures.html; raise StorageError when unwritable."""
    folder = Path(root) / DIGESTS_DIR
    try:
        md = write_text_atomic(folder / MEASURES_FILES[0], markdown)
        page = write_text_atomic(folder / MEASURES_FILES[1], html)
    except OSError as exc:
        raise StorageError(
            f"cannot write the measures page to {folder}: {exc.strerror or exc}"
        ) from exc
    return md, page
