"""Files beside the weekly digests: the feed (rewritten only on change) and the measures pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractors.exceptions import StorageError
from storage.digests import feed_path, read_feed, write_feed, write_measure_pages


def test_feed_is_written_atomically_and_only_when_changed(tmp_path: Path) -> None:
    assert read_feed(tmp_path) is None
    path = write_feed(tmp_path, "<feed>1</feed>\n")
    assert path == feed_path(tmp_path) == tmp_path / "digests" / "feed.xml"
    assert read_feed(tmp_path) == "<feed>1</feed>\n"
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    write_feed(tmp_path, "<feed>1</feed>\n")
    assert path.stat().st_mtime_ns == 1_000_000_000, "same text: the file is not rewritten"
    write_feed(tmp_path, "<feed>2</feed>\n")
    assert read_feed(tmp_path) == "<feed>2</feed>\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["feed.xml"], "no temp file left"


def test_an_undecodable_feed_reads_as_absent(tmp_path: Path) -> None:
    feed_path(tmp_path).parent.mkdir(parents=True)
    feed_path(tmp_path).write_bytes(b"\xff\xfe\x00<feed")
    assert read_feed(tmp_path) is None


def test_measure_pages_are_written_beside_the_weeks(tmp_path: Path) -> None:
    md, html = write_measure_pages(tmp_path, "# m\n", "<!DOCTYPE html>\n")
    assert (md, html) == (
        tmp_path / "digests" / "measures.md",
        tmp_path / "digests" / "measures.html",
    )
    assert md.read_text(encoding="utf-8") == "# m\n"


def test_an_unwritable_folder_is_a_storage_error(tmp_path: Path) -> None:
    (tmp_path / "digests").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(StorageError, match="cannot write the feed"):
        write_feed(tmp_path, "<feed/>")
    with pytest.raises(StorageError, match="cannot write the measures page"):
        write_measure_pages(tmp_path, "x", "y")
