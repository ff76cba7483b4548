"""Readers and set-up of one DATA never fail while another process commits to it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from relkit import REPO

from storage.store import Store, published_days

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from storage.state import PageState, make_page_key
    from storage.store import Store

    store = Store(sys.argv[1])
    for i in range(int(sys.argv[2])):
        rows = [
            PageState(make_page_key("w", f"u{i}-{j}"), "w", f"u{i}-{j}", None, None, None,
                      None, datetime.now(UTC), "v", "article", None)
            for j in range(3)
        ]
        store.commit_results([], rows)  # each commit rewrites the state/pages folder
    """
)


def test_reads_and_prepare_survive_a_concurrent_writer(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Store(data).prepare()
    commits = 60
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data), str(commits)],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    reads = 0
    try:
        while writer.poll() is None:
            store = Store(data)
            store.prepare()
            states = store.page_states("w")
            store.source_articles("w", ["article_id", "simhash"])
            published_days(store)
            assert all(s.source == "w" for s in states.values())
            reads += 1
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0
    assert reads > 1
    assert len(Store(data).page_states("w")) == commits * 3
    assert not list((data / ".staging").iterdir())
