"""The S3 mirror: pushes in order, and a push cut short is finished or rolled back next time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from s3kit import listing, new_bucket

from extractors.exceptions import StorageError
from extractors.rows import Reject
from storage.remote import JOURNAL, Mirror
from storage.state import PageState, make_page_key
from storage.store import Store

WHEN = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)


def state(locator: str, raw_hash: str) -> PageState:
    return PageState(
        page_key=make_page_key("src", locator),
        source="src",
        locator=locator,
        raw_hash=raw_hash,
        content_type="text/html",
        etag=None,
        last_modified=None,
        fetched_at=WHEN,
        extractor_version="test",
        outcome="reject",
        article_id=None,
    )


def fresh_store(url: str, cache: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """Return a Store of ``url`` with an empty mirror (another machine)."""
    monkeypatch.setenv("RADAR_CACHE", str(cache))
    store = Store(url)
    store.prepare()
    return store


def hashes(store: Store) -> dict[str, str | None]:
    return {row.locator: row.raw_hash for row in store.read_rows("pages")}


def remote_state_files(endpoint: str, bucket: str) -> list[str]:
    return sorted(k for k in listing(endpoint, bucket) if "/state/pages/part-" in k)


@pytest.fixture
def url(s3_endpoint: str, aws_env: Path) -> str:
    return f"s3://{new_bucket(s3_endpoint)}/radar"


def test_raw_pages_and_rows_round_trip(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = fresh_store(url, tmp_path / "a", monkeypatch)
    raw_hash = first.raw.put(b"<html>page</html>")
    first.write_rows("pages", [state("p1", raw_hash)])
    other = fresh_store(url, tmp_path / "b", monkeypatch)
    assert hashes(other) == {"p1": raw_hash}
    assert not other.raw.path_for(raw_hash).exists()  # raw pages are fetched only when read
    assert other.raw.get(raw_hash) == b"<html>page</html>"
    assert not other.raw.has("0" * 64)


def test_interrupted_push_is_finished(
    s3_endpoint: str, url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = fresh_store(url, tmp_path / "a", monkeypatch)
    store.write_rows("pages", [state("p1", "a" * 64), state("p2", "b" * 64)])
    bucket = url.removeprefix("s3://").split("/")[0]
    (old,) = remote_state_files(s3_endpoint, bucket)

    def crash(self: Mirror, rel: str) -> None:
        raise OSError("killed after the uploads")

    with monkeypatch.context() as patch:
        patch.setattr(Mirror, "_delete", crash)
        with pytest.raises(StorageError, match="killed after the uploads"):
            store.write_rows("pages", [state("p1", "c" * 64)])  # rewrites the state file
    assert old in remote_state_files(s3_endpoint, bucket)
    assert len(remote_state_files(s3_endpoint, bucket)) == 2  # old and new: both visible now
    assert f"{bucket}/radar/{JOURNAL}".split("/", 1)[1] in listing(s3_endpoint, bucket)
    other = fresh_store(url, tmp_path / "b", monkeypatch)
    assert old in remote_state_files(s3_endpoint, bucket)  # reading does not recover
    with other.session():  # the next write session does, before it reads anything
        pass
    assert old not in remote_state_files(s3_endpoint, bucket)
    assert hashes(other) == {"p1": "c" * 64, "p2": "b" * 64}
    assert not [k for k in listing(s3_endpoint, bucket) if k.endswith(JOURNAL)]


def reject(reject_id: str, month: int, detail: str) -> Reject:
    seen = datetime(2025, month, 6, tzinfo=UTC)
    return Reject(reject_id, "src", f"{reject_id}.html", None, "empty", detail, seen)


def test_push_cut_during_uploads_is_rolled_back(
    s3_endpoint: str, url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = fresh_store(url, tmp_path / "a", monkeypatch)
    store.write_rows("rejects", [reject("r1", 1, "first")])
    bucket = url.removeprefix("s3://").split("/")[0]
    before = sorted(k for k in listing(s3_endpoint, bucket) if "/month=01/part-" in k)
    real_upload = Mirror._upload

    def die_on_february(self: Mirror, rel: str) -> None:
        if "month=02" in rel:
            raise OSError("killed during the uploads")
        real_upload(self, rel)

    change = [reject("r1", 1, "second"), reject("r2", 2, "new")]  # rewrites January, adds February
    with monkeypatch.context() as patch:
        patch.setattr(Mirror, "_upload", die_on_february)
        with pytest.raises(StorageError, match="killed during the uploads"):
            store.write_rows("rejects", change)
    january = sorted(k for k in listing(s3_endpoint, bucket) if "/month=01/part-" in k)
    assert len(january) == 2  # old and new January files: duplicate rows until recovery
    other = fresh_store(url, tmp_path / "b", monkeypatch)
    with other.session():  # rolls back: the old file stays
        pass
    assert sorted(k for k in listing(s3_endpoint, bucket) if "/month=01/part-" in k) == before
    assert [r.detail for r in other.read_rows("rejects")] == ["first"]
    store.write_rows("rejects", change)  # the first machine pulls, then commits again
    rows = fresh_store(url, tmp_path / "c", monkeypatch).read_rows("rejects")
    assert sorted(r.detail for r in rows) == ["new", "second"]
