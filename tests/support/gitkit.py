"""Commit files to a throwaway git repository, as a fetched snapshot of a set's source would be."""

from __future__ import annotations

import subprocess
from pathlib import Path

_AUTHOR = ["-c", "user.name=t", "-c", "user.email=t@example.org"]


def commit_files(root: Path, files: dict[str, bytes]) -> tuple[Path, str]:
    """Write files under root/work, commit them; return the git directory and the commit."""
    work = root / "work"
    for name, data in files.items():
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    subprocess.run(["git", "-C", str(work), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(work), *_AUTHOR, "commit", "-qm", "pages"], check=True)
    head = subprocess.run(
        ["git", "-C", str(work), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    return work / ".git", head
