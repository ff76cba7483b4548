"""Speed: signal detection time vs extraction time per article, printed as a ratio."""

# Usage: .venv/bin/python benchmarks/signals.py [--repeat N] [--pages seeds-cwce|policy|ingest]
# Pages: ../shared/seeds/*.txt and ../shared/corpus/cwce/original/*.html (default); `policy`: the
# realnews dev pages labelled AI policy (what detection really works on); `ingest`: the aeb and
# cwce pages benchmarks/throughput.py ingests (one copy), whose ratio bounds what detection costs
# `radar ingest` throughput (extraction is most of a page's work there). Extraction is
# extractors.article.extract_article; if it cannot be imported, trafilatura.extract on text
# decoded as UTF-8 stands in (the output says which). Times are process CPU time, best of
# --repeat interleaved runs, so other jobs on a shared machine distort them less than wall time.
# Pages that go past detection's topic gate (the AI articles it really works on) get their own
# ratio line: on the mostly off-topic mixes, the whole-mix ratio hides what an AI article costs.

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractors.rows import Article, Page  # noqa: E402
from extractors.signals import detect_signals  # noqa: E402

SHARED = ROOT.parent / "shared"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


def list_pages() -> list[Page]:
    """Return the benchmark pages: the seeds and the cwce originals."""
    pages = [
        Page(
            source="seeds",
            body=p.read_bytes(),
            fetched_at=FETCHED,
            path=p.name,
            timezone="Asia/Shanghai",
        )
        for p in sorted((SHARED / "seeds").glob("*.txt"))
    ]
    pages += [
        Page(
            source="cwce",
            body=p.read_bytes(),
            fetched_at=FETCHED,
            path=p.name,
            timezone="Asia/Shanghai",
        )
        for p in sorted((SHARED / "corpus" / "cwce" / "original").glob("*.html"))
    ]
    return pages


def list_policy_pages() -> list[Page]:
    """Return the realnews dev pages labelled AI policy (the articles detection really works on)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from realnews import CORPUS, labels_of

    labels = labels_of("dev")
    pages = []
    for folder in ("zh", "hant", "en"):
        for path in sorted((CORPUS / folder / "pages").iterdir()):
            label = labels.get(path.name)
            if label is not None and label["is_ai_policy"]:
                zone = str(label.get("outlet_timezone") or "UTC")
                pages.append(Page("realnews", path.read_bytes(), FETCHED, path.name, timezone=zone))
    return pages


def list_ingest_pages() -> list[Page]:
    """Return the pages of benchmarks/throughput.py's corpus: the aeb and cwce HTML pages."""
    import gzip

    corpus = SHARED / "corpus"
    pages = [
        Page("aeb", gzip.decompress(p.read_bytes()), FETCHED, p.name, timezone="Asia/Shanghai")
        for p in sorted((corpus / "aeb" / "html").glob("*.html.gz"))
    ]
    pages += [
        Page("cwce", p.read_bytes(), FETCHED, p.name, timezone="Asia/Shanghai")
        for p in sorted((corpus / "cwce" / "original").glob("*.html"))
    ]
    return pages


def _extract_stand_in(page: Page) -> Article:
    """Extract with trafilatura on UTF-8-decoded text (stand-in for extract_article)."""
    import trafilatura

    text = trafilatura.extract(page.body.decode("utf-8", "replace")) or ""
    return Article(
        article_id=page.locator,
        source=page.source,
        url=None,
        path=page.path,
        title=None,
        author=None,
        outlet=None,
        published_at=None,
        fetched_at=page.fetched_at,
        language="zh",
        text=text,
        text_hans=None,
        content_hash="",
        extractor_version="stand-in",
    )


def choose_extractor() -> tuple[str, Callable[[Page], Article]]:
    """Return the extractor to time and its label."""
    try:
        from extractors.article import extract_article
    except ImportError:
        return "trafilatura.extract stand-in", _extract_stand_in
    return "extractors.article.extract_article", extract_article


def _time_once(fn: Callable[[], object]) -> float:
    """Return the CPU time in seconds of one call (robust to other processes on the box)."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def passes_topic_gate(article: Article) -> bool | None:
    """Return whether detection goes past its topic gate on an article (None: no gate found)."""
    from extractors.signals import detect
    from extractors.signals.align import build_match_text

    gate = getattr(detect, "mentions_ai", None)
    if gate is None:
        return None
    return bool(gate(build_match_text(article.text or "", article.text_hans).text))


def _ratio_line(label: str, pairs: list[tuple[float, float]]) -> str:
    """Return the total and median detection/extraction ratio of (extraction, detection) times."""
    total = sum(d for _, d in pairs) / sum(e for e, _ in pairs)
    median = statistics.median(d / e for e, d in pairs)
    return f"{label}: {len(pairs)} pages, ratio total {total:.3f}, median {median:.3f}"


def _clear_signal_caches() -> None:
    """Empty the per-sentence caches, so a repeat does not time cache hits on the same article."""
    from extractors.signals.merge import slugify
    from extractors.signals.rules import has_ai_context

    has_ai_context.cache_clear()
    slugify.cache_clear()


def time_pair(
    extract: Callable[[], object], detect: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Return the best extraction and detection times, measured interleaved (same load)."""
    best_e = best_d = float("inf")
    for _ in range(repeat):
        best_e = min(best_e, _time_once(extract))
        _clear_signal_caches()
        best_d = min(best_d, _time_once(detect))
    return best_e, best_d


def main() -> None:
    """Time extraction and detection per page and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--pages",
        choices=("seeds-cwce", "policy", "ingest"),
        default="seeds-cwce",
        help="seeds + cwce originals (mostly off-topic), the realnews dev AI-policy pages, or "
        "the aeb + cwce pages of benchmarks/throughput.py",
    )
    args = parser.parse_args()
    label, extract = choose_extractor()
    listing = {"seeds-cwce": list_pages, "policy": list_policy_pages, "ingest": list_ingest_pages}
    pages = listing[args.pages]()
    detect_signals(extract(pages[0]))  # warm caches (lexicon, cues, OpenCC) outside the timing
    ratios: list[float] = []
    worst: list[tuple[float, str, float, float]] = []
    gated: list[tuple[float, float]] = []  # (extraction, detection) of pages past the topic gate
    total_extract = total_detect = 0.0
    n_rows = 0
    for page in pages:
        try:
            article = extract(page)
        except Exception as exc:  # a rejected page has no article to detect on
            print(f"{page.locator}: extraction failed ({type(exc).__name__}), skipped")
            continue
        t_extract, t_detect = time_pair(
            lambda p=page: extract(p),  # type: ignore[misc]
            lambda a=article: detect_signals(a),  # type: ignore[misc]
            args.repeat,
        )
        worst.append((t_detect / t_extract, page.locator, t_extract * 1000, t_detect * 1000))
        if passes_topic_gate(article):
            gated.append((t_extract, t_detect))
        n_rows += len(detect_signals(article))
        total_extract += t_extract
        total_detect += t_detect
        ratios.append(t_detect / t_extract if t_extract > 0 else 0.0)
    print(f"extractor: {label}; pages timed: {len(ratios)}; signal rows: {n_rows}")
    print(
        f"extraction total {total_extract * 1000:.1f} ms, detection total {total_detect * 1000:.1f} ms"
    )
    print(
        f"ratio detection/extraction: total {total_detect / total_extract:.3f}, "
        f"median per article {statistics.median(ratios):.3f}, "
        f"p90 {statistics.quantiles(ratios, n=10)[-1]:.3f}, max {max(ratios):.3f}"
    )
    if gated:  # the AI articles detection really works on (the others stop at the gate)
        print(_ratio_line("past the topic gate", gated))
    over = sum(r > 0.2 for r in ratios)
    print(f"articles over 20%: {over}/{len(ratios)}; highest:")
    for ratio, name, t_e, t_d in sorted(worst, reverse=True)[: max(3, over)]:
        print(f"  {name}: extraction {t_e:.1f} ms, detection {t_d:.2f} ms, ratio {ratio:.3f}")


if __name__ == "__main__":
    main()
