"""One source at a time: pages from a source go through the page pool and are committed.

``source`` is the loop of one source (skip unchanged pages, commit in batches); ``pool`` the
page pool, local worker processes or ``dask_batches`` on a Dask cluster; ``boilerplate`` learns
a source's repeated lines and hands the pages to re-extract back to the same pool. The
forkserver (and a Dask worker's ``--preload``) imports ``flows.prewarm``.
"""

from flows.runner.pool import PagePool, default_workers, warm_forkserver
from flows.runner.source import COMMIT_PAGES, COMMIT_SECONDS, SourceIngest

__all__ = [
    "COMMIT_PAGES",
    "COMMIT_SECONDS",
    "PagePool",
    "SourceIngest",
    "default_workers",
    "warm_forkserver",
]
