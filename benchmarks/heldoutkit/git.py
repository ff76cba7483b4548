"""Read pages back from the `fetch` tool's snapshots (MIRROR/owner+name/repo, a bare git directory)."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path
from typing import Any

__all__ = ["git_blob_id", "git_dir", "page_bytes"]


def git_dir(mirror: Path, repo: str) -> Path | None:
    """Return the git directory of a fetched repository (MIRROR/owner+name/repo[/.git]), if present."""
    base = mirror / repo.replace("/", "+")
    for candidate in (base / "repo", base / "repo" / ".git", base / ".git", base):  # snapshot forms
        if (candidate / "objects").is_dir() and (candidate / "HEAD").is_file():
            return candidate
    return None


def git_blob_id(raw: bytes) -> str:
    """Return git's object id of a file with these bytes."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


def _git(gitdir: Path, *args: str) -> bytes | None:
    """Return the output of one git command on a fetched snapshot, or None when it fails."""
    done = subprocess.run(
        ["git", "--git-dir", str(gitdir), *args], capture_output=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


def _page_path(gitdir: Path, page: dict[str, Any]) -> str | None:
    """Return the page's path in its commit (found by its hash when only that is stored)."""
    if "path" in page:
        return str(page["path"])
    listing = _git(gitdir, "ls-tree", "-r", "-z", "--full-tree", page["commit"])
    for entry in (listing or b"").split(b"\0"):
        meta, _, name = entry.partition(b"\t")
        path = name.decode("utf-8", "surrogateescape")
        if meta.endswith(page["blob"].encode()) and (
            hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()
            == page["path_sha256"]
        ):
            return path
    return None


def page_bytes(gitdir: Path, page: dict[str, Any]) -> tuple[str, bytes] | None:
    """Return the path and bytes of a manifest page in its commit, or None when the snapshot lacks it."""
    path = _page_path(gitdir, page)
    raw = None if path is None else _git(gitdir, "cat-file", "blob", f"{page['commit']}:{path}")
    return None if path is None or raw is None else (path, raw)
