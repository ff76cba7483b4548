"""Check that a change to signal detection leaves its output unchanged for the same model file.

Usage: .venv/bin/python benchmarks/signal_identity.py dump OUT.jsonl
       .venv/bin/python benchmarks/signal_identity.py compare BEFORE.jsonl AFTER.jsonl

`dump` runs detect_signals on a fixed set of texts and writes, per text, the rows it returns
(their repr), the hashed features of every scored sentence and amount (sorted bucket ids) and
the calibrated probabilities. `compare` reports every text whose rows or features differ, and
the largest probability difference (summation order may move the last bits). Texts: the seeds
(extracted, and raw with no text_hans), the realnews **dev** pages (extracted with and without
text_hans), the aeb and cwce pages, the project's own example pages and training sentences, and
every string literal of tests/extractors/signals. The test split of realnews is never read.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import gzip
import hashlib
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "benchmarks"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from extractors.article import extract_article  # noqa: E402
from extractors.exceptions import ExtractionError  # noqa: E402
from extractors.rows import Article, Page  # noqa: E402
from extractors.signals import detect_signals  # noqa: E402
from extractors.signals.classify import analyse, load_model  # noqa: E402
from extractors.signals.encoder_head import type_probabilities  # noqa: E402
from extractors.signals.places import region_of  # noqa: E402

SHARED = ROOT.parent / "shared"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


def _article(text: str, name: str, text_hans: str | None = None) -> Article:
    """Return a bare article holding a text (published 2025-01-04)."""
    return Article(
        article_id=name,
        source="identity",
        url=None,
        path=name,
        title=None,
        author=None,
        outlet=None,
        published_at=datetime(2025, 1, 4, tzinfo=UTC),
        fetched_at=FETCHED,
        language="zh",
        text=text,
        text_hans=text_hans,
        content_hash="",
        extractor_version="identity",
    )


def _pages() -> Iterator[tuple[str, Page]]:
    """Yield (case name, page) for the seeds, realnews dev, aeb and cwce pages."""
    from realnews import CORPUS, labels_of

    for p in sorted((SHARED / "seeds").glob("*.txt")):
        yield "seed/" + p.name, Page("seeds", p.read_bytes(), FETCHED, p.name, "Asia/Shanghai")
    labels = labels_of("dev")
    for folder in ("zh", "hant", "en"):
        for p in sorted((CORPUS / folder / "pages").iterdir()):
            label = labels.get(p.name)
            if label is None:
                continue  # a test-split page: never read
            zone = str(label.get("outlet_timezone") or "UTC")
            yield "dev/" + p.name, Page("realnews", p.read_bytes(), FETCHED, p.name, timezone=zone)
    for p in sorted((SHARED / "corpus" / "aeb" / "html").glob("*.html.gz")):
        body = gzip.decompress(p.read_bytes())
        yield "aeb/" + p.name, Page("aeb", body, FETCHED, p.name, "Asia/Shanghai")
    for p in sorted((SHARED / "corpus" / "cwce" / "original").glob("*.html")):
        yield "cwce/" + p.name, Page("cwce", p.read_bytes(), FETCHED, p.name, "Asia/Shanghai")
    for p in sorted((ROOT / "examples" / "pages").rglob("*")):
        if p.is_file():
            yield "example/" + p.name, Page("examples", p.read_bytes(), FETCHED, p.name, "UTC")


def _texts() -> Iterator[tuple[str, str]]:
    """Yield (case name, text) for the seeds' raw text, training sentences and test literals."""
    for p in sorted((SHARED / "seeds").glob("*.txt")):
        yield "seed-raw/" + p.name, p.read_text(encoding="utf-8")
    examples = ROOT / "benchmarks" / "signal_training" / "examples.jsonl"
    for i, line in enumerate(examples.read_text(encoding="utf-8").splitlines()):
        if line.startswith("{"):
            yield f"examples.jsonl/{i}", str(json.loads(line)["text"])
    for p in sorted((ROOT / "tests" / "extractors" / "signals").glob("*.py")):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and len(node.value) >= 8
            ):
                digest = hashlib.sha1(node.value.encode("utf-8", "surrogatepass")).hexdigest()[:12]
                yield f"tests/{p.name}/{digest}", node.value


def _record(name: str, article: Article, region: str | None) -> dict[str, object]:
    """Return the rows, features and probabilities of one article."""
    try:
        rows = [repr(dataclasses.astuple(s)) for s in detect_signals(article, region)]
    except Exception as exc:  # an error is an output too: it must not change either
        rows = [f"error: {type(exc).__name__}: {exc}"]
    model = load_model()
    try:
        analysis = analyse(article.text or "", article.text_hans, region)
    except Exception as exc:  # the same error must come back
        error = f"error: {type(exc).__name__}: {exc}"
        return {"case": name, "rows": rows, "scored": [error], "sentences": [], "amounts": []}
    sentences = [sorted(int(b) for b in f) for f in analysis.features]
    amounts = [sorted(int(b) for b in a.features) for a in analysis.amounts]
    probs = type_probabilities(model, analysis).round(12).tolist()
    money = model.money_head.predict(amounts).round(12).tolist()
    return {
        "case": name,
        "rows": rows,
        "scored": list(analysis.sentences),
        "sentences": sentences,
        "amounts": amounts,
        "type_probs": probs,
        "money_probs": money,
    }


def dump(out: Path) -> int:
    """Write one JSON line per case; return the number of cases."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for name, page in _pages():
            try:
                article = extract_article(page)
            except ExtractionError:
                continue
            region = region_of(page.timezone, article.url, article.language)
            fh.write(json.dumps(_record(name, article, region), ensure_ascii=False) + "\n")
            unconverted = dataclasses.replace(article, text_hans=None)
            fh.write(json.dumps(_record(name + "#no-hans", unconverted, region)) + "\n")
            n += 2
        for name, text in _texts():
            fh.write(json.dumps(_record(name, _article(text, name), None)) + "\n")
            n += 1
    return n


def _max_diff(a: list[list[float]], b: list[list[float]]) -> float:
    """Return the largest absolute difference of two equally shaped tables."""
    return max(
        (abs(x - y) for ra, rb in zip(a, b, strict=True) for x, y in zip(ra, rb, strict=True)),
        default=0.0,
    )


def compare(before: Path, after: Path) -> int:
    """Print the cases that differ; return the number of differing cases."""
    old = {r["case"]: r for r in map(json.loads, before.read_text(encoding="utf-8").splitlines())}
    new = {r["case"]: r for r in map(json.loads, after.read_text(encoding="utf-8").splitlines())}
    only = len(set(old) ^ set(new))  # texts added to or removed from the tests
    bad = 0
    worst = 0.0
    n_rows = 0
    common = [c for c in old if c in new]
    for case in common:
        a, b = old[case], new[case]
        n_rows += len(a["rows"])
        diffs = [k for k in ("rows", "scored", "sentences", "amounts") if a[k] != b[k]]
        if not diffs and "type_probs" in a and len(a["type_probs"]) == len(b["type_probs"]):
            worst = max(worst, _max_diff(a["type_probs"], b["type_probs"]))
            worst = max(worst, _max_diff(a["money_probs"], b["money_probs"]))
        if diffs:
            bad += 1
            print(f"{case}: {', '.join(diffs)} differ")
    print(f"{only} cases in one dump only (test texts added or removed)")
    print(
        f"{len(common)} cases compared, {n_rows} rows before; {bad} differ; max probability diff {worst:.2e}"
    )
    return bad


def main() -> int:
    """Dump or compare."""
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.cmd == "dump":
        print(f"{dump(args.out)} cases written to {args.out}")
        return 0
    return 1 if compare(args.before, args.after) else 0


if __name__ == "__main__":
    raise SystemExit(main())
