"""DATA on S3: a local mirror of ``s3://bucket/prefix``, pulled and pushed under the writer lock.

The local engine (atomic staging, renameat2, fingerprints, compaction) runs unchanged on a
mirror folder. A write session pulls the remote prefix first (only new or changed objects),
commits locally, then pushes: raw pages, then table and digest files, then deletions, then
``state/pages`` last. A journal object makes an interrupted push finish (or roll back) at the
start of the next write session. Raw pages are content-addressed: they are never deleted and
are downloaded only when read (re-extraction), not on every pull.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from pyarrow import fs as pafs

from extractors.exceptions import ConfigError, StorageError

SCHEME = "s3://"
RAW = "raw/"
STATE = "state/"
MANIFEST = ".radar-sync.json"
JOURNAL = ".radar-journal.json"
THREADS = 8
CHUNK = 8 * 1024 * 1024
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]$")
log = logging.getLogger("policy_radar.storage.s3")
Stat = tuple[int, int]  # (size, mtime_ns)


class Sync(Protocol):
    """A remote copy of DATA that storage.dataset keeps equal to its folder (e.g. Mirror)."""

    def pull(self, writing: bool) -> None:
        """Make the local folder equal to the remote one."""

    def push(self) -> None:
        """Make the remote copy equal to the local folder."""


@dataclass(frozen=True, slots=True)
class S3Url:
    """A parsed ``s3://bucket/prefix``."""

    bucket: str
    prefix: str

    def __str__(self) -> str:
        return f"{SCHEME}{self.bucket}/{self.prefix}" if self.prefix else f"{SCHEME}{self.bucket}"

    def key(self, rel: str = "") -> str:
        """Return the pyarrow path (``bucket/prefix/rel``) of a path relative to DATA."""
        parts = [self.bucket, self.prefix, rel.strip("/")]
        return "/".join(p for p in parts if p)


def is_remote(data: Path | str) -> bool:
    """Return True when DATA is a URL (``scheme://...``) rather than a local folder."""
    return isinstance(data, str) and "://" in data


def parse_url(data: str) -> S3Url:
    """Parse ``s3://bucket/prefix``; raise ConfigError on any other scheme or a bad bucket."""
    scheme, _, rest = data.partition("://")
    if scheme.lower() != "s3":
        raise ConfigError(f"DATA {data!r}: only local folders and s3://bucket/prefix are supported")
    bucket, _, prefix = rest.partition("/")
    if not _BUCKET.match(bucket):
        raise ConfigError(f"DATA {data!r}: {bucket!r} is not a valid S3 bucket name")
    parts = [p for p in prefix.split("/") if p]
    if any(p in (".", "..") or p.startswith(".") for p in parts):
        raise ConfigError(f"DATA {data!r}: prefix segments may not start with '.'")
    return S3Url(bucket, "/".join(parts))


def cache_dir(url: S3Url) -> Path:
    """Return the local mirror of a URL: ``$RADAR_CACHE`` (else ~/.cache/policy-radar)/s3/..."""
    base = os.environ.get("RADAR_CACHE")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        base = str(Path(xdg) / "policy-radar")
    return Path(base).expanduser() / "s3" / url.bucket / url.prefix


def endpoint() -> str | None:
    """Return the S3 endpoint URL from ``AWS_ENDPOINT_URL_S3`` or ``AWS_ENDPOINT_URL``."""
    return os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL") or None


def connect() -> pafs.S3FileSystem:
    """Return an S3 filesystem configured from the standard AWS environment variables."""
    options: dict[str, Any] = {
        "region": os.environ.get("AWS_REGION")
        or os.environ.get("AWS_DEFAULT_REGION")
        or "us-east-1",
        "connect_timeout": 5.0,
        "request_timeout": 60.0,
        "retry_strategy": pafs.AwsStandardS3RetryStrategy(max_attempts=3),
    }
    url = endpoint()
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"AWS endpoint {url!r} must look like http(s)://host[:port]")
        options.update(endpoint_override=parts.netloc, scheme=parts.scheme)
    return pafs.S3FileSystem(**options)


def one_line(exc: BaseException) -> str:
    """Return an exception message on one short line (AWS messages span several)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= 240 else text[:237] + "..."


def _hidden(rel: str) -> bool:
    """Return True for writer internals that never sync: any segment starting with '.'."""
    return any(part.startswith(".") for part in rel.split("/"))


class Mirror:
    """Keeps a local folder and an S3 prefix equal; call only under the DATA writer lock."""

    def __init__(self, url: S3Url, local: Path | None = None) -> None:
        self.url = url
        self.local = local or cache_dir(url)
        self._fs: pafs.S3FileSystem | None = None
        self._listed_raw = False
        self._manifest: dict[str, list[int | None]] = {}

    @property
    def fs(self) -> pafs.S3FileSystem:
        """Return the S3 filesystem (connected on first use)."""
        if self._fs is None:
            self._fs = connect()
        return self._fs

    def where(self) -> str:
        """Return the endpoint the mirror talks to, for messages."""
        return endpoint() or "AWS S3"

    def _fail(self, what: str, exc: BaseException) -> StorageError:
        return StorageError(f"{what} {self.url} at {self.where()}: {one_line(exc)}")

    def check(self) -> None:
        """Raise StorageError unless the endpoint answers and the bucket exists."""
        try:
            info = self.fs.get_file_info(self.url.bucket)
        except OSError as exc:
            raise self._fail("cannot reach", exc) from exc
        if info.type == pafs.FileType.NotFound:
            raise StorageError(f"S3 bucket {self.url.bucket!r} does not exist at {self.where()}")

    # -- listings ----------------------------------------------------------------------
    def _list(self, raw: bool = False) -> dict[str, Stat]:
        """Return {relative path: (size, mtime_ns)} of the remote objects: raw/ or the rest."""
        base = self.url.key()
        try:
            if raw:
                selector = pafs.FileSelector(
                    self.url.key(RAW), allow_not_found=True, recursive=True
                )
                infos = self.fs.get_file_info(selector)
            else:
                top = self.fs.get_file_info(pafs.FileSelector(base, allow_not_found=True))
                infos = [i for i in top if i.type == pafs.FileType.File]
                for entry in top:
                    if entry.type == pafs.FileType.Directory and entry.base_name != RAW[:-1]:
                        selector = pafs.FileSelector(entry.path, recursive=True)
                        infos += self.fs.get_file_info(selector)
        except OSError as exc:
            raise self._fail("cannot list", exc) from exc
        out: dict[str, Stat] = {}
        for info in infos:
            rel = info.path[len(base) + 1 :]
            if info.type == pafs.FileType.File and not _hidden(rel):
                out[rel] = (int(info.size or 0), int(info.mtime_ns or 0))
        return out

    def _scan_local(self) -> dict[str, Stat]:
        out: dict[str, Stat] = {}
        for folder, dirs, files in os.walk(self.local):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            rel_dir = os.path.relpath(folder, self.local)
            for name in files:
                if name.startswith("."):
                    continue
                rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
                st = os.stat(os.path.join(folder, name))
                out[rel] = (st.st_size, st.st_mtime_ns)
        return out

    # -- manifest ----------------------------------------------------------------------
    def _load_manifest(self) -> None:
        try:
            self._manifest = json.loads((self.local / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._manifest = {}

    def _save_manifest(self) -> None:
        path = self.local / MANIFEST
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        tmp.write_text(json.dumps(self._manifest, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)

    # -- transfers ---------------------------------------------------------------------
    def _parallel(self, what: str, fn: Callable[[str], None], rels: Iterable[str]) -> None:
        todo = sorted(rels)
        if not todo:
            return
        try:
            with ThreadPoolExecutor(min(THREADS, len(todo))) as pool:
                list(pool.map(fn, todo))
        except OSError as exc:
            raise self._fail(f"cannot {what}", exc) from exc

    def _download(self, rel: str) -> None:
        dest = self.local / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            with self.fs.open_input_stream(self.url.key(rel)) as src, open(tmp, "wb") as out:
                while chunk := src.read(CHUNK):
                    out.write(chunk)
            os.replace(tmp, dest)
        finally:
            tmp.unlink(missing_ok=True)

    def _upload(self, rel: str) -> None:
        with (
            open(self.local / rel, "rb") as src,
            self.fs.open_output_stream(self.url.key(rel)) as out,
        ):
            while chunk := src.read(CHUNK):
                out.write(chunk)

    def _delete(self, rel: str) -> None:
        # pyarrow then writes a folder marker ("parent/", 0 bytes) that every reader skips.
        with contextlib.suppress(FileNotFoundError):
            self.fs.delete_file(self.url.key(rel))

    def fetch(self, rel: str) -> bool:
        """Download one object on demand (a raw page); return False when it does not exist."""
        try:
            self._download(rel)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise self._fail(f"cannot download {rel} from", exc) from exc
        return True

    # -- pull --------------------------------------------------------------------------
    def pull(self, writing: bool) -> None:
        """Make the mirror equal to the remote prefix, except raw pages (fetched when read)."""
        self.local.mkdir(parents=True, exist_ok=True)
        self._load_manifest()
        if writing:
            self._recover()
        remote = self._list()
        local = self._scan_local()
        stale = [rel for rel, st in remote.items() if not self._current(rel, st, local.get(rel))]
        self._parallel("download", self._download, stale)
        gone = [rel for rel in local if rel not in remote and not rel.startswith(RAW)]
        for rel in gone:
            (self.local / rel).unlink(missing_ok=True)
            self._prune(rel)
        local = self._scan_local()
        manifest = {rel: [*stat, *local.get(rel, (None, None))] for rel, stat in remote.items()}
        manifest.update({r: e for r, e in self._manifest.items() if r.startswith(RAW)})
        self._manifest = manifest
        self._save_manifest()
        if stale or gone:
            log.info("pulled %s: %d downloaded, %d removed", self.url, len(stale), len(gone))

    def _current(self, rel: str, remote: Stat, local: Stat | None) -> bool:
        entry = self._manifest.get(rel)
        return local is not None and entry is not None and entry == [*remote, *local]

    def _prune(self, rel: str) -> None:
        folder = (self.local / rel).parent
        while folder != self.local:
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent

    # -- push --------------------------------------------------------------------------
    def push(self) -> None:
        """Upload new or changed files and delete removed ones: rows first, state last."""
        local = self._scan_local()
        known = self._manifest
        raw = [r for r in local if r.startswith(RAW) and r not in known]
        if raw and not self._listed_raw:  # new raw pages here: which of them does S3 hold?
            self._listed_raw = True
            known.update({r: [*st, None, None] for r, st in self._list(raw=True).items()})
            raw = [r for r in raw if r not in known]
        changed = [
            rel
            for rel, stat in local.items()
            if not rel.startswith(RAW) and (known.get(rel) or [None] * 4)[2:] != list(stat)
        ]
        removed = [r for r, e in known.items() if r not in local and e[2] is not None]
        removed = [r for r in removed if not r.startswith(RAW)]
        phases = [
            _phase([r for r in changed if not r.startswith(STATE)], removed, local, known, False),
            _phase([r for r in changed if r.startswith(STATE)], removed, local, known, True),
        ]
        self._parallel("upload raw pages to", self._upload, raw)
        for rel in (r for r in local if r.startswith(RAW)):
            known[rel] = [*known.get(rel, local[rel])[:2], *local[rel]]
        if not changed and not removed:
            self._save_manifest()
            return
        journal = any(p["deletes"] for p in phases)
        if journal:
            self._write_journal(phases)
        for phase in phases:
            self._parallel("upload to", self._upload, phase["sizes"])
            self._parallel("delete from", self._delete, phase["deletes"])
        remote = self._list()
        fresh = {rel: [*stat, *local.get(rel, (None, None))] for rel, stat in remote.items()}
        fresh.update({r: e for r, e in known.items() if r.startswith(RAW)})
        self._manifest = fresh
        self._save_manifest()
        if journal:
            self._parallel("clear the journal of", self._delete, [JOURNAL])
        log.info(
            "pushed %s: %d raw, %d files, %d deleted", self.url, *map(len, (raw, changed, removed))
        )

    # -- journal -----------------------------------------------------------------------
    def _write_journal(self, phases: list[dict[str, Any]]) -> None:
        body = json.dumps({"phases": phases}).encode("utf-8")
        try:
            with self.fs.open_output_stream(self.url.key(JOURNAL)) as out:
                out.write(body)
        except OSError as exc:
            raise self._fail("cannot write the journal of", exc) from exc

    def _recover(self) -> None:
        """Finish (or roll back) a push that was interrupted, before anything else is read."""
        try:
            with self.fs.open_input_stream(self.url.key(JOURNAL)) as src:
                journal = json.loads(src.read())
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            raise self._fail("cannot read the journal of", exc) from exc
        remote = self._list()
        outcome = "finished"
        for phase in journal.get("phases", []):
            sizes: dict[str, int] = phase.get("sizes", {})
            if all(remote.get(rel, (None,))[0] == size for rel, size in sizes.items()):
                self._parallel("delete from", self._delete, phase.get("deletes", []))
                continue
            new = [r for r in phase.get("new", []) if r in remote]
            self._parallel("delete from", self._delete, new)
            outcome = "rolled back the unfinished step of"
            break
        self._parallel("clear the journal of", self._delete, [JOURNAL])
        log.warning("%s an interrupted push to %s", outcome, self.url)


def _phase(
    uploads: list[str],
    removed: list[str],
    local: dict[str, Stat],
    known: dict[str, Any],
    state: bool,
) -> dict[str, Any]:
    """Return one step of a push as journal data: uploads with sizes, deletes, new keys."""
    return {
        "sizes": {r: local[r][0] for r in sorted(uploads)},
        "deletes": sorted(r for r in removed if r.startswith(STATE) == state),
        "new": sorted(r for r in uploads if r not in known),
    }
