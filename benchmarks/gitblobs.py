"""Files of one commit of a fetched mirror, read with git (no work tree, no `git archive`)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path


def holds(git_dir: Path, commit: str) -> bool:
    """Return True when the git directory holds the commit."""
    probe = ["git", "--git-dir", str(git_dir), "cat-file", "-e", f"{commit}^{{commit}}"]
    return subprocess.run(probe, capture_output=True).returncode == 0


def read_files(
    git_dir: Path, commit: str, wanted: Callable[[str], bool], folders: Sequence[str] = ()
) -> dict[str, bytes]:
    """Return the commit's blobs whose path wanted accepts (under folders if given), by path."""
    # One ls-tree and one cat-file --batch: a snapshot may lack large blobs that `git archive`
    # would refuse, and only the files asked for are read.
    git = ["git", "--git-dir", str(git_dir)]
    listing = subprocess.run(
        [*git, "ls-tree", "-r", "-z", commit, "--", *folders], check=True, capture_output=True
    ).stdout.decode("utf-8")
    paths: list[tuple[str, str]] = []
    for row in filter(None, listing.split("\0")):
        meta, path = row.split("\t", 1)
        kind, sha = meta.split()[1:3]
        if kind == "blob" and wanted(path):
            paths.append((sha, path))
    data = subprocess.run(
        [*git, "cat-file", "--batch"],
        input="".join(f"{sha}\n" for sha, _ in paths).encode(),
        check=True,
        capture_output=True,
    ).stdout
    files: dict[str, bytes] = {}
    at = 0
    for _sha, path in paths:
        header_end = data.index(b"\n", at)
        size = int(data[at:header_end].split()[2])
        files[path] = data[header_end + 1 : header_end + 1 + size]
        at = header_end + 2 + size
    return files
