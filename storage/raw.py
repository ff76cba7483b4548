"""The raw page store: bytes as read or fetched, content-addressed and zstd-compressed."""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from extractors.exceptions import StorageError


def hash_bytes(body: bytes) -> str:
    """Return the content address (sha256 hex) of raw bytes."""
    return hashlib.sha256(body).hexdigest()


class RawStore:
    """Raw bytes under ``DATA/raw/ab/abcdef….zst`` (a standard zstd frame); writing twice is a no-op."""

    def __init__(self, root: Path | str, fetch: Callable[[str], bool] | None = None) -> None:
        self.root = Path(root) / "raw"
        self._fetch = fetch  # downloads ``raw/ab/<hash>.zst`` on demand when DATA is remote

    def path_for(self, raw_hash: str) -> Path:
        """Return where the bytes with this hash are kept."""
        return self.root / raw_hash[:2] / f"{raw_hash}.zst"

    def put(self, body: bytes) -> str:
        """Store bytes (atomically) and return their hash."""
        raw_hash = hash_bytes(body)
        dest = self.path_for(raw_hash)
        if dest.exists():
            return raw_hash
        tmp = dest.parent / f".{raw_hash}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                fh.write(_compress(body))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, dest)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)  # a full disk must not keep the partial file
            raise StorageError(f"cannot write raw page to {dest.parent}: {exc.strerror}") from exc
        return raw_hash

    def get(self, raw_hash: str) -> bytes:
        """Return the bytes stored under a hash; raise StorageError if missing or corrupt."""
        path = self.path_for(raw_hash)
        if self._fetch is not None and not path.exists():
            self._fetch(path.relative_to(self.root.parent).as_posix())
        try:
            body = _decompress(path.read_bytes())
        except (OSError, EOFError, pa.ArrowException) as exc:
            raise StorageError(f"raw page {raw_hash} is missing or unreadable: {exc}") from exc
        if hash_bytes(body) != raw_hash:
            raise StorageError(f"raw page {raw_hash} is corrupt (hash mismatch)")
        return body

    def has(self, raw_hash: str) -> bool:
        """Return True when bytes with this hash are stored (fetching them when remote)."""
        path = self.path_for(raw_hash)
        if self._fetch is not None and not path.exists():
            return self._fetch(path.relative_to(self.root.parent).as_posix())
        return path.exists()


def _compress(body: bytes) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.CompressedOutputStream(sink, "zstd") as stream:
        stream.write(body)
    return bytes(sink.getvalue().to_pybytes())


def _decompress(data: bytes) -> bytes:
    with pa.CompressedInputStream(pa.BufferReader(data), "zstd") as stream:
        return bytes(stream.read())
