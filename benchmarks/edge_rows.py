"""Derive edge-model training rows from the labelled dev pages, stored as hashed features only.

Usage: .venv/bin/python benchmarks/edge_rows.py [--out FILE] SET_DIR...

Each SET_DIR is an archive set (pages/, labels.json, a benchmarks/*_split.toml naming its
repositories); only its dev part is read, and realnews dev is added. Every page is extracted and
stripped per source as an ingest does, with the edge classifier switched off, so the edge lines it
would judge are all there. Each sentence of the eligible paragraphs in the edge window (the first
HEAD and last TAIL paragraphs) becomes a row: chrome if it overlaps a labelled chrome span, else
body. A row is stored as the sorted hash buckets of its features (n-gram and structure buckets apart) (extractors/edgechrome.features),
never as text, so no third-party sentence enters the repository; its group is the source (set and
repository or outlet), so `edge_model.py` holds a whole source out at a time; with it the topic
share the gate would see (extractors/edgechrome.TOPIC_SHARE), a number, and the paragraph's
distance from its edge (pos, 0 = the outermost paragraph).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
import archives  # noqa: E402  # sibling script, importable once benchmarks/ is on sys.path
import realnews  # noqa: E402  # sibling script, importable once benchmarks/ is on sys.path

from extractors import boilerplate, clean  # noqa: E402  # the project root goes on sys.path first
from extractors.edgechrome import (  # noqa: E402  # the project root goes on sys.path first
    HEAD,
    TAIL,
    _bucket,
    _eligible,
    content_tokens,
    grams,
    sentences,
    structure,
    topic_share,
)
from extractors.language import convert_to_simplified  # noqa: E402  # the project root goes on sys.path first
from extractors.pipeline import process_page  # noqa: E402  # the project root goes on sys.path first
from extractors.rows import Page  # noqa: E402  # the project root goes on sys.path first

OUT = ROOT / "benchmarks" / "edge_training" / "dev_edges.jsonl"
_WS = re.compile(r"[\s*]+")
MIN_OVERLAP = 8  # a sentence inside a chrome span counts when it has this many characters


def _untrimmed(paras: list[str], *_args: object, **_kwargs: object) -> list[str]:
    return paras


def _pages(root: Path) -> list[tuple[str, Page, list[str]]]:
    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))["files"]
    dev = archives.split_of(labels)["dev"]["repos"]
    out = []
    for name, lab in sorted(labels.items()):
        if lab["repo"] in dev:
            body = (root / "pages" / name).read_bytes()
            page = Page(
                source=lab["repo"],
                body=body,
                fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
                path=name,
                timezone=lab["outlet_timezone"],
            )
            out.append((f"{root.name}:{lab['repo']}", page, lab["chrome_spans"]))
    return out


def _realnews_pages() -> list[tuple[str, Page, list[str]]]:
    labels = realnews.labels_of("dev")
    out = []
    for folder in realnews.FOLDERS:
        for path in sorted((realnews.CORPUS / folder / "pages").glob("*")):
            if path.name not in labels or realnews.split_of(folder, path.name) != "dev":
                continue
            src = f"realnews:{folder}:{realnews.outlet_of(folder, path.name)}"
            page = Page(
                source=src,
                body=path.read_bytes(),
                fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
                path=path.name,
                timezone="UTC",
            )
            out.append((src, page, labels[path.name].get("chrome_spans", [])))
    return out


def _is_chrome(sentence: str, spans: list[str]) -> bool:
    flat = _WS.sub("", sentence)
    for span in spans:
        squashed = _WS.sub("", span)
        if squashed and (squashed in flat or (len(flat) >= MIN_OVERLAP and flat in squashed)):
            return True
    return False


def rows(items: list[tuple[str, Page, list[str]]]) -> list[dict[str, object]]:
    """Return the feature rows of the items' edge sentences (edge classifier off)."""
    for module in (clean, boilerplate):  # the rows need every edge line: the classifier is off
        module.__dict__["trim_edge_chrome"] = _untrimmed
    arts, spans = {}, {}
    learners: dict[str, boilerplate.SourceBoilerplate] = defaultdict(boilerplate.SourceBoilerplate)
    for src, page, chrome in items:
        art = process_page(page).article
        if art is not None:
            key = f"{src}/{page.path}"
            arts[key], spans[key] = (src, art), chrome
            learners[src].observe(key, art.text)
    out: list[dict[str, object]] = []
    for key, (src, art) in sorted(arts.items()):
        text = boilerplate.strip_boilerplate(art, learners[src].keys()).text
        paras = [p for p in text.split("\n\n") if p.strip()]
        window = [(i, "head") for i in range(min(HEAD, len(paras)))]
        window += [(i, "tail") for i in range(max(HEAD, len(paras) - TAIL), len(paras))]
        simple = [convert_to_simplified(p) for p in paras]
        topics = {
            "head": content_tokens(" ".join(simple[HEAD:])),
            "tail": content_tokens(" ".join(simple[: len(simple) - TAIL])),
        }
        for i, side in window:
            if not _eligible(paras[i]):
                continue
            for sentence in sentences(paras[i]):
                s = sentence.strip()
                if not s:
                    continue
                ngram = sorted(_bucket(t) for t in grams(convert_to_simplified(s)))
                shape = sorted(_bucket("s:" + t) for t in structure(s, side))
                pos = i if side == "head" else len(paras) - 1 - i  # 0: the outermost paragraph
                row = {"group": src, "side": side, "pos": pos, "chrome": _is_chrome(s, spans[key])}
                share = topic_share(convert_to_simplified(s), topics[side])
                out.append(row | {"topic": round(share, 3), "ngram": ngram, "shape": shape})
    return out


def main() -> int:
    """Write the rows of the dev parts named on the command line plus realnews dev."""
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    items = [item for root in args.sets for item in _pages(root)] + _realnews_pages()
    found = rows(items)
    head = {
        "about": "edge sentences of labelled dev pages as hashed feature buckets (no text); "
        "written by benchmarks/edge_rows.py",
        "sets": [*sorted(root.name for root in args.sets), "realnews dev"],
    }
    lines = [json.dumps(head)] + [json.dumps(row) for row in found]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chrome = sum(bool(r["chrome"]) for r in found)
    print(
        f"wrote {args.out}: {len(found)} rows, {chrome} chrome, {len({r['group'] for r in found})} sources"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
