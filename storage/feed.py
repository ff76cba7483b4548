"""What the Atom feed of the digests is built from: every week's rows and their articles' outlets."""

from __future__ import annotations

from datetime import date

import pyarrow.compute as pc

from extractors.digest.model import ArticleRef
from extractors.rows import DigestItem
from storage.store import Store

OUTLET_COLUMNS = ["article_id", "source", "url", "outlet", "near_duplicate_of"]


def read_feed_inputs(store: Store) -> tuple[list[DigestItem], dict[str, ArticleRef]]:
    """Return every `digest_items` row and, by id, the outlet fields of the articles they cite.

    The ArticleRefs carry only what outlet counting reads (their day is not used).
    """
    items: list[DigestItem] = store.read_rows("digest_items")
    ids = sorted({a for item in items for a in item.article_ids})
    refs: dict[str, ArticleRef] = {}
    if not ids:
        return items, refs
    where = pc.field("article_id").isin(ids)
    for _, table in store.dataset.read("articles", OUTLET_COLUMNS, where):
        for rec in table.to_pylist():
            refs[rec["article_id"]] = ArticleRef(
                article_id=rec["article_id"],
                day=date.min,
                source=rec["source"],
                outlet=rec["outlet"],
                url=rec["url"],
                near_duplicate_of=rec["near_duplicate_of"],
            )
    return items, refs
